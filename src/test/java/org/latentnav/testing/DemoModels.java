package org.latentnav.testing;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.latentnav.edit.DirectionKind;
import org.latentnav.edit.LatentSpace;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.DjlDiscriminator;
import org.latentnav.model.DjlFeatureExtractor;
import org.latentnav.model.DjlGenerator;
import org.latentnav.model.DjlRegressor;
import org.latentnav.model.ModelCard;
import org.latentnav.model.ModelFolder;
import org.latentnav.train.DirectionRun;
import org.latentnav.train.DirectionTrainingConfig;
import org.latentnav.train.LearningRateSchedule;

/**
 * Writes a models folder of tiny random models (16-pixel generator, VGG-19 regressors with 1/16 of
 * the channels) and two direction sets trained for a few iterations. UI tests and screenshots use
 * it in place of the real models. The faces it renders are coloured noise.
 *
 * <p>Run {@code main} with a folder to create one for manual runs: {@code LATENTNAV_MODELS=DIR}.
 */
public final class DemoModels {
    /** Ids of the two regressors; named like the real ones so the editor's defaults apply. */
    public static final String RESNET_ID = "regressor-resnet50";

    public static final String MOBILENET_ID = "regressor-mobilenetv2";

    private DemoModels() {}

    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args.length > 0 ? args[0] : "target/demo-models");
        write(dir, 24);
        System.out.println("Wrote demo models to " + dir.toAbsolutePath());
    }

    /**
     * Writes generator, discriminator, features-vgg19, two regressors and two direction sets, each
     * trained through one regressor for {@code iterations} iterations of batch 4.
     */
    public static void write(Path dir, int iterations) throws IOException {
        Files.createDirectories(dir);
        try (DjlGenerator g = TinyModels.generator(1);
                DjlDiscriminator d = TinyModels.discriminator(2);
                DjlFeatureExtractor f = TinyModels.features(4);
                DjlRegressor resnet = TinyModels.vggRegressor(3);
                DjlRegressor mobilenet = TinyModels.vggRegressor(5)) {
            save(dir, "generator", "Tiny test generator", g.card(), g);
            save(dir, "discriminator", "Tiny test discriminator", d.card(), d);
            save(dir, "features-vgg19", "Tiny test features", f.card(), f);
            saveRegressor(dir, RESNET_ID, resnet, 0.021, 41.0, 6.3);
            saveRegressor(dir, MOBILENET_ID, mobilenet, 0.027, 12.5, 1.9);
            train(dir, "directions-resnet50", g, d, resnet, f, iterations);
            train(dir, "directions-mobilenetv2", g, d, mobilenet, f, iterations);
        }
    }

    private static void save(Path dir, String id, String name, ModelCard card, AutoCloseable model)
            throws IOException {
        card.id = id;
        card.name = name;
        ai.djl.nn.Block block =
                model instanceof DjlGenerator
                        ? ((DjlGenerator) model).block()
                        : model instanceof DjlDiscriminator
                                ? ((DjlDiscriminator) model).block()
                                : ((DjlFeatureExtractor) model).block();
        ModelFolder.save(dir.resolve(id), card, block);
    }

    private static void saveRegressor(
            Path dir, String id, DjlRegressor regressor, double mse, double epoch, double ms)
            throws IOException {
        ModelCard card = regressor.card();
        card.id = id;
        card.name = "Tiny test regressor " + id;
        // Made-up figures so that the comparison view has something to show.
        card.quality.putAll(
                Map.of(
                        "validationMse", mse,
                        "secondsPerEpoch", epoch,
                        "inferenceMsPerImageBatch1", ms));
        ModelFolder.save(dir.resolve(id), card, regressor.block());
    }

    private static void train(
            Path dir,
            String id,
            DjlGenerator g,
            DjlDiscriminator d,
            AttributeRegressor r,
            DjlFeatureExtractor f,
            int iterations)
            throws IOException {
        DirectionTrainingConfig config = new DirectionTrainingConfig();
        config.attributes = List.copyOf(TinyModels.ATTRIBUTES);
        config.batchSize = 4;
        config.samplesPerEpoch = 4 * iterations;
        config.epochs = 1;
        config.schedule = LearningRateSchedule.constant(1e-2);
        config.kind = DirectionKind.GLOBAL;
        config.space = LatentSpace.W_PLUS;
        Path runs = Files.createTempDirectory("latentnav-demo-run");
        Path run = runs.resolve(id);
        DirectionRun directionRun = new DirectionRun(run, g, d, r, f, config, Device.cpu());
        Path out = directionRun.run("DemoModels.write");
        directionRun.trainer().close();
        Files.move(out, dir.resolve(id));
        deleteTree(runs);
    }

    /** Deletes a folder and everything in it. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
