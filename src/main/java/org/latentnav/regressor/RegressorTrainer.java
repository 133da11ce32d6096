package org.latentnav.regressor;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.latentnav.data.CelebADataset;
import org.latentnav.engine.Engines;
import org.latentnav.io.DigestFile;
import org.latentnav.io.Images;
import org.latentnav.model.DjlRegressor;
import org.latentnav.model.InvalidModelException;
import org.latentnav.model.ModelCard;
import org.latentnav.model.ModelFolder;
import org.latentnav.model.Models;
import org.latentnav.nn.RegressorArchitecture;
import org.latentnav.train.AdamState;
import org.latentnav.train.Checkpoint;
import org.latentnav.train.Losses;
import org.latentnav.train.Seeds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains an attribute regressor from scratch with Adam. After every epoch it measures the
 * validation MSE and per-attribute accuracy, keeps the model with the best validation MSE in {@code
 * OUT/best}, and writes a checkpoint that a later run resumes from.
 */
public final class RegressorTrainer implements AutoCloseable {
    public static final String CHECKPOINT = "checkpoint.bin";
    public static final String BEST = "best";
    private static final String MAGIC = "LATENTNAV-REGRESSOR-CHECKPOINT-1";
    private static final Logger logger = LoggerFactory.getLogger(RegressorTrainer.class);

    private final RegressorTrainingConfig config;
    private final CelebADataset train;
    private final CelebADataset validation;
    private final DjlRegressor regressor;
    private final NDManager manager;
    private final AdamState adam;
    private final Path out;
    private int epochsDone;
    private double bestMse = Double.POSITIVE_INFINITY;
    private final List<Double> epochSeconds = new ArrayList<>();
    private final List<Map<String, Object>> history = new ArrayList<>();

    /** Header of a regressor checkpoint. */
    public static final class Header {
        public RegressorTrainingConfig config;
        public int epochsDone;
        public double bestMse;
        public List<Double> epochSeconds = new ArrayList<>();
        public List<Map<String, Object>> history = new ArrayList<>();
    }

    public RegressorTrainer(
            RegressorTrainingConfig config,
            CelebADataset train,
            CelebADataset validation,
            Path out,
            Device device)
            throws IOException {
        this.config = config;
        this.train = train;
        this.validation = validation;
        this.out = out;
        Engines.pytorch().setRandomSeed((int) config.seed);
        this.regressor =
                Models.newRegressor(
                        RegressorArchitecture.fromId(config.architecture),
                        config.resolution,
                        config.attributes,
                        config.widthDivisor,
                        device);
        this.manager = Engines.pytorch().newBaseManager(device);
        this.adam = new AdamState(regressor.block().getParameters(), 0.9, 0.999, manager);
        Files.createDirectories(out);
        Path checkpoint = out.resolve(CHECKPOINT);
        if (Files.exists(checkpoint)) {
            restore(checkpoint);
        }
    }

    public DjlRegressor regressor() {
        return regressor;
    }

    public int epochsDone() {
        return epochsDone;
    }

    public int batchesPerEpoch() {
        return (int) (train.size() / config.batchSize);
    }

