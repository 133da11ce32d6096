package org.latentnav.gan;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.latentnav.data.CelebADataset;
import org.latentnav.engine.Engines;
import org.latentnav.io.DigestFile;
import org.latentnav.io.Images;
import org.latentnav.model.DjlDiscriminator;
import org.latentnav.model.DjlGenerator;
import org.latentnav.model.InvalidModelException;
import org.latentnav.model.ModelCard;
import org.latentnav.model.ModelFolder;
import org.latentnav.model.Models;
import org.latentnav.nn.MemoryFormat;
import org.latentnav.nn.NoiseMode;
import org.latentnav.nn.ResidualDiscriminator;
import org.latentnav.nn.Scalars;
import org.latentnav.nn.StyleGan2Generator;
import org.latentnav.train.AdamState;
import org.latentnav.train.Checkpoint;
import org.latentnav.train.Losses;
import org.latentnav.train.Seeds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the StyleGAN2-style generator and discriminator with the non-saturating logistic loss, a
 * lazy R1 penalty on real images, style mixing, and an exponential moving average (EMA) of the
 * generator's weights that is used for rendering. Random draws come from generators seeded by
 * (seed, step), so a resumed run continues the same sequence.
 */
public final class GanTrainer implements AutoCloseable {
    public static final String CHECKPOINT = "gan-checkpoint.bin";
    private static final String MAGIC = "LATENTNAV-GAN-CHECKPOINT-1";
    private static final Logger logger = LoggerFactory.getLogger(GanTrainer.class);

    /** Finite-difference step of the R1 estimate, in image units ([-1, 1] range). */
    private static final float R1_STEP = 0.01f;

    private final GanConfig config;
    private final CelebADataset data;
    private final DjlGenerator generator;
    private final DjlGenerator ema;
    private final DjlDiscriminator discriminator;
    private final StyleGan2Generator g;
    private final ResidualDiscriminator d;
    private final NDManager manager;
    private final ParameterStore store;
    private final AdamState adamG;
    private final AdamState adamD;
    private long step;
    private long imagesSeen;
    private double lastR1 = Double.NaN;
    private GanConfig restoredConfig;
    private String initialisedFrom;

    public GanTrainer(GanConfig config, CelebADataset data, Device device) {
        config.validate();
        this.config = config;
        this.data = data;
        Engines.pytorch().setRandomSeed((int) config.seed);
        this.generator = Models.newGenerator(config.generatorConfig(), device);
        this.ema = Models.newGenerator(config.generatorConfig(), device);
        this.discriminator = Models.newDiscriminator(config.generatorConfig(), device);
        this.g = generator.net();
        this.d = discriminator.net();
        g.setNoiseMode(NoiseMode.RANDOM);
        copyParameters(g, ema.net());
        ema.block().freezeParameters(true);
        this.manager = Engines.pytorch().newBaseManager(device);
        this.store = new ParameterStore(manager, false);
        double ratio = config.r1Interval / (config.r1Interval + 1.0);
        this.adamG = new AdamState(g.getParameters(), config.beta1, config.beta2, manager);
        this.adamD =
                new AdamState(
                        d.getParameters(),
                        Math.pow(config.beta1, ratio),
                        Math.pow(config.beta2, ratio),
                        manager);
    }

    /** Number of parameter updates whose gradients held NaN (replaced by 0). */
    public long nonFiniteSteps() {
        return adamG.nonFiniteSteps() + adamD.nonFiniteSteps();
    }

    public long imagesSeen() {
        return imagesSeen;
    }

    /** The generator folder that this run started from ({@link #initFrom}), or null. */
    public String initialisedFrom() {
        return initialisedFrom;
    }

    public DjlGenerator ema() {
        return ema;
    }

    public DjlDiscriminator discriminator() {
        return discriminator;
    }

    /**
     * Runs one discriminator step, R1 when due, one generator step and the EMA update. Returns the
     * discriminator's and the generator's loss and the latest R1 penalty, NaN before the first.
     */
    public double[] step() {
        Engines.prepareCurrentThread();
        SplittableRandom random = new SplittableRandom(Seeds.mix(config.seed, step));
        int batch = config.batchSize;
        double[] losses = new double[3];
        try (NDScope scope = new NDScope()) {
            NDArray real = realBatch(random, batch);
            losses[0] = discriminatorStep(random, real);
            if (step % config.r1Interval == 0) {
                lastR1 = r1Step(random, real);
            }
            losses[2] = lastR1;
            losses[1] = generatorStep(random);
            scope.suppressNotUsedWarning();
        }
        step++;
        imagesSeen += batch;
        updateEma();
        return losses;
    }

