package org.latentnav.cli;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.latentnav.data.CelebADataset;
import org.latentnav.data.Split;
import org.latentnav.gan.GanConfig;
import org.latentnav.gan.GanTrainer;
import org.latentnav.io.AtomicFiles;
import org.latentnav.io.Images;
import org.latentnav.model.InvalidModelException;
import org.latentnav.model.ModelCard;
import org.latentnav.model.ModelFolder;
import org.latentnav.nn.ResidualDiscriminator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains the default generator and discriminator on a CelebA-format folder. */
@Command(
        name = "train-gan",
        mixinStandardHelpOptions = true,
        description = {
            "Train the StyleGAN2-style GAN on a CelebA-format image folder.",
            "Writes OUT/gan-checkpoint.bin and OUT/samples-KIMG.png every --snapshot-kimg, and",
            "OUT/export/{generator,discriminator} model folders (EMA generator). Running the",
            "same command again resumes from the checkpoint."
        })
public final class TrainGanCommand implements Callable<Integer> {
    private static final Logger logger = LoggerFactory.getLogger(TrainGanCommand.class);

    @Option(
            names = "--data",
            required = true,
            description = "CelebA-format folder (img/, list_attr_celeba.txt).")
    Path data;

    @Option(
            names = "--out",
            required = true,
            description = "Run folder for checkpoints, samples and exports.")
    Path out;

    @Option(
            names = "--resolution",
            defaultValue = "64",
            description = "Image side in pixels (default: ${DEFAULT-VALUE}).")
    int resolution;

    @Option(
            names = "--batch-size",
            defaultValue = "32",
            description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--kimg",
            defaultValue = "3000",
            description = "Total thousands of real images (default: ${DEFAULT-VALUE}).")
    double kimg;

    @Option(
            names = "--lr",
            defaultValue = "0.0015",
            description = "Adam learning rate for G and D (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(
            names = "--r1-gamma",
            defaultValue = "0.2",
            description = "R1 weight gamma (default: ${DEFAULT-VALUE}).")
    double r1Gamma;

    @Option(
            names = "--r1-interval",
            defaultValue = "16",
            description = "Steps between R1 penalties (default: ${DEFAULT-VALUE}).")
    int r1Interval;

    @Option(
            names = "--channel-base",
            defaultValue = "1024",
            description =
                    "Channels at resolution r: min(base / r, max) (default: ${DEFAULT-VALUE}).")
    int channelBase;

    @Option(
            names = "--channel-max",
            defaultValue = "128",
            description = "Largest channel count (default: ${DEFAULT-VALUE}).")
    int channelMax;

    @Option(
            names = "--latent-size",
            defaultValue = "128",
            description = "Size of z and w (default: ${DEFAULT-VALUE}).")
    int latentSize;

