package org.latentnav.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.latentnav.data.CelebADataset;
import org.latentnav.data.Split;
import org.latentnav.engine.Engines;
import org.latentnav.model.DjlFeatureExtractor;
import org.latentnav.model.DjlRegressor;
import org.latentnav.model.ModelCard;
import org.latentnav.model.ModelFolder;
import org.latentnav.model.Models;
import org.latentnav.regressor.RegressorMetrics;
import org.latentnav.regressor.RegressorTrainer;
import org.latentnav.regressor.RegressorTrainingConfig;
import org.latentnav.train.LearningRateSchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains an attribute regressor on a CelebA-format folder. */
@Command(
        name = "train-regressor",
        mixinStandardHelpOptions = true,
        description = {
            "Train a ResNet-50, MobileNetV2 or VGG-19 attribute regressor from scratch.",
            "Keeps the model with the best validation MSE in OUT/best (with test-split figures",
            "in its model card); for vgg19 also writes the feature layers to OUT/features.",
            "Running the same command again resumes from OUT/checkpoint.bin."
        })
public final class TrainRegressorCommand implements Callable<Integer> {
    @Option(names = "--arch", required = true, description = "resnet50, mobilenetv2 or vgg19.")
    String arch;

    @Option(names = "--data", required = true, description = "CelebA-format folder.")
    Path data;

    @Option(
            names = "--attributes",
            split = ",",
            description = "Attribute names (default: every column).")
    List<String> attributes;

    @Option(
            names = "--resolution",
            defaultValue = "64",
            description = "Input side in pixels (default: ${DEFAULT-VALUE}).")
    int resolution;

    @Option(
            names = "--epochs",
            defaultValue = "5",
            description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            names = "--batch-size",
            defaultValue = "32",
            description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--lr",
            defaultValue = "1e-3",
            description = "Adam learning rate at epoch 0 (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(
            names = "--schedule",
            defaultValue = "constant",
            description = "constant, step or exponential (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(
            names = "--gamma",
            defaultValue = "0.5",
            description =
                    "Per-epoch factor for exponential, per-step factor for step (default: ${DEFAULT-VALUE}).")
    double gamma;

    @Option(
            names = "--loss",
            defaultValue = "bce",
            description = "bce or mse (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(
            names = "--width-divisor",
            defaultValue = "1",
            description = "Divides VGG-19 channel counts (default: ${DEFAULT-VALUE}).")
    int widthDivisor;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Run folder.")
    Path out;

    @Mixin DeviceOption device;

    @Override
    public Integer call() throws Exception {
        Device dev = device.device();
        RegressorTrainingConfig config = config();
        CelebADataset train = dataset(Split.TRAIN);
        config.attributes = List.copyOf(train.attributes());
        CelebADataset validation = dataset(Split.VALIDATION);
        train(config, train, validation, dev);
        finish(dev);
        return 0;
    }

    /** Builds the training configuration from the options, except the attribute list. */
    private RegressorTrainingConfig config() {
        RegressorTrainingConfig config = new RegressorTrainingConfig();
        config.architecture = org.latentnav.nn.RegressorArchitecture.fromId(arch).id();
        config.data = data.toString();
        config.resolution = resolution;
        config.epochs = epochs;
        config.batchSize = batchSize;
        config.loss =
                TrainDirectionsCommand.parseEnum(
                        RegressorTrainingConfig.Loss.class, loss, "--loss", "bce or mse");
        config.widthDivisor = widthDivisor;
        config.seed = seed;
        config.schedule = schedule();
        config.validate();
        OutputChecks.writableFolder("--out", out);
        return config;
    }

    private LearningRateSchedule schedule() {
        switch (schedule.toLowerCase(Locale.ROOT)) {
            case "constant":
                return LearningRateSchedule.constant(lr);
            case "step":
                return LearningRateSchedule.step(lr, gamma, 2);
            case "exponential":
                return LearningRateSchedule.exponential(lr, gamma);
            default:
                throw new IllegalArgumentException(
                        "Unknown schedule '" + schedule + "': use constant, step or exponential.");
        }
    }

    /** Trains with console progress, resuming from a checkpoint in {@code out} if there is one. */
    private void train(
            RegressorTrainingConfig config,
            CelebADataset train,
            CelebADataset validation,
            Device dev)
            throws Exception {
        String command = commandLine();
        try (RegressorTrainer trainer = new RegressorTrainer(config, train, validation, out, dev)) {
            long total = (long) trainer.batchesPerEpoch() * epochs;
            ConsoleProgress progress =
                    new ConsoleProgress(
                            System.out,
                            (long) trainer.epochsDone() * trainer.batchesPerEpoch(),
                            total);
            trainer.train(done -> progress.update(done, ""), command);
        }
    }