    private double discriminatorStep(SplittableRandom random, NDArray real) {
        NDArray fake = g.synthesis(store, mixedWs(random, config.batchSize, false), true);
        int batch = config.batchSize;
        // One pass over fake and real images, each batch with its own minibatch statistics.
        NDArray both = MemoryFormat.channelsLast(fake.concat(real, 0));
        double loss;
        try (GradientCollector collector = Engines.pytorch().newGradientCollector()) {
            NDArray logits = d.logits(store, both, true, 2);
            NDArray fakeLoss = Losses.softplus(logits.get("0:" + batch));
            NDArray realLoss = Losses.softplus(logits.get(batch + ":").neg());
            NDArray total = fakeLoss.mean().add(realLoss.mean());
            loss = total.getFloat();
            collector.backward(total);
        }
        adamD.step(config.learningRate * config.r1Interval / (config.r1Interval + 1.0));
        return loss;
    }

    /**
     * Adds (gamma / 2) E||grad_x D(x)||^2 on real images, scaled by the interval (lazy R1). The
     * squared input-gradient norm is estimated as ((D(x + s n) - D(x)) / s)^2 with one Gaussian
     * direction n per image, since E[(g . n)^2] = ||g||^2. The exact form needs a double backward
     * that only PyTorch's backward(create_graph=true) offers through DJL, and that call leaves a
     * parameter-gradient cycle that leaked about 47 MB per step here (batch 8, 64 px).
     */
    private double r1Step(SplittableRandom random, NDArray real) {
        Shape shape = real.getShape();
        int count = (int) shape.size();
        NDArray direction = manager.create(Seeds.gaussian(random, count), shape).mul(R1_STEP);
        double value;
        int batch = (int) shape.get(0);
        NDArray both = MemoryFormat.channelsLast(real.concat(real.add(direction), 0));
        try (GradientCollector collector = Engines.pytorch().newGradientCollector()) {
            NDArray logits = d.logits(store, both, true, 2);
            NDArray base = logits.get("0:" + batch);
            NDArray moved = logits.get(batch + ":");
            NDArray penalty = Scalars.div(moved.sub(base), R1_STEP).square().mean();
            value = penalty.getFloat();
            collector.backward(Scalars.mul(penalty, config.r1Gamma / 2 * config.r1Interval));
        }
        adamD.step(config.learningRate * config.r1Interval / (config.r1Interval + 1.0));
        return value;
    }

    /**
     * Updates the generator. The discriminator's weights are frozen for this pass, as in StyleGAN2,
     * so the backward pass computes only the gradient that flows through the discriminator to the
     * images, not gradients of its weights that the generator's update would throw away.
     */
    private double generatorStep(SplittableRandom random) {
        double loss;
        d.freezeParameters(true);
        try (GradientCollector collector = Engines.pytorch().newGradientCollector()) {
            NDArray fake = g.synthesis(store, mixedWs(random, config.batchSize, true), true);
            NDArray total = Losses.softplus(d.logits(store, fake, true).neg()).mean();
            loss = total.getFloat();
            collector.backward(total);
        } finally {
            d.freezeParameters(false);
        }
        adamG.step(config.learningRate);
        return loss;
    }

    /**
     * Maps fresh latents to w+; with probability styleMixing, layers from a cutoff on use a second
     * latent.
     */
    private NDArray mixedWs(SplittableRandom random, int batch, boolean track) {
        int m = config.latentSize;
        int layers = config.generatorConfig().numWs();
        NDArray z1 = manager.create(Seeds.gaussian(random, batch * m), new Shape(batch, m));
        NDArray w1 = g.mapping(store, z1, true);
        if (track) {
            g.updateWAverage(w1.stopGradient());
        }
        NDArray ws = w1.expandDims(1).repeat(1, layers);
        if (random.nextDouble() < config.styleMixing) {
            int cutoff = 1 + random.nextInt(layers - 1);
            NDArray z2 = manager.create(Seeds.gaussian(random, batch * m), new Shape(batch, m));
            NDArray w2 = g.mapping(store, z2, true).expandDims(1).repeat(1, layers);
            float[] mask = new float[layers];
            java.util.Arrays.fill(mask, 0, cutoff, 1f);
            NDArray keep = manager.create(mask, new Shape(1, layers, 1));
            ws = ws.mul(keep).add(w2.mul(keep.neg().add(1f)));
        }
        return ws;
    }

