package org.latentnav.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.latentnav.data.CelebADataset;
import org.latentnav.data.DatasetException;
import org.latentnav.data.Split;
import org.latentnav.engine.Engines;
import org.latentnav.eval.FrechetDistance;
import org.latentnav.io.AtomicFiles;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.Generator;
import org.latentnav.model.Models;
import org.latentnav.train.Seeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Compares generated with real images through a regressor. */
@Command(
        name = "evaluate-gan",
        mixinStandardHelpOptions = true,
        description = {
            "Compare generated with held-out real images through a regressor.",
            "Reports the mean regressor prediction per attribute,",
            "and a Frechet distance on the regressor's penultimate features (not Inception FID),",
            "with the distance between two halves of the real images as the floor, and",
            "training against held-out images at the generated-vs-real sample size."
        })
public final class EvaluateGanCommand implements Callable<Integer> {
    @Mixin GeneratorOption generator;

    @Mixin RegressorOption regressor;

    @Option(
            names = "--data",
            required = true,
            description =
                    "CelebA-format folder: validation and test images are the real set, and as many"
                            + " training images give a second floor.")
    Path data;

    @Option(
            names = "--samples",
            defaultValue = "5000",
            description = "Generated and real images each (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(
            names = "--truncation",
            defaultValue = "1.0",
            description = "Truncation psi of the generated images (default: ${DEFAULT-VALUE}).")
    float truncation;

    @Option(names = "--out", required = true, description = "Markdown file for the results.")
    Path out;

    @Mixin DeviceOption device;

    @Override
    public Integer call() throws Exception {
        Device dev = device.device();
        try (Generator g = Models.loadGenerator(generator.folder(), dev);
                AttributeRegressor r = Models.loadRegressor(regressor.folder(), dev);
                NDManager manager = Engines.pytorch().newBaseManager(dev)) {
            List<float[]> realFeatures = new ArrayList<>();
            double[] realMeans = new double[r.attributes().size()];
            int realCount =
                    real(
                            r,
                            manager,
                            List.of(Split.VALIDATION, Split.TEST),
                            realFeatures,
                            realMeans);
            List<float[]> trainFeatures = new ArrayList<>();
            int trainCount = 0;
            try {
                trainCount =
                        real(
                                r,
                                manager,
                                List.of(Split.TRAIN),
                                trainFeatures,
                                new double[r.attributes().size()]);
            } catch (DatasetException e) {
                // A folder without training images still gets the held-out comparison.
                System.err.println(
                        "Note: " + e.getMessage() + " The equal-size floor row is left out.");
            }
            List<float[]> fakeFeatures = new ArrayList<>();
            double[] fakeMeans = new double[r.attributes().size()];
            generated(g, r, manager, fakeFeatures, fakeMeans);

            FrechetDistance.Statistics realStats =
                    FrechetDistance.Statistics.of(realFeatures.toArray(new float[0][]));
            FrechetDistance.Statistics fakeStats =
                    FrechetDistance.Statistics.of(fakeFeatures.toArray(new float[0][]));
            double distance = FrechetDistance.between(fakeStats, realStats);
            int half = realFeatures.size() / 2;
            double floor =
                    FrechetDistance.between(
                            FrechetDistance.Statistics.of(
                                    realFeatures.subList(0, half).toArray(new float[0][])),
                            FrechetDistance.Statistics.of(
                                    realFeatures.subList(half, 2 * half).toArray(new float[0][])));
            // The estimate's bias grows as samples shrink, so the half-size floor overstates what
            // equal-size real sets reach. Training against held-out images measures that.
            double sameSizeFloor =
                    trainFeatures.size() < 2
                            ? Double.NaN
                            : FrechetDistance.between(
                                    FrechetDistance.Statistics.of(
                                            trainFeatures.toArray(new float[0][])),
                                    realStats);
            StringBuilder md = new StringBuilder();
            md.append(
                    String.format(
                            Locale.ROOT,
                            "Generated: %d images at truncation %.2f from `%s`. Real: %d held-out images (validation and test"
                                    + " splits of %s). Judge: `%s`.%n%n",
                            samples,
                            truncation,
                            g.card().id,
                            realCount,
                            data,
                            r.card().id));
            md.append(
                    "| attribute | mean prediction, generated | mean prediction, real |\n|---|---|---|\n");
            for (int a = 0; a < realMeans.length; a++) {
                md.append(
                        String.format(
                                Locale.ROOT,
                                "| %s | %.3f | %.3f |%n",
                                r.attributes().get(a),
                                fakeMeans[a] / samples,
                                realMeans[a] / realCount));
            }
            md.append(
                    String.format(
                            Locale.ROOT,
                            "%nFrechet distance on the %s penultimate features (%d dimensions; not Inception FID):%n%n"
                                    + "| pair | distance |%n|---|---|%n| generated vs real | %.3f |%n| real half vs real half (floor) | %.3f |%n"
                                    + "| ratio | %.2f |%n",
                            r.card().id,
                            realFeatures.get(0).length,
                            distance,
                            floor,
                            distance / floor));
            if (!Double.isNaN(sameSizeFloor)) {
                md.append(
                        String.format(
                                Locale.ROOT,
                                "| real training vs real held-out (%d vs %d images) | %.3f |%n"
                                        + "| ratio to it | %.2f |%n",
                                trainCount,
                                realCount,
                                sameSizeFloor,
                                distance / sameSizeFloor));
            }
            AtomicFiles.writeBytes(out, md.toString().getBytes(StandardCharsets.UTF_8));
            System.out.print(md);
        }
        return 0;
    }