    /** Returns the command line written to the best model's card as its provenance. */
    private String commandLine() {
        return "latentnav train-regressor "
                + String.join(
                        " ",
                        List.of(
                                "--arch",
                                arch,
                                "--data",
                                data.toString(),
                                "--resolution",
                                "" + resolution,
                                "--epochs",
                                "" + epochs,
                                "--batch-size",
                                "" + batchSize,
                                "--lr",
                                "" + lr,
                                "--schedule",
                                schedule,
                                "--gamma",
                                "" + gamma,
                                "--loss",
                                loss,
                                "--width-divisor",
                                "" + widthDivisor,
                                "--seed",
                                "" + seed,
                                "--out",
                                out.toString()));
    }

    private CelebADataset dataset(Split split) throws Exception {
        CelebADataset.Builder builder =
                CelebADataset.builder().root(data).split(split).resolution(resolution).cache(true);
        if (attributes != null) {
            builder.attributes(attributes);
        }
        CelebADataset set = builder.build();
        if (set.attributes().isEmpty()) {
            throw new IllegalArgumentException(
                    data
                            + " has no list_attr_celeba.txt, so there are no labels to train a"
                            + " regressor on. Add that file beside the image folder.");
        }
        set.prepare(null);
        return set;
    }

    /** Adds test-split figures and inference speed to the best model's card. */
    private void finish(Device dev) throws Exception {
        Path best = out.resolve(RegressorTrainer.BEST);
        DjlRegressor regressor = (DjlRegressor) Models.loadRegressor(best, dev);
        try (regressor) {
            RegressorMetrics test = RegressorTrainer.evaluate(regressor, dataset(Split.TEST), 64);
            ModelCard card = regressor.card();
            card.quality.put("testMse", round(test.mse()));
            card.quality.put("testMeanAccuracy", round(test.meanAccuracy()));
            card.quality.put("test", test.perAttribute());
            card.quality.put("inferenceMsPerImageBatch1", round(inferenceMs(regressor, 1, dev)));
            card.quality.put("inferenceMsPerImageBatch32", round(inferenceMs(regressor, 32, dev)));
            card.quality.put("fileBytes", Files.size(best.resolve(card.weights.file)));
            card.quality.put(
                    "measuredOn",
                    Runtime.getRuntime().availableProcessors()
                            + " CPU cores, DJL PyTorch "
                            + Engines.pytorch().getVersion());
            ModelFolder.writeCard(best, card);
            System.out.printf(
                    Locale.ROOT,
                    "Test MSE %.4f, mean accuracy %.4f%n",
                    test.mse(),
                    test.meanAccuracy());
            if (regressor.architecture() == org.latentnav.nn.RegressorArchitecture.VGG19) {
                saveFeatures(regressor, card, test);
            }
        }
    }

    /**
     * Saves the convolution layers of a VGG-19 regressor as a feature extractor in OUT/features.
     */
    private void saveFeatures(DjlRegressor regressor, ModelCard card, RegressorMetrics test)
            throws Exception {
        try (DjlFeatureExtractor features = Models.featuresFrom(regressor)) {
            ModelCard f = features.card();
            f.id = "features-vgg19";
            f.name = "VGG-19 features (conv1_2, conv2_2, conv3_2, conv4_2) trained on avatar faces";
            f.description =
                    "The convolution layers of LatentNav's VGG-19 attribute classifier, trained from"
                            + " scratch on avatar faces because ImageNet weights cannot be downloaded here. Not ImageNet VGG-19.";
            f.provenance = card.provenance;
            f.quality.put("sourceClassifierTestMeanAccuracy", round(test.meanAccuracy()));
            ModelFolder.save(out.resolve("features"), f, features.block());
        }
    }

    private static double inferenceMs(DjlRegressor regressor, int batch, Device dev) {
        int r = regressor.resolution();
        try (NDManager manager = Engines.pytorch().newBaseManager(dev)) {
            NDArray x = manager.randomUniform(-1, 1, new Shape(batch, 3, r, r));
            for (int i = 0; i < 3; i++) {
                regressor.predict(x).toFloatArray();
            }
            int runs = batch == 1 ? 30 : 5;
            long start = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                regressor.predict(x).toFloatArray();
            }
            return (System.nanoTime() - start) / 1e6 / runs / batch;
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