    private NDArray realBatch(SplittableRandom random, int batch) {
        int r = config.resolution;
        int plane = r * r;
        float[] pixels = new float[batch * 3 * plane];
        for (int b = 0; b < batch; b++) {
            float[] image;
            try {
                image = data.image(random.nextInt((int) data.size()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (config.mirror && random.nextBoolean()) {
                image = Images.mirrorChw(image, r);
            }
            System.arraycopy(image, 0, pixels, b * 3 * plane, image.length);
        }
        return MemoryFormat.channelsLast(manager.create(pixels, new Shape(batch, 3, r, r)));
    }

    /** ema = beta ema + (1 - beta) g, with beta from the half-life and its ramp-up. */
    private void updateEma() {
        double emaImages = config.emaKimg * 1000;
        if (config.emaRampup > 0) {
            emaImages = Math.min(emaImages, imagesSeen * config.emaRampup);
        }
        double beta = Math.pow(0.5, config.batchSize / Math.max(emaImages, 1e-8));
        List<Parameter> target = ema.net().getParameters().values();
        List<Parameter> source = g.getParameters().values();
        try (NDScope scope = new NDScope()) {
            for (int i = 0; i < source.size(); i++) {
                NDArray e = target.get(i).getArray();
                NDArray s = source.get(i).getArray();
                if (source.get(i).requiresGradient()) {
                    e.muli(beta).addi(s.mul(1 - beta));
                } else {
                    e.set(s.toFloatArray());
                }
            }
            scope.suppressNotUsedWarning();
        }
    }

    private static void copyParameters(StyleGan2Generator from, StyleGan2Generator to) {
        List<Parameter> source = from.getParameters().values();
        List<Parameter> target = to.getParameters().values();
        for (int i = 0; i < source.size(); i++) {
            target.get(i).getArray().set(source.get(i).getArray().toFloatArray());
        }
    }

    /** Renders a grid of EMA samples from fixed latents. */
    public BufferedImage samples(int rows, int columns, float psi) {
        try (NDScope scope = new NDScope()) {
            SplittableRandom random = new SplittableRandom(config.seed + 7919);
            int n = rows * columns;
            int m = config.latentSize;
            NDArray z = manager.create(Seeds.gaussian(random, n * m), new Shape(n, m));
            BufferedImage[] tiles =
                    Images.toImages(
                            ema.synthesis(ema.broadcast(ema.truncate(ema.mapping(z), psi)))
                                    .clip(-1f, 1f));
            List<BufferedImage[]> grid = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                grid.add(java.util.Arrays.copyOfRange(tiles, r * columns, (r + 1) * columns));
            }
            scope.suppressNotUsedWarning();
            return Images.grid(grid, 2);
        }
    }

    /** Header of a GAN checkpoint. */
    public static final class Header {
        public GanConfig config;
        public long step;
        public long imagesSeen;
        public double seconds;

        /** The generator folder that a run started from, or null for random weights. */
        public String initialisedFrom;
    }

    public void save(Path file, double seconds) throws IOException {
        Header header = new Header();
        header.config = config;
        header.step = step;
        header.imagesSeen = imagesSeen;
        header.seconds = seconds;
        header.initialisedFrom = initialisedFrom;
        DigestFile.write(
                file,
                MAGIC,
                out -> {
                    Checkpoint.writeJson(out, header);
                    g.saveParameters(out);
                    ema.net().saveParameters(out);
                    d.saveParameters(out);
                    adamG.save(out);
                    adamD.save(out);
                });
    }

    /**
     * Returns the training settings (not network sizes) that differ between a checkpoint's config
     * and the current one, as "name old -> new" strings, so a resumed run can report what changed.
     */
    public static List<String> settingChanges(GanConfig saved, GanConfig now) {
        List<String> changes = new ArrayList<>();
        addChange(changes, "batch size", saved.batchSize, now.batchSize);
        addChange(changes, "learning rate", saved.learningRate, now.learningRate);
        addChange(changes, "R1 gamma", saved.r1Gamma, now.r1Gamma);
        addChange(changes, "R1 interval", saved.r1Interval, now.r1Interval);
        return changes;
    }

    private static String sizeOf(GanConfig config) {
        return String.format(
                Locale.ROOT,
                "--resolution %d --channel-base %d --channel-max %d --latent-size %d",
                config.resolution,
                config.channelBase,
                config.channelMax,
                config.latentSize);
    }

    private static void addChange(List<String> changes, String name, double saved, double now) {
        if (Double.compare(saved, now) != 0) {
            changes.add(name + " " + format(saved) + " -> " + format(now));
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** Returns the settings saved in the checkpoint that {@link #restore} read, or null. */
    public GanConfig restoredConfig() {
        return restoredConfig;
    }

    /** Restores a checkpoint; returns the training seconds recorded in it. */
    public double restore(Path file) {
        try (DataInputStream in = DigestFile.open(file, MAGIC, "Checkpoint")) {
            Header header = Checkpoint.readJson(in, Header.class);
            if (header.config.resolution != config.resolution
                    || header.config.channelBase != config.channelBase
                    || header.config.channelMax != config.channelMax
                    || header.config.latentSize != config.latentSize) {
                throw new InvalidModelException(
                        "Checkpoint "
                                + file
                                + " holds a network of another size ("
                                + sizeOf(header.config)
                                + "; this run requests "
                                + sizeOf(config)
                                + "). Pass the checkpoint's sizes, or give a new --out folder.");
            }
            List<String> changes = settingChanges(header.config, config);
            if (!changes.isEmpty()) {
                logger.warn(
                        "Resuming {} with training settings that differ from the checkpoint's: {};"
                                + " pass the checkpoint's values to keep them.",
                        file,
                        String.join(", ", changes));
            }
            g.loadParameters(manager, in);
            ema.net().loadParameters(manager, in);
            d.loadParameters(manager, in);
            adamG.load(in);
            adamD.load(in);
            step = header.step;
            imagesSeen = header.imagesSeen;
            restoredConfig = header.config;
            initialisedFrom = header.initialisedFrom;
            logger.info("Resumed GAN training from {} at {} images", file, imagesSeen);
            return header.seconds;
        } catch (IOException | MalformedModelException e) {
            throw new InvalidModelException(
                    "Checkpoint " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Starts from exported generator and discriminator folders instead of random weights: G and its
     * EMA copy both take the generator's (EMA) weights, D takes the discriminator's, and the image
     * count continues from the generator card's. Adam starts afresh. Returns the training seconds
     * recorded in the generator card.
     */
    public double initFrom(Path generatorDir, Path discriminatorDir) {
        ModelCard gCard = ModelFolder.readCard(generatorDir);
        ModelCard dCard = ModelFolder.readCard(discriminatorDir);
        requireSameSize(generatorDir, gCard);
        requireSameSize(discriminatorDir, dCard);
        ModelFolder.loadWeights(generatorDir, gCard, generator.block(), manager);
        ModelFolder.loadWeights(generatorDir, gCard, ema.block(), manager);
        ModelFolder.loadWeights(discriminatorDir, dCard, discriminator.block(), manager);
        adamG.attachGradients();
        adamD.attachGradients();
        Long seen = gCard.provenance == null ? null : gCard.provenance.imagesSeen;
        imagesSeen = seen == null ? 0 : seen;
        step = imagesSeen / config.batchSize;
        initialisedFrom = generatorDir.toString();
        logger.info(
                "Initialised GAN training from {} and {} at {} images",
                generatorDir,
                discriminatorDir,
                imagesSeen);
        Double hours = gCard.provenance == null ? null : gCard.provenance.hours;
        return hours == null ? 0 : hours * 3600;
    }

    private void requireSameSize(Path dir, ModelCard card) {
        String[] keys = {"resolution", "latentSize", "channelBase", "channelMax", "mappingLayers"};
        int[] expected = {
            config.resolution,
            config.latentSize,
            config.channelBase,
            config.channelMax,
            config.mappingLayers
        };
        for (int i = 0; i < keys.length; i++) {
            Object value = card.hyperParameters.get(keys[i]);
            if (value instanceof Number n && n.intValue() != expected[i]) {
                throw new InvalidModelException(
                        dir.resolve(ModelFolder.CARD_FILE)
                                + " has "
                                + keys[i]
                                + " "
                                + n.intValue()
                                + " but this run asks for "
                                + expected[i]
                                + ". Start from a model of the same sizes, or drop --init-from.");
            }
        }
    }

    @Override
    public void close() {
        adamG.close();
        adamD.close();
        manager.close();
        generator.close();
        ema.close();
        discriminator.close();
    }

    public static boolean hasCheckpoint(Path dir) {
        return Files.exists(dir.resolve(CHECKPOINT));
    }
}