    /** Reads up to --samples images of the given splits through the regressor. */
    private int real(
            AttributeRegressor r,
            NDManager manager,
            List<Split> splits,
            List<float[]> features,
            double[] means)
            throws Exception {
        List<CelebADataset> sets = new ArrayList<>();
        for (Split split : splits) {
            CelebADataset set =
                    CelebADataset.builder()
                            .root(data)
                            .split(split)
                            .resolution(r.resolution())
                            .build();
            set.prepare(null);
            sets.add(set);
        }
        int count = 0;
        int res = r.resolution();
        List<float[]> batch = new ArrayList<>();
        for (CelebADataset set : sets) {
            for (int i = 0; i < set.size() && count < samples; i++, count++) {
                batch.add(set.image(i));
                if (batch.size() == 50) {
                    measure(r, manager, batch, res, features, means);
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            measure(r, manager, batch, res, features, means);
        }
        return count;
    }

    private static void measure(
            AttributeRegressor r,
            NDManager manager,
            List<float[]> images,
            int res,
            List<float[]> features,
            double[] means) {
        float[] pixels = new float[images.size() * 3 * res * res];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, pixels, i * 3 * res * res, 3 * res * res);
        }
        try (NDScope scope = new NDScope()) {
            NDArray x = manager.create(pixels, new Shape(images.size(), 3, res, res));
            accumulate(r, x, features, means);
            scope.suppressNotUsedWarning();
        }
    }

    private static void accumulate(
            AttributeRegressor r, NDArray images, List<float[]> features, double[] means) {
        float[] values = r.predict(images).toFloatArray();
        for (int i = 0; i < values.length; i++) {
            means[i % means.length] += values[i];
        }
        NDArray f = r.penultimate(images);
        int d = (int) f.getShape().get(1);
        float[] rows = f.toFloatArray();
        for (int b = 0; b < f.getShape().get(0); b++) {
            features.add(java.util.Arrays.copyOfRange(rows, b * d, (b + 1) * d));
        }
    }

    private void generated(
            Generator g,
            AttributeRegressor r,
            NDManager manager,
            List<float[]> features,
            double[] means) {
        SplittableRandom random = new SplittableRandom(31337);
        int m = g.latentSize();
        for (int done = 0; done < samples; done += 50) {
            int size = Math.min(50, samples - done);
            try (NDScope scope = new NDScope()) {
                NDArray z = manager.create(Seeds.gaussian(random, size * m), new Shape(size, m));
                NDArray images =
                        g.synthesis(g.broadcast(g.truncate(g.mapping(z), truncation)))
                                .clip(-1f, 1f);
                if (images.getShape().get(2) != r.resolution()) {
                    throw new IllegalArgumentException(
                            "The generator renders "
                                    + images.getShape().get(2)
                                    + " px but the regressor expects "
                                    + r.resolution()
                                    + " px.");
                }
                accumulate(r, images, features, means);
                scope.suppressNotUsedWarning();
            }
        }
    }
}
