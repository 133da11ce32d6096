package org.latentnav.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.latentnav.edit.DirectionSet;
import org.latentnav.edit.Navigator;
import org.latentnav.engine.Engines;
import org.latentnav.io.Images;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.Discriminator;
import org.latentnav.model.FeatureExtractor;
import org.latentnav.model.Generator;
import org.latentnav.model.InvalidModelException;
import org.latentnav.nn.Scalars;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link DirectionSet} with G, D, R and F frozen (Algorithm 1 of "Enjoy Your Editing",
 * Zhuang, Koyejo and Schwing, ICLR 2021). Each iteration samples z ~ N(0, I), computes alpha =
 * R(G(z)) without gradient, draws delta, renders I' = G(z + T(z) delta) and minimises lambda_reg
 * BCE(R(I'), alpha + delta) + lambda_disc L_disc(D(I')) + lambda_content L_content(F(I'), F(G(z))),
 * updating only T with Adam.
 *
 * <p>All random draws come from a generator seeded by (seed, global step), so a run resumed from
 * its end-of-epoch checkpoint repeats exactly what an uninterrupted run would have done. The
 * initial directions come from PyTorch's global generator, which the constructor seeds from the
 * run's seed.
 */
public final class DirectionTrainer {
    private static final Logger logger = LoggerFactory.getLogger(DirectionTrainer.class);
    private static final float[] PREVIEW_EPSILONS = {-1f, -0.5f, 0f, 0.5f, 1f};

    private final Generator generator;
    private final Discriminator discriminator;
    private final AttributeRegressor regressor;
    private final FeatureExtractor features;
    private final DirectionTrainingConfig config;
    private final DirectionSet directions;
    private final Navigator navigator;
    private final NDManager manager;
    private final AdamState adam;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;
    private int epochsDone;
    private long globalStep;

    /**
     * Creates a trainer with fresh directions. {@code discriminator} and {@code features} may be
     * null when their lambda is 0.
     */
    public DirectionTrainer(
            Generator generator,
            Discriminator discriminator,
            AttributeRegressor regressor,
            FeatureExtractor features,
            DirectionTrainingConfig config,
            Device device) {
        config.validate();
        if (discriminator == null && config.lambdaDisc > 0) {
            throw new IllegalArgumentException(
                    "lambda_disc is above 0 but no discriminator was given.");
        }
        if (features == null && config.lambdaContent > 0) {
            throw new IllegalArgumentException(
                    "lambda_content is above 0 but no feature extractor was given.");
        }
        if (discriminator != null && discriminator.resolution() != generator.resolution()) {
            throw new InvalidModelException(
                    "The discriminator scores "
                            + discriminator.resolution()
                            + " px images, but the generator renders "
                            + generator.resolution()
                            + " px. Give the discriminator that was trained with this generator"
                            + " (train-gan exports the two side by side).");
        }
        this.generator = generator;
        this.discriminator = discriminator;
        this.regressor = regressor;
        this.features = features;
        this.config = config;
        int layerEnd = config.layerEnd < 0 ? generator.numWs() : config.layerEnd;
        // DJL draws the initial directions from PyTorch's global generator. Seeding it from the
        // run's seed makes two runs with one seed start from the same directions.
        Engines.pytorch().setRandomSeed((int) Seeds.mix(config.seed, -1));
        this.directions =
                DirectionSet.create(
                        generator,
                        config.attributes,
                        config.space,
                        config.kind,
                        config.layerStart,
                        layerEnd,
                        device);
        this.navigator = new Navigator(generator, regressor, directions);
        this.manager = Engines.pytorch().newBaseManager(device);
        freeze();
        this.adam =
                new AdamState(
                        directions.block().getParameters(),
                        config.adamBeta1,
                        config.adamBeta2,
                        manager);
    }

    private void freeze() {
        generator.block().freezeParameters(true);
        regressor.block().freezeParameters(true);
        if (discriminator != null) {
            discriminator.block().freezeParameters(true);
        }
        if (features != null) {
            features.block().freezeParameters(true);
        }
    }

    public void addListener(TrainingListener listener) {
        listeners.add(listener);
    }

    /** Asks the loop to stop after the current iteration; the last epoch checkpoint stays. */
    public void cancel() {
        cancelled = true;
    }

    public DirectionSet directions() {
        return directions;
    }

    public DirectionTrainingConfig config() {
        return config;
    }

    public int epochsDone() {
        return epochsDone;
    }

    /**
     * Restores directions, optimizer state and position from a checkpoint written by this class;
     * the configuration in the checkpoint must match this trainer's.
     */
    public void resume(Path checkpoint) {
        Checkpoint.Header header = Checkpoint.restore(checkpoint, directions, adam, manager);
        // The number of epochs is the total to train to, which a resumed run may raise.
        header.config.epochs = config.epochs;
        String saved;
        String current;
        try {
            saved = org.latentnav.model.ModelFolder.JSON.writeValueAsString(header.config);
            current = org.latentnav.model.ModelFolder.JSON.writeValueAsString(config);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (!saved.equals(current)) {
            throw new InvalidModelException(
                    "Checkpoint "
                            + checkpoint
                            + " was written with other settings; resume with the run's config.json"
                            + " or start a new run folder.");
        }
        if (header.generatorFingerprint != null
                && !header.generatorFingerprint.equals(generator.fingerprint())) {
            throw new InvalidModelException(
                    "Checkpoint "
                            + checkpoint
                            + " was trained with another generator (fingerprint "
                            + header.generatorFingerprint
                            + "; the one given has "
                            + generator.fingerprint()
                            + "). Resume with the generator the run started with, or give a new"
                            + " --out folder.");
        }
        if (header.regressor != null && !header.regressor.equals(regressorIdentity())) {
            throw new InvalidModelException(
                    "Checkpoint "
                            + checkpoint
                            + " was trained through another regressor ("
                            + header.regressor
                            + "; the one given is "
                            + regressorIdentity()
                            + "). Resume with the regressor the run started with, or give a new"
                            + " --out folder.");
        }
        if (config.epochs < header.epochsDone) {
            throw new InvalidModelException(
                    "Invalid --epochs "
                            + config.epochs
                            + ": the run of "
                            + checkpoint
                            + " has done "
                            + header.epochsDone
                            + " epochs. --epochs is the total, so pass at least that.");
        }
        epochsDone = header.epochsDone;
        globalStep = header.globalStep;
        logger.info("Resumed from {} after epoch {} (step {})", checkpoint, epochsDone, globalStep);
    }

    /**
     * Trains the remaining epochs. After each epoch listeners get a summary with a preview grid,
     * and then a checkpoint is written to {@code checkpoint} (if not null).
     *
     * @throws TrainingCancelledException if {@link #cancel()} was called
     */
    public void train(Path checkpoint) throws IOException {
        Engines.prepareCurrentThread();
        int iterations = config.iterationsPerEpoch();
        long totalSteps = (long) iterations * config.epochs;
        for (int epoch = epochsDone; epoch < config.epochs; epoch++) {
            double rate = config.schedule.rate(epoch);
            double[] sums = new double[4];
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                if (cancelled) {
                    throw new TrainingCancelledException(
                            "Training cancelled in epoch "
                                    + (epoch + 1)
                                    + " at iteration "
                                    + i
                                    + ".");
                }
                long t0 = System.nanoTime();
                double[] losses = step(globalStep, rate);
                globalStep++;
                for (int k = 0; k < 4; k++) {
                    sums[k] += losses[k];
                }
                TrainingListener.Iteration it =
                        new TrainingListener.Iteration(
                                epoch,
                                i,
                                iterations,
                                globalStep,
                                totalSteps,
                                losses[0],
                                losses[1],
                                losses[2],
                                losses[3],
                                rate,
                                (System.nanoTime() - t0) / 1e9);
                listeners.forEach(l -> l.onIteration(it));
            }
            epochsDone = epoch + 1;
            BufferedImage preview = preview();
            TrainingListener.Epoch summary =
                    new TrainingListener.Epoch(
                            epoch,
                            config.epochs,
                            sums[0] / iterations,
                            sums[1] / iterations,
                            sums[2] / iterations,
                            sums[3] / iterations,
                            rate,
                            (System.nanoTime() - start) / 1e9,
                            preview);
            logger.info(
                    "Epoch {}/{}: L_reg {} L_disc {} L_content {} lr {} ({} s)",
                    epoch + 1,
                    config.epochs,
                    String.format("%.4f", summary.regression()),
                    String.format("%.4f", summary.discriminator()),
                    String.format("%.4f", summary.content()),
                    String.format("%.3g", rate),
                    String.format("%.1f", summary.seconds()));
            // Listeners write the epoch's metrics and preview before the checkpoint marks the
            // epoch done, so a stop in between repeats the epoch instead of losing its records.
            listeners.forEach(l -> l.onEpoch(summary));
            if (checkpoint != null) {
                writeCheckpoint(checkpoint);
            }
        }
    }

    /** Returns the regressor's weight hash from its card, or its id where the card has none. */
    private String regressorIdentity() {
        org.latentnav.model.ModelCard card = regressor.card();
        if (card.weights != null && card.weights.sha256 != null) {
            return "weights sha256 " + card.weights.sha256;
        }
        return "id " + card.id;
    }

    public void writeCheckpoint(Path file) throws IOException {
        Checkpoint.Header header = new Checkpoint.Header();
        header.config = config;
        header.epochsDone = epochsDone;
        header.globalStep = globalStep;
        header.generatorFingerprint = generator.fingerprint();
        header.regressor = regressorIdentity();
        Checkpoint.write(file, header, directions, adam);
    }

    /**
     * Runs one training iteration and returns {L_reg, L_disc, L_content, total}. All arrays it
     * creates are closed before it returns.
     */
    double[] step(long stepIndex, double learningRate) {
        SplittableRandom random = new SplittableRandom(Seeds.mix(config.seed, stepIndex));
        int batch = config.batchSize;
        int n = config.attributes.size();
        try (NDScope scope = new NDScope()) {
            NDManager m = manager;
            NDArray z =
                    m.create(
                            Seeds.gaussian(random, batch * generator.latentSize()),
                            new Shape(batch, generator.latentSize()));

            NDArray original = generator.synthesis(navigator.wPlus(z, config.truncation));
            NDArray alpha = navigator.alpha(original);
            NDArray delta = sampleDelta(random, alpha, batch, n);
            NDArray target = alpha.add(delta);
            NDList originalFeatures = config.lambdaContent > 0 ? features.features(original) : null;

            double[] out = new double[4];
            try (GradientCollector collector = Engines.pytorch().newGradientCollector()) {
                NDArray edited =
                        generator.synthesis(
                                navigator.editedWPlus(z, delta, config.truncation, true));
                NDArray regression = Losses.bceWithLogits(navigator.logits(edited), target);
                NDArray loss = Scalars.mul(regression, config.lambdaReg);
                out[0] = regression.getFloat();
                if (config.lambdaDisc > 0) {
                    NDArray disc =
                            Losses.discriminator(discriminator.logits(edited), config.discLoss);
                    loss = loss.add(Scalars.mul(disc, config.lambdaDisc));
                    out[1] = disc.getFloat();
                }
                if (config.lambdaContent > 0) {
                    NDArray content = Losses.content(features.features(edited), originalFeatures);
                    loss = loss.add(Scalars.mul(content, config.lambdaContent));
                    out[2] = content.getFloat();
                }
                out[3] = loss.getFloat();
                collector.backward(loss);
            }
            adam.step(learningRate);
            scope.suppressNotUsedWarning();
            return out;
        }
    }

    private NDArray sampleDelta(SplittableRandom random, NDArray alpha, int batch, int n) {
        float[] mask = new float[batch * n];
        for (int b = 0; b < batch; b++) {
            if (config.joint) {
                java.util.Arrays.fill(mask, b * n, (b + 1) * n, 1f);
            } else {
                mask[b * n + random.nextInt(n)] = 1f;
            }
        }
        NDManager m = alpha.getManager();
        NDArray maskArray = m.create(mask, new Shape(batch, n));
        float[] draws = new float[batch * n];
        if (config.sampler == DirectionTrainingConfig.Sampler.CLIP) {
            for (int i = 0; i < draws.length; i++) {
                draws[i] = (float) (random.nextDouble() * 2 - 1);
            }
            NDArray epsilon = m.create(draws, new Shape(batch, n)).mul(maskArray);
            return Navigator.delta(alpha, epsilon);
        }
        for (int i = 0; i < draws.length; i++) {
            draws[i] = (float) random.nextDouble();
        }
        return m.create(draws, new Shape(batch, n)).sub(alpha).mul(maskArray);
    }

    /** Renders rows of attributes by columns of epsilon for one fixed latent. */
    public BufferedImage preview() {
        try (NDScope scope = new NDScope()) {
            SplittableRandom random = new SplittableRandom(config.seed ^ 0x5DEECE66DL);
            NDArray z =
                    manager.create(
                            Seeds.gaussian(random, generator.latentSize()),
                            new Shape(1, generator.latentSize()));
            int n = directions.attributes().size();
            int columns = PREVIEW_EPSILONS.length;
            NDArray zs = z.repeat(0, (long) n * columns);
            NDArray alpha =
                    navigator
                            .alpha(generator.synthesis(navigator.wPlus(z, 0.7f)))
                            .repeat(0, (long) n * columns);
            float[] eps = new float[n * columns * n];
            for (int a = 0; a < n; a++) {
                for (int c = 0; c < columns; c++) {
                    eps[(a * columns + c) * n + a] = PREVIEW_EPSILONS[c];
                }
            }
            NDArray delta =
                    Navigator.delta(alpha, manager.create(eps, new Shape((long) n * columns, n)));
            BufferedImage[] tiles =
                    Images.toImages(
                            navigator.render(navigator.editedWPlus(zs, delta, 0.7f, false)));
            List<BufferedImage[]> rows = new ArrayList<>();
            for (int a = 0; a < n; a++) {
                rows.add(java.util.Arrays.copyOfRange(tiles, a * columns, (a + 1) * columns));
            }
            scope.suppressNotUsedWarning();
            return Images.grid(rows, 2);
        }
    }

    /** Writes the trained directions as a model folder. */
    public void saveDirections(Path dir) throws IOException {
        Files.createDirectories(dir);
        directions.save(dir);
    }

    public void close() {
        adam.close();
        manager.close();
    }
}
