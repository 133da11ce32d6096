package org.latentnav.cli;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.latentnav.edit.DirectionKind;
import org.latentnav.edit.LatentSpace;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.Discriminator;
import org.latentnav.model.FeatureExtractor;
import org.latentnav.model.Generator;
import org.latentnav.model.Models;
import org.latentnav.train.DirectionRun;
import org.latentnav.train.DirectionTrainingConfig;
import org.latentnav.train.LearningRateSchedule;
import org.latentnav.train.Losses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains a direction set headless and writes a run folder. */
@Command(
        name = "train-directions",
        mixinStandardHelpOptions = true,
        description = {
            "Learn editing directions with G, D, R and F frozen (Zhuang et al., ICLR 2021).",
            "Writes OUT/config.json, OUT/checkpoint.bin after each epoch, OUT/metrics.csv,",
            "OUT/previews/epoch-NN.png and the finished set in OUT/directions. Running the",
            "same command again resumes from the checkpoint."
        })
public final class TrainDirectionsCommand implements Callable<Integer> {
    @Mixin GeneratorOption generator;

    @Mixin DiscriminatorOption discriminator;

    @Mixin RegressorOption regressor;

    @Mixin FeaturesOption features;

    @Option(
            names = "--attributes",
            split = ",",
            description = "Attributes to learn (default: all the regressor predicts).")
    List<String> attributes;

    @Option(
            names = "--samples",
            defaultValue = "" + DirectionTrainingConfig.DEFAULT_SAMPLES_PER_EPOCH,
            description = "Samples per epoch (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(
            names = "--batch-size",
            defaultValue = "" + DirectionTrainingConfig.DEFAULT_BATCH_SIZE,
            description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--epochs",
            defaultValue = "" + DirectionTrainingConfig.DEFAULT_EPOCHS,
            description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            names = "--lr",
            defaultValue = "" + DirectionTrainingConfig.DEFAULT_LEARNING_RATE,
            description = "Learning rate at epoch 0 (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(
            names = "--schedule",
            defaultValue = "exponential",
            description = "constant, step or exponential (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(
            names = "--gamma",
            defaultValue = "" + DirectionTrainingConfig.DEFAULT_GAMMA,
            description =
                    "Per-epoch factor of the exponential schedule (default: ${DEFAULT-VALUE}).")
    double gamma;

    @Option(
            names = "--step-epochs",
            defaultValue = "5",
            description = "Epochs between steps of the step schedule (default: ${DEFAULT-VALUE}).")
    int stepEpochs;

    @Option(
            names = "--step-factor",
            defaultValue = "0.1",
            description = "Factor of each step (default: ${DEFAULT-VALUE}).")
    double stepFactor;

    @Option(
            names = "--lambda-reg",
            defaultValue = "10",
            description = "Weight of L_reg (default: ${DEFAULT-VALUE}).")
    double lambdaReg;

    @Option(
            names = "--lambda-disc",
            defaultValue = "0.05",
            description = "Weight of L_disc; 0 disables it (default: ${DEFAULT-VALUE}).")
    double lambdaDisc;

    @Option(
            names = "--lambda-content",
            defaultValue = "0.05",
            description = "Weight of L_content; 0 disables it (default: ${DEFAULT-VALUE}).")
    double lambdaContent;

    @Option(
            names = "--disc-loss",
            defaultValue = "paper",
            description = "paper: log(1 - D); non-saturating: -log D (default: ${DEFAULT-VALUE}).")
    String discLoss;

    @Option(
            names = "--sampler",
            defaultValue = "clip",
            description =
                    "clip: alpha + U[-1,1] clipped; target: U[0,1] targets (default: ${DEFAULT-VALUE}).")
    String sampler;

    @Option(
            names = "--single",
            description = "Move one attribute per sample instead of all at once.")
    boolean single;

    @Option(
            names = "--kind",
            defaultValue = "global",
            description = "global or local (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(
            names = "--space",
            defaultValue = "w+",
            description = "z, w or w+ (default: ${DEFAULT-VALUE}).")
    String space;

    @Option(
            names = "--layers",
            description = "w+ layer range START:END (end exclusive; default: all).")
    String layers;