    /** Trains the remaining epochs; {@code progress} receives the global batch count. */
    public void train(LongConsumer progress, String command) throws IOException {
        Engines.prepareCurrentThread();
        int batches = batchesPerEpoch();
        for (int epoch = epochsDone; epoch < config.epochs; epoch++) {
            long start = System.nanoTime();
            double rate = config.schedule.rate(epoch);
            int[] order =
                    permutation(
                            (int) train.size(),
                            new SplittableRandom(Seeds.mix(config.seed, epoch)));
            SplittableRandom flips = new SplittableRandom(Seeds.mix(config.seed ^ 0xF1195L, epoch));
            double lossSum = 0;
            for (int b = 0; b < batches; b++) {
                lossSum += step(order, b, flips, rate);
                progress.accept((long) epoch * batches + b + 1);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            RegressorMetrics metrics = evaluate(regressor, validation, 64);
            epochsDone = epoch + 1;
            epochSeconds.add(seconds);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", epochsDone);
            row.put("trainLoss", lossSum / batches);
            row.put("validationMse", metrics.mse());
            row.put("validationAccuracy", metrics.meanAccuracy());
            row.put("seconds", seconds);
            history.add(row);
            logger.info(
                    "Epoch {}/{}: train loss {} validation MSE {} mean accuracy {} ({} s)",
                    epochsDone,
                    config.epochs,
                    fmt(lossSum / batches),
                    fmt(metrics.mse()),
                    fmt(metrics.meanAccuracy()),
                    String.format(Locale.ROOT, "%.0f", seconds));
            if (metrics.mse() < bestMse) {
                bestMse = metrics.mse();
                saveModel(out.resolve(BEST), metrics, command);
            }
            saveCheckpoint(out.resolve(CHECKPOINT));
        }
    }

    /** Runs {@code count} training batches of epoch 0 without evaluation or checkpoints. */
    public void trainBatches(int count, java.util.function.IntConsumer afterBatch)
            throws IOException {
        int[] order = permutation((int) train.size(), new SplittableRandom(config.seed));
        SplittableRandom flips = new SplittableRandom(config.seed);
        for (int b = 0; b < count; b++) {
            step(order, b, flips, config.schedule.rate(0));
            afterBatch.accept(b + 1);
        }
    }

    private double step(int[] order, int batch, SplittableRandom flips, double rate)
            throws IOException {
        int size = config.batchSize;
        int r = config.resolution;
        int n = config.attributes.size();
        float[] pixels = new float[size * 3 * r * r];
        float[] labels = new float[size * n];
        for (int i = 0; i < size; i++) {
            int index = order[batch * size + i];
            float[] image = train.image(index);
            if (config.mirror && flips.nextBoolean()) {
                image = Images.mirrorChw(image, r);
            }
            System.arraycopy(image, 0, pixels, i * image.length, image.length);
            System.arraycopy(train.labels(index), 0, labels, i * n, n);
        }
        try (NDScope scope = new NDScope()) {
            NDArray x = manager.create(pixels, new Shape(size, 3, r, r));
            NDArray y = manager.create(labels, new Shape(size, n));
            double value;
            try (GradientCollector collector = Engines.pytorch().newGradientCollector()) {
                NDArray logits = regressor.logits(x, true);
                NDArray loss =
                        config.loss == RegressorTrainingConfig.Loss.BCE
                                ? Losses.bceWithLogits(logits, y)
                                : logits.getNDArrayInternal().sigmoid().sub(y).square().mean();
                value = loss.getFloat();
                collector.backward(loss);
            }
            adam.step(rate);
            scope.suppressNotUsedWarning();
            return value;
        }
    }

    /** Evaluates in inference mode over a whole split. */
    public static RegressorMetrics evaluate(
            DjlRegressor regressor, CelebADataset data, int batchSize) throws IOException {
        RegressorMetrics metrics = new RegressorMetrics(data.attributes());
        int r = data.resolution();
        int n = data.attributes().size();
        int total = (int) data.size();
        for (int start = 0; start < total; start += batchSize) {
            int size = Math.min(batchSize, total - start);
            float[] pixels = new float[size * 3 * r * r];
            float[] labels = new float[size * n];
            for (int i = 0; i < size; i++) {
                float[] image = data.image(start + i);
                System.arraycopy(image, 0, pixels, i * image.length, image.length);
                System.arraycopy(data.labels(start + i), 0, labels, i * n, n);
            }
            try (NDScope scope = new NDScope()) {
                NDArray x =
                        regressor
                                .block()
                                .getParameters()
                                .get(0)
                                .getValue()
                                .getArray()
                                .getManager()
                                .create(pixels, new Shape(size, 3, r, r));
                metrics.add(regressor.predict(x).toFloatArray(), labels);
                scope.suppressNotUsedWarning();
            }
        }
        return metrics;
    }

    private void saveModel(Path dir, RegressorMetrics metrics, String command) throws IOException {
        ModelCard card = regressor.card();
        card.id = "regressor-" + config.architecture;
        card.name = architectureName() + " attribute regressor (avatar faces)";
        card.description =
                architectureName()
                        + " trained from scratch by LatentNav on DiceBear avatar faces; no ImageNet"
                        + " weights were available offline. Outputs are logits; sigmoid gives [0, 1].";
        card.hyperParameters.put("loss", config.loss.name().toLowerCase(Locale.ROOT));
        card.hyperParameters.put("batchSize", config.batchSize);
        card.hyperParameters.put("schedule", config.schedule.toString());
        card.provenance.data =
                config.data
                        + " (CelebA layout), train split, "
                        + config.resolution
                        + " px, x-flips";
        card.provenance.command = command;
        card.provenance.epochs = epochsDone;
        card.provenance.imagesSeen = (long) epochsDone * batchesPerEpoch() * config.batchSize;
        card.provenance.hours = epochSeconds.stream().mapToDouble(Double::doubleValue).sum() / 3600;
        card.provenance.created = Instant.now().toString();
        card.quality.put("validationMse", RegressorMetrics.round(metrics.mse()));
        card.quality.put("validationMeanAccuracy", RegressorMetrics.round(metrics.meanAccuracy()));
        card.quality.put("validation", metrics.perAttribute());
        card.quality.put("secondsPerEpoch", Math.round(epochSeconds.get(epochSeconds.size() - 1)));
        card.quality.put("parameters", parameterCount());
        card.quality.put("history", history);
        ModelFolder.save(dir, card, regressor.block());
    }

    private String architectureName() {
        switch (RegressorArchitecture.fromId(config.architecture)) {
            case RESNET50:
                return "ResNet-50";
            case MOBILENETV2:
                return "MobileNetV2";
            default:
                return "VGG-19";
        }
    }

    public long parameterCount() {
        long total = 0;
        for (var p : regressor.block().getParameters()) {
            if (p.getValue().requiresGradient()) {
                total += p.getValue().getArray().size();
            }
        }
        return total;
    }

    private void saveCheckpoint(Path file) throws IOException {
        Header header = new Header();
        header.config = config;
        header.epochsDone = epochsDone;
        header.bestMse = bestMse;
        header.epochSeconds = epochSeconds;
        header.history = history;
        DigestFile.write(
                file,
                MAGIC,
                stream -> {
                    Checkpoint.writeJson(stream, header);
                    regressor.block().saveParameters(stream);
                    adam.save(stream);
                });
    }

    private void restore(Path file) throws IOException {
        try (DataInputStream in = DigestFile.open(file, MAGIC, "Checkpoint")) {
            Header header = Checkpoint.readJson(in, Header.class);
            if (!header.config.architecture.equals(config.architecture)
                    || !header.config.attributes.equals(config.attributes)) {
                throw new InvalidModelException(
                        "Checkpoint "
                                + file
                                + " is for "
                                + header.config.architecture
                                + " on "
                                + header.config.attributes
                                + "; use the same options or another --out folder.");
            }
            regressor.block().loadParameters(manager, in);
            adam.load(in);
            epochsDone = header.epochsDone;
            bestMse = header.bestMse;
            epochSeconds.addAll(header.epochSeconds);
            history.addAll(header.history);
            logger.info("Resumed {} after epoch {}", file, epochsDone);
        } catch (MalformedModelException e) {
            throw new InvalidModelException(
                    "Checkpoint " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    static int[] permutation(int size, SplittableRandom random) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    @Override
    public void close() {
        adam.close();
        manager.close();
        regressor.close();
    }
}
