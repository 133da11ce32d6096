package org.latentnav.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.latentnav.edit.Navigator;
import org.latentnav.io.Images;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.Discriminator;
import org.latentnav.model.FeatureExtractor;
import org.latentnav.model.Generator;
import org.latentnav.train.Seeds;

/**
 * Measures editing quality the way the original evaluation did, with an independent judge
 * regressor: for each attribute and each target on a grid, every latent is edited so that the
 * training regressor's value should reach the target, and the judge measures the result.
 */
public final class EditEvaluation {
    /** Upper edges of the requested-change bins |target - judge value before the edit|. */
    public static final double[] BINS = {0.3, 0.6, 1.0};

    private final Generator generator;
    private final Discriminator discriminator;
    private final FeatureExtractor features;
    private final AttributeRegressor judge;
    private final NDManager manager;
    private final int latents;
    private final int batchSize;
    private final float truncation;
    private final long seed;

    /** Figures for one direction set, attribute and target. */
    public record Row(
            String set,
            String attribute,
            double target,
            double judgeMean,
            double controlError,
            double[] binnedError,
            long[] binCounts,
            double preservation,
            double contentRatio,
            double pixelRatio,
            double discriminatorShift,
            int count) {}

    /** Figures for one direction set and attribute, over all targets. */
    public record Summary(
            String set,
            String attribute,
            double controlError,
            double[] binnedError,
            double preservation,
            double contentRatio,
            double pixelRatio,
            double discriminatorShift,
            double frechet,
            BufferedImage grid) {}

    public EditEvaluation(
            Generator generator,
            Discriminator discriminator,
            FeatureExtractor features,
            AttributeRegressor judge,
            NDManager manager,
            int latents,
            int batchSize,
            float truncation,
            long seed) {
        this.generator = generator;
        this.discriminator = discriminator;
        this.features = features;
        this.judge = judge;
        this.manager = manager;
        this.latents = latents;
        this.batchSize = batchSize;
        this.truncation = truncation;
        this.seed = seed;
    }

    private NDArray latentBatch(int start, int size) {
        SplittableRandom random = new SplittableRandom(Seeds.mix(seed, start));
        int m = generator.latentSize();
        return manager.create(Seeds.gaussian(random, size * m), new Shape(size, m));
    }

    /**
     * Returns the mean VGG-feature and pixel-L1 distances between random pairs of unedited images;
     * edit distances are divided by these.
     */
    public double[] randomPairDistances() {
        double content = 0;
        double pixel = 0;
        int batches = 0;
        for (int start = 0; start < latents; start += batchSize) {
            int size = Math.min(batchSize, latents - start);
            if (size < 2) {
                continue;
            }
            try (NDScope scope = new NDScope()) {
                NDArray images = render(latentBatch(start, size));
                NDArray shifted = images.get("1:").concat(images.get(":1"), 0);
                content += featureDistance(features.features(images), features.features(shifted));
                pixel += shifted.sub(images).abs().mean().getFloat();
                batches++;
                scope.suppressNotUsedWarning();
            }
        }
        return new double[] {content / batches, pixel / batches};
    }

    private NDArray render(NDArray z) {
        return generator
                .synthesis(
                        generator.broadcast(generator.truncate(generator.mapping(z), truncation)))
                .clip(-1f, 1f);
    }

    /** Mean over layers of the per-sample RMS feature distance, averaged over the batch. */
    static double featureDistance(NDList a, NDList b) {
        double total = 0;
        for (int i = 0; i < a.size(); i++) {
            NDArray diff = a.get(i).sub(b.get(i)).square();
            total +=
                    diff.reshape(diff.getShape().get(0), -1)
                            .mean(new int[] {1})
                            .sqrt()
                            .mean()
                            .getFloat();
        }
        return total / a.size();
    }