    @Option(
            names = "--truncation",
            defaultValue = "1.0",
            description = "Truncation psi during training (default: ${DEFAULT-VALUE}).")
    float truncation;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--out",
            required = true,
            description = "Run folder; an existing checkpoint there is resumed.")
    Path out;

    @Mixin DeviceOption device;

    @Override
    public Integer call() throws Exception {
        Device dev = device.device();
        try (Generator g = Models.loadGenerator(generator.folder(), dev);
                AttributeRegressor r = Models.loadRegressor(regressor.folder(), dev);
                Discriminator d =
                        lambdaDisc > 0
                                ? Models.loadDiscriminator(discriminator.folder(), dev)
                                : null;
                FeatureExtractor f =
                        lambdaContent > 0
                                ? Models.loadFeatureExtractor(features.folder(), dev)
                                : null) {
            DirectionTrainingConfig config = config(r);
            int iterations = config.iterationsPerEpoch();
            int used = iterations * config.batchSize;
            if (used != config.samplesPerEpoch) {
                System.out.printf(
                        Locale.ROOT,
                        "Note: --samples %d is not a multiple of --batch-size %d; each epoch runs %d"
                                + " iteration%s, %d samples.%n",
                        config.samplesPerEpoch,
                        config.batchSize,
                        iterations,
                        iterations == 1 ? "" : "s",
                        used);
            }
            DirectionRun run = new DirectionRun(out, g, d, r, f, config, dev);
            ConsoleProgress progress =
                    new ConsoleProgress(
                            System.out,
                            run.trainer().epochsDone() * (long) config.iterationsPerEpoch(),
                            (long) config.iterationsPerEpoch() * config.epochs);
            run.trainer()
                    .addListener(
                            new org.latentnav.train.TrainingListener() {
                                @Override
                                public void onIteration(Iteration it) {
                                    progress.update(
                                            it.globalStep(),
                                            String.format(
                                                    Locale.ROOT,
                                                    "epoch %d L_reg %.4f L_disc %.3f L_content %.4f",
                                                    it.epoch() + 1,
                                                    it.regression(),
                                                    it.discriminator(),
                                                    it.content()));
                                }
                            });
            run.run(String.join(" ", commandLine()));
            System.out.println(
                    "\nDirections written to " + out.resolve(DirectionRun.DIRECTIONS_DIR));
        }
        return 0;
    }

    /**
     * Returns the command line for the run's provenance. The JVM reports the jar path or main class
     * as the first word, which the card replaces with the program name.
     */
    private List<String> commandLine() {
        String[] words = System.getProperty("sun.java.command", "").split(" ");
        if (words.length < 2) {
            return List.of("latentnav", "train-directions");
        }
        List<String> line = new ArrayList<>();
        line.add("latentnav");
        line.addAll(Arrays.asList(words).subList(1, words.length));
        return line;
    }

    DirectionTrainingConfig config(AttributeRegressor r) {
        DirectionTrainingConfig c = new DirectionTrainingConfig();
        c.attributes = attributes != null ? List.copyOf(attributes) : List.copyOf(r.attributes());
        c.samplesPerEpoch = samples;
        c.batchSize = batchSize;
        c.epochs = epochs;
        switch (schedule.toLowerCase(Locale.ROOT)) {
            case "constant":
                c.schedule = LearningRateSchedule.constant(lr);
                break;
            case "step":
                c.schedule = LearningRateSchedule.step(lr, stepFactor, stepEpochs);
                break;
            case "exponential":
                c.schedule = LearningRateSchedule.exponential(lr, gamma);
                break;
            default:
                throw new IllegalArgumentException(
                        "Unknown schedule '" + schedule + "': use constant, step or exponential.");
        }
        c.lambdaReg = lambdaReg;
        c.lambdaDisc = lambdaDisc;
        c.lambdaContent = lambdaContent;
        c.discLoss =
                parseEnum(
                        Losses.DiscLoss.class,
                        discLoss.replace('-', '_'),
                        "--disc-loss",
                        "paper or non-saturating");
        c.sampler =
                parseEnum(
                        DirectionTrainingConfig.Sampler.class,
                        sampler,
                        "--sampler",
                        "clip or target");
        c.joint = !single;
        c.kind = DirectionKind.fromId(kind);
        c.space = LatentSpace.fromId(space);
        if (layers != null) {
            String[] parts = layers.split(":");
            try {
                c.layerStart = Integer.parseInt(parts[0].trim());
                c.layerEnd = Integer.parseInt(parts[1].trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "Invalid --layers '" + layers + "': use START:END, for example 0:6.");
            }
        }
        c.truncation = truncation;
        c.seed = seed;
        c.validate();
        return c;
    }

    static <E extends Enum<E>> E parseEnum(
            Class<E> type, String value, String option, String allowed) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Invalid " + option + " '" + value + "': use " + allowed + ".");
        }
    }
}
