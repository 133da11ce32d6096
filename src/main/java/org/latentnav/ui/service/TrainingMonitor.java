package org.latentnav.ui.service;

import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.Map;
import org.latentnav.train.TrainingListener;

/**
 * Progress of one training run, written by the training thread and read by the UI. The training
 * thread only updates fields under a lock; the UI copies a {@link Snapshot} on its own schedule
 * (about every 100 ms), so progress costs the UI thread nothing per iteration.
 */
public final class TrainingMonitor implements TrainingListener {
    /** Points kept per chart series; see {@link ThinnedSeries}. */
    public static final int SERIES_CAPACITY = 400;

    /** The charted quantities. */
    public enum Metric {
        REGRESSION,
        DISCRIMINATOR,
        CONTENT,
        LEARNING_RATE
    }

    /** An immutable copy of the progress; a revision that did not change means nothing did. */
    public record Snapshot(
            long revision,
            long step,
            long totalSteps,
            long stepsAtStart,
            double secondsSinceStart,
            int epoch,
            int epochs,
            Iteration latest,
            Map<Metric, double[][]> series,
            long previewRevision,
            int[] preview,
            int previewWidth,
            int previewHeight) {}

    private final Map<Metric, ThinnedSeries> series = new EnumMap<>(Metric.class);
    private long revision;
    private long step;
    private long totalSteps;
    private long stepsAtStart;
    private long startNanos = System.nanoTime();
    private int epoch;
    private int epochs;
    private Iteration latest;
    private long previewRevision;
    private int[] preview;
    private int previewWidth;
    private int previewHeight;

    public TrainingMonitor() {
        for (Metric metric : Metric.values()) {
            series.put(metric, new ThinnedSeries(SERIES_CAPACITY));
        }
    }

    /** Resets the clock that the throughput and the ETA are measured from. */
    public synchronized void begin(long stepsDone, long totalSteps, int epochsDone, int epochs) {
        this.step = stepsDone;
        this.stepsAtStart = stepsDone;
        this.totalSteps = totalSteps;
        this.epoch = epochsDone;
        this.epochs = epochs;
        this.startNanos = System.nanoTime();
        revision++;
    }

    /** Adds a point of earlier progress, for example a row of a resumed run's metrics file. */
    public synchronized void addHistory(long step, double[] values) {
        Metric[] metrics = Metric.values();
        for (int i = 0; i < metrics.length && i < values.length; i++) {
            series.get(metrics[i]).add(step, values[i]);
        }
        revision++;
    }

    @Override
    public synchronized void onIteration(Iteration iteration) {
        latest = iteration;
        step = iteration.globalStep();
        totalSteps = iteration.totalSteps();
        epoch = iteration.epoch();
        double x = iteration.globalStep();
        series.get(Metric.REGRESSION).add(x, iteration.regression());
        series.get(Metric.DISCRIMINATOR).add(x, iteration.discriminator());
        series.get(Metric.CONTENT).add(x, iteration.content());
        series.get(Metric.LEARNING_RATE).add(x, iteration.learningRate());
        revision++;
    }

    @Override
    public void onEpoch(Epoch summary) {
        BufferedImage image = summary.preview();
        int[] pixels = null;
        int width = 0;
        int height = 0;
        if (image != null) {
            width = image.getWidth();
            height = image.getHeight();
            pixels = image.getRGB(0, 0, width, height, null, 0, width);
        }
        synchronized (this) {
            epoch = summary.epoch() + 1;
            epochs = summary.epochs();
            if (pixels != null) {
                preview = pixels;
                previewWidth = width;
                previewHeight = height;
                previewRevision++;
            }
            revision++;
        }
    }

    /** Copies the current progress; the arrays in the snapshot are not shared. */
    public synchronized Snapshot snapshot() {
        Map<Metric, double[][]> points = new EnumMap<>(Metric.class);
        series.forEach((metric, values) -> points.put(metric, values.points()));
        return new Snapshot(
                revision,
                step,
                totalSteps,
                stepsAtStart,
                (System.nanoTime() - startNanos) / 1e9,
                epoch,
                epochs,
                latest,
                points,
                previewRevision,
                preview == null ? null : preview.clone(),
                previewWidth,
                previewHeight);
    }
}