    /** Evaluates one attribute of one direction set over the target grid. */
    public Summary evaluate(
            String setName,
            Navigator navigator,
            String attribute,
            double[] targets,
            double[] baseline,
            List<Row> rows) {
        int a = navigator.directions().attributes().indexOf(attribute);
        int judgeIndex = judge.attributes().indexOf(attribute);
        if (a < 0 || judgeIndex < 0) {
            throw new IllegalArgumentException(
                    "Attribute " + attribute + " is missing from the direction set or the judge.");
        }
        int n = navigator.directions().attributes().size();
        int judgeCount = judge.attributes().size();
        Accumulator[] acc = new Accumulator[targets.length];
        for (int t = 0; t < targets.length; t++) {
            acc[t] = new Accumulator();
        }
        List<float[]> editedFeatures = new ArrayList<>();
        List<float[]> originalFeatures = new ArrayList<>();
        List<BufferedImage[]> gridRows = new ArrayList<>();
        for (int start = 0; start < latents; start += batchSize) {
            int size = Math.min(batchSize, latents - start);
            try (NDScope scope = new NDScope()) {
                NDArray z = latentBatch(start, size);
                NDArray original = navigator.render(navigator.wPlus(z, truncation));
                float[] alpha = navigator.alpha(original).toFloatArray();
                float[] judge0 = judge.predict(original).toFloatArray();
                NDList features0 = features.features(original);
                float[] d0 = discriminator.logits(original).toFloatArray();
                addRows(originalFeatures, judge.penultimate(original));
                BufferedImage[][] tiles = new BufferedImage[Math.min(size, 6)][targets.length];
                for (int t = 0; t < targets.length; t++) {
                    float[] delta = new float[size * n];
                    for (int b = 0; b < size; b++) {
                        delta[b * n + a] = (float) targets[t] - alpha[b * n + a];
                    }
                    NDArray edited =
                            navigator.render(
                                    navigator.editedWPlus(
                                            z,
                                            manager.create(delta, new Shape(size, n)),
                                            truncation,
                                            false));
                    float[] judge1 = judge.predict(edited).toFloatArray();
                    float[] d1 = discriminator.logits(edited).toFloatArray();
                    NDList features1 = features.features(edited);
                    for (int b = 0; b < size; b++) {
                        double before = judge0[b * judgeCount + judgeIndex];
                        double after = judge1[b * judgeCount + judgeIndex];
                        double others = 0;
                        for (int k = 0; k < judgeCount; k++) {
                            if (k != judgeIndex) {
                                others +=
                                        Math.abs(
                                                judge1[b * judgeCount + k]
                                                        - judge0[b * judgeCount + k]);
                            }
                        }
                        acc[t].add(
                                after,
                                targets[t],
                                before,
                                others / Math.max(1, judgeCount - 1),
                                d1[b] - d0[b]);
                    }
                    acc[t].content += featureDistance(features1, features0) * size;
                    acc[t].pixel +=
                            edited.sub(original)
                                    .abs()
                                    .reshape(size, -1)
                                    .mean(new int[] {1})
                                    .sum()
                                    .getFloat();
                    addRows(editedFeatures, judge.penultimate(edited));
                    if (start == 0) {
                        BufferedImage[] images = Images.toImages(edited);
                        for (int r = 0; r < tiles.length; r++) {
                            tiles[r][t] = images[r];
                        }
                    }
                }
                if (start == 0) {
                    gridRows.addAll(Arrays.asList(tiles));
                }
                scope.suppressNotUsedWarning();
            }
        }
        Summary totals = summarize(setName, attribute, targets, acc, baseline, rows);
        double frechet =
                FrechetDistance.between(
                        FrechetDistance.Statistics.of(editedFeatures.toArray(new float[0][])),
                        FrechetDistance.Statistics.of(originalFeatures.toArray(new float[0][])));
        return new Summary(
                totals.set(),
                totals.attribute(),
                totals.controlError(),
                totals.binnedError(),
                totals.preservation(),
                totals.contentRatio(),
                totals.pixelRatio(),
                totals.discriminatorShift(),
                frechet,
                Images.grid(gridRows, 2));
    }

    private static void addRows(List<float[]> out, NDArray features) {
        long[] shape = features.getShape().getShape();
        float[] values = features.toFloatArray();
        int d = (int) shape[1];
        for (int b = 0; b < shape[0]; b++) {
            out.add(Arrays.copyOfRange(values, b * d, (b + 1) * d));
        }
    }

    private static Summary summarize(
            String set,
            String attribute,
            double[] targets,
            Accumulator[] acc,
            double[] baseline,
            List<Row> rows) {
        Accumulator all = new Accumulator();
        for (int t = 0; t < targets.length; t++) {
            Accumulator x = acc[t];
            rows.add(
                    new Row(
                            set,
                            attribute,
                            targets[t],
                            x.judge / x.count,
                            x.error / x.count,
                            x.binnedMeans(),
                            x.binCounts.clone(),
                            x.preservation / x.count,
                            x.content / x.count / baseline[0],
                            x.pixel / x.count / baseline[1],
                            x.shift / x.count,
                            x.count));
            all.merge(x);
        }
        return new Summary(
                set,
                attribute,
                all.error / all.count,
                all.binnedMeans(),
                all.preservation / all.count,
                all.content / all.count / baseline[0],
                all.pixel / all.count / baseline[1],
                all.shift / all.count,
                Double.NaN,
                null);
    }

    /** Running sums for one target. */
    private static final class Accumulator {
        int count;
        double judge;
        double error;
        double preservation;
        double content;
        double pixel;
        double shift;
        final double[] binnedError = new double[BINS.length];
        final long[] binCounts = new long[BINS.length];

        void add(double after, double target, double before, double others, double dShift) {
            count++;
            judge += after;
            double e = Math.abs(after - target);
            error += e;
            preservation += others;
            shift += dShift;
            double requested = Math.abs(target - before);
            for (int i = 0; i < BINS.length; i++) {
                if (requested <= BINS[i]) {
                    binnedError[i] += e;
                    binCounts[i]++;
                    break;
                }
            }
        }

        void merge(Accumulator o) {
            count += o.count;
            judge += o.judge;
            error += o.error;
            preservation += o.preservation;
            content += o.content;
            pixel += o.pixel;
            shift += o.shift;
            for (int i = 0; i < BINS.length; i++) {
                binnedError[i] += o.binnedError[i];
                binCounts[i] += o.binCounts[i];
            }
        }

        double[] binnedMeans() {
            double[] out = new double[BINS.length];
            for (int i = 0; i < BINS.length; i++) {
                out[i] = binCounts[i] == 0 ? Double.NaN : binnedError[i] / binCounts[i];
            }
            return out;
        }
    }

    /** Returns targets 0, 1/(k-1), ..., 1. */
    public static double[] targetGrid(int k) {
        double[] t = new double[k];
        for (int i = 0; i < k; i++) {
            t[i] = k == 1 ? 0.5 : i / (double) (k - 1);
        }
        return t;
    }

    /** Groups rows by set for plotting: set -> attribute -> judge means by target. */
    public static Map<String, Map<String, double[]>> judgeCurves(List<Row> rows, int targets) {
        Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
        Map<String, Integer> filled = new LinkedHashMap<>();
        for (Row r : rows) {
            double[] curve =
                    out.computeIfAbsent(r.attribute(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(r.set(), k -> new double[targets]);
            String key = r.attribute() + "\u0000" + r.set();
            int i = filled.merge(key, 1, Integer::sum) - 1;
            curve[i] = r.judgeMean();
        }
        return out;
    }
}