    @Option(
            names = "--snapshot-kimg",
            defaultValue = "10",
            description = "kimg between snapshots (default: ${DEFAULT-VALUE}).")
    double snapshotKimg;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--init-from",
            paramLabel = "DIR",
            description = {
                "Start a new run from the generator/ and discriminator/ model folders in DIR",
                "(for example models) instead of random weights; the image count continues from",
                "the generator's card. Ignored when OUT already holds a checkpoint."
            })
    Path initFrom;

    @Option(
            names = "--bench-steps",
            defaultValue = "0",
            description = "Time this many steps, print images/s and exit.")
    int benchSteps;

    @Mixin DeviceOption device;

    @Override
    public Integer call() throws Exception {
        Device dev = device.device();
        GanConfig config = new GanConfig();
        config.data = data.toString();
        config.resolution = resolution;
        config.batchSize = batchSize;
        config.kimg = kimg;
        config.learningRate = lr;
        config.r1Gamma = r1Gamma;
        config.r1Interval = r1Interval;
        config.channelBase = channelBase;
        config.channelMax = channelMax;
        config.latentSize = latentSize;
        config.snapshotKimg = snapshotKimg;
        config.seed = seed;
        config.validate();
        if (benchSteps < 0) {
            throw new IllegalArgumentException(
                    "Invalid --bench-steps "
                            + benchSteps
                            + ": give a number of steps to time, or leave it out to train.");
        }
        if (benchSteps == 0) {
            OutputChecks.writableFolder("--out", out);
            removeStaleTemporaries();
        }
        if (batchSize > 1 && ResidualDiscriminator.minibatchGroup(batchSize) == 1) {
            logger.warn(
                    "--batch-size {} does not split into groups of 4, so the discriminator's"
                            + " minibatch standard deviation is 0 and tells it nothing about the"
                            + " variety of a batch. A multiple of 4, or a batch of 2 or 3, keeps"
                            + " it.",
                    batchSize);
        }

        long loadStart = System.nanoTime();
        CelebADataset dataset =
                CelebADataset.builder()
                        .root(data)
                        .split(Split.TRAIN)
                        .resolution(resolution)
                        .cache(true)
                        .build();
        dataset.prepare(null);
        if (batchSize > dataset.size()) {
            throw new IllegalArgumentException(
                    "Invalid --batch-size "
                            + batchSize
                            + ": the training split of "
                            + data
                            + " has only "
                            + dataset.size()
                            + " images; use a batch size of at most that.");
        }
        logger.info(
                "Loaded {} training images at {} px in {} s",
                dataset.size(),
                resolution,
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - loadStart) / 1e9));

        try (GanTrainer trainer = new GanTrainer(config, dataset, dev)) {
            if (benchSteps > 0) {
                return bench(trainer);
            }
            Path checkpoint = out.resolve(GanTrainer.CHECKPOINT);
            boolean resuming = Files.exists(checkpoint);
            double previousSeconds;
            if (resuming) {
                if (initFrom != null) {
                    logger.info("{} exists: resuming from it and ignoring --init-from", checkpoint);
                }
                previousSeconds = trainer.restore(checkpoint);
            } else if (initFrom != null) {
                previousSeconds =
                        trainer.initFrom(
                                initFrom.resolve("generator"), initFrom.resolve("discriminator"));
            } else {
                previousSeconds = 0;
            }
            long target = (long) (kimg * 1000);
            if (target < 1) {
                throw new IllegalArgumentException(
                        "--kimg " + kimg + " is less than one image: pass at least 0.001.");
            }
            if (trainer.imagesSeen() >= target) {
                String message =
                        String.format(
                                Locale.ROOT,
                                "--kimg %s is the total to train to, and %s has already seen %d"
                                        + " images (%s kimg): pass a larger --kimg to train on.",
                                kimg,
                                resuming ? checkpoint : trainer.initialisedFrom(),
                                trainer.imagesSeen(),
                                trainer.imagesSeen() / 1000.0);
                if (!resuming) {
                    throw new IllegalArgumentException(message);
                }
                logger.info(message);
                if (!exportIsCurrent(trainer)) {
                    // A stop after the last checkpoint and before its export left that unfinished.
                    // The export describes the training the checkpoint saw, not this command.
                    finishSnapshot(trainer, trainer.restoredConfig(), previousSeconds);
                    logger.info(
                            "Wrote the samples and export/ of that checkpoint, which a stop had"
                                    + " interrupted.");
                }
                return 0;
            }
            Files.createDirectories(out);
            long start = System.nanoTime();
            long nextSnapshot = nextMultiple(trainer.imagesSeen(), snapshotKimg);
            long lastLog = System.nanoTime();
            long imagesAtLog = trainer.imagesSeen();
            while (trainer.imagesSeen() < target) {
                double[] losses = trainer.step();
                long now = System.nanoTime();
                if (now - lastLog > 30e9) {
                    double rate = (trainer.imagesSeen() - imagesAtLog) / ((now - lastLog) / 1e9);
                    logger.info(
                            "kimg {} D {} G {} R1 (latest) {} {} img/s, {} non-finite gradients",
                            String.format(Locale.ROOT, "%.2f", trainer.imagesSeen() / 1000.0),
                            String.format(Locale.ROOT, "%.3f", losses[0]),
                            String.format(Locale.ROOT, "%.3f", losses[1]),
                            Double.isNaN(losses[2])
                                    ? "none yet"
                                    : String.format(Locale.ROOT, "%.3f", losses[2]),
                            String.format(Locale.ROOT, "%.1f", rate),
                            trainer.nonFiniteSteps());
                    lastLog = now;
                    imagesAtLog = trainer.imagesSeen();
                }
                if (trainer.imagesSeen() >= nextSnapshot || trainer.imagesSeen() >= target) {
                    double seconds = previousSeconds + (System.nanoTime() - start) / 1e9;
                    snapshot(trainer, config, seconds);
                    nextSnapshot = nextMultiple(trainer.imagesSeen(), snapshotKimg);
                }
            }
        }
        return 0;
    }

    /** Deletes the temporary files that a killed run left in the run folder and its export. */
    private void removeStaleTemporaries() throws java.io.IOException {
        int removed = 0;
        for (Path dir :
                new Path[] {
                    out,
                    out.resolve("export"),
                    out.resolve("export/generator"),
                    out.resolve("export/discriminator")
                }) {
            removed += AtomicFiles.removeStaleTemporaries(dir);
        }
        if (removed > 0) {
            logger.info("Removed {} temporary files that a stopped run left in {}", removed, out);
        }
    }

    private int bench(GanTrainer trainer) {
        trainer.step();
        long start = System.nanoTime();
        for (int i = 0; i < benchSteps; i++) {
            trainer.step();
            if ((i + 1) % 20 == 0) {
                System.out.printf(
                        "step %d RSS %d MB%n",
                        i + 1, org.latentnav.io.ProcessMemory.rssBytes() >> 20);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "batch %d, channel base %d: %.3f s/step, %.1f img/s%n",
                batchSize,
                channelBase,
                seconds / benchSteps,
                benchSteps * batchSize / seconds);
        return 0;
    }

    private void snapshot(GanTrainer trainer, GanConfig config, double seconds) throws Exception {
        long kimgNow = Math.round(trainer.imagesSeen() / 1000.0);
        trainer.save(out.resolve(GanTrainer.CHECKPOINT), seconds);
        finishSnapshot(trainer, config, seconds);
        logger.info(
                "Snapshot at {} kimg ({} h of training)",
                namedByKimg(trainer)
                        ? Long.toString(kimgNow)
                        : String.format(Locale.ROOT, "%.3f", trainer.imagesSeen() / 1000.0),
                String.format(Locale.ROOT, "%.2f", seconds / 3600));
    }

    /**
     * Returns whether snapshots are named by rounded kimg. Below one kimg per snapshot, or before
     * the first kimg, rounded names would repeat or read 0, so the image count names them.
     */
    private boolean namedByKimg(GanTrainer trainer) {
        return snapshotKimg >= 1 && trainer.imagesSeen() >= 1000;
    }

    /** Writes a snapshot's sample grids and model folders; the checkpoint is already saved. */
    private void finishSnapshot(GanTrainer trainer, GanConfig config, double seconds)
            throws Exception {
        String name =
                namedByKimg(trainer)
                        ? String.format(
                                Locale.ROOT,
                                "samples-%06d.png",
                                Math.round(trainer.imagesSeen() / 1000.0))
                        : String.format(Locale.ROOT, "samples-%09dimg.png", trainer.imagesSeen());
        Images.writePng(trainer.samples(8, 8, 1f), out.resolve(name));
        Images.writePng(trainer.samples(8, 8, 0.7f), out.resolve("samples-latest-psi0.7.png"));
        export(trainer, config, seconds);
    }

    /** Returns whether export/ has both networks as the restored checkpoint has them. */
    private boolean exportIsCurrent(GanTrainer trainer) {
        for (String network : new String[] {"generator", "discriminator"}) {
            try {
                ModelCard card = ModelFolder.readCard(out.resolve("export").resolve(network));
                if (card.provenance.imagesSeen != trainer.imagesSeen()) {
                    return false;
                }
            } catch (InvalidModelException e) {
                return false;
            }
        }
        return Files.isRegularFile(out.resolve("export/config.json"));
    }

    private void export(GanTrainer trainer, GanConfig config, double seconds) throws Exception {
        String command =
                "latentnav train-gan --data "
                        + config.data
                        + " --out "
                        + out
                        + " --resolution "
                        + config.resolution
                        + " --batch-size "
                        + config.batchSize
                        + " --kimg "
                        + config.kimg
                        + " --lr "
                        + config.learningRate
                        + " --r1-gamma "
                        + config.r1Gamma
                        + " --r1-interval "
                        + config.r1Interval
                        + " --channel-base "
                        + config.channelBase
                        + " --channel-max "
                        + config.channelMax
                        + " --latent-size "
                        + config.latentSize
                        + " --seed "
                        + config.seed
                        + (trainer.initialisedFrom() == null
                                ? ""
                                : " --init-from " + Path.of(trainer.initialisedFrom()).getParent());
        String origin =
                trainer.initialisedFrom() == null
                        ? "Trained from scratch"
                        : "Trained on from " + trainer.initialisedFrom();
        ModelCard g = trainer.ema().card();
        g.id = "generator";
        g.name = "Avatar faces StyleGAN2-style generator (EMA)";
        g.description = origin + " by LatentNav's train-gan on the images in " + config.data + ".";
        g.fingerprint = ModelFolder.fingerprint(trainer.ema().block());
        describe(g, trainer, config, command, seconds);
        ModelFolder.save(out.resolve("export/generator"), g, trainer.ema().block());

        ModelCard d = trainer.discriminator().card();
        d.id = "discriminator";
        d.name = "Avatar faces residual discriminator";
        d.description = origin + " jointly with the generator exported beside it.";
        describe(d, trainer, config, command, seconds);
        ModelFolder.save(out.resolve("export/discriminator"), d, trainer.discriminator().block());
        AtomicFiles.writeBytes(
                out.resolve("export/config.json"), ModelFolder.JSON.writeValueAsBytes(config));
    }

    private static void describe(
            ModelCard card, GanTrainer trainer, GanConfig config, String command, double seconds) {
        card.provenance.data =
                "CelebA-format folder "
                        + config.data
                        + ", train split, "
                        + config.resolution
                        + " px, x-flips";
        card.provenance.command = command;
        card.provenance.imagesSeen = trainer.imagesSeen();
        card.provenance.hours = seconds / 3600;
        card.provenance.created = Instant.now().toString();
        card.hyperParameters.put("batchSize", config.batchSize);
        card.hyperParameters.put("learningRate", config.learningRate);
        card.hyperParameters.put("r1Gamma", config.r1Gamma);
    }

    private static long nextMultiple(long images, double kimg) {
        long step = Math.max(1, (long) (kimg * 1000));
        return (images / step + 1) * step;
    }
}
