package org.latentnav.ui.viewmodel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.latentnav.model.ModelRole;
import org.latentnav.train.Checkpoint;
import org.latentnav.train.DirectionTrainingConfig;
import org.latentnav.train.TrainingCancelledException;
import org.latentnav.ui.service.AppServices;
import org.latentnav.ui.service.ModelCatalog;
import org.latentnav.ui.service.ModelEntry;
import org.latentnav.ui.service.TrainingMonitor;
import org.latentnav.ui.service.TrainingRequest;
import org.latentnav.ui.task.BackgroundTask;
import org.latentnav.ui.task.TaskHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State and commands of the training tab. A run trains on the training worker; its progress reaches
 * this view-model only through {@link #poll()}, which the view calls on a timer, so a fast training
 * loop never floods the UI thread.
 */
public final class TrainingViewModel {
    private static final Logger logger = LoggerFactory.getLogger(TrainingViewModel.class);

    /** An image of packed ARGB pixels. */
    public record Pixels(int[] argb, int width, int height) {}

    private final AppServices services;
    private final TrainingSettings settings = new TrainingSettings();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper canResume = new ReadOnlyBooleanWrapper(this, "canResume");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper progressText =
            new ReadOnlyStringWrapper(this, "progressText", "No run yet.");
    private final ReadOnlyStringWrapper etaText = new ReadOnlyStringWrapper(this, "etaText", "");
    private final ReadOnlyStringWrapper lossText = new ReadOnlyStringWrapper(this, "lossText", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyObjectWrapper<Pixels> preview =
            new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyLongWrapper chartRevision =
            new ReadOnlyLongWrapper(this, "chartRevision");
    private final ReadOnlyObjectWrapper<Notice> notice =
            new ReadOnlyObjectWrapper<>(this, "notice");
    private final Map<TrainingMonitor.Metric, double[][]> series =
            new EnumMap<>(TrainingMonitor.Metric.class);

    private Runnable onDirectionsAdded = () -> {};
    private ModelEntry generator;
    private List<ModelEntry> discriminators = List.of();
    private List<ModelEntry> features = List.of();
    private TrainingMonitor monitor;
    private TaskHandle handle;
    private TrainingRequest lastRequest;
    private long seenRevision = -1;
    private long seenPreviewRevision;
    private long noticeSequence;

    public TrainingViewModel(AppServices services) {
        this.services = services;
        for (TrainingMonitor.Metric metric : TrainingMonitor.Metric.values()) {
            series.put(metric, new double[][] {new double[0], new double[0]});
        }
    }

    /** Updates the regressor choices from a catalog scan, keeping the current choice. */
    public void updateModels(ModelCatalog.Scan scan, ModelEntry editorGenerator) {
        List<ModelEntry> regressors = scan.byRole(ModelRole.REGRESSOR);
        settings.regressorChoices().setAll(regressors);
        ModelEntry current = settings.regressorProperty().get();
        ModelEntry keep =
                regressors.stream()
                        .filter(r -> current != null && r.dir().equals(current.dir()))
                        .findFirst()
                        .orElse(regressors.isEmpty() ? null : regressors.get(0));
        settings.regressorProperty().set(keep);
        List<ModelEntry> generators = scan.byRole(ModelRole.GENERATOR);
        generator = editorGenerator != null ? editorGenerator : first(generators);
        discriminators = scan.byRole(ModelRole.DISCRIMINATOR);
        features = scan.byRole(ModelRole.FEATURES);
    }

    private static ModelEntry first(List<ModelEntry> entries) {
        return entries.isEmpty() ? null : entries.get(0);
    }

    /** Sets the callback that runs when a run has written a new direction set. */
    public void setOnDirectionsAdded(Runnable callback) {
        this.onDirectionsAdded = callback;
    }

    /** Returns the run folder the current settings train into. */
    public Path runDir() {
        return services.paths().runsDir().resolve(settings.runNameProperty().get().trim());
    }

    /**
     * Starts a run with the current settings; a run folder with a checkpoint of the same settings
     * is resumed. Returns false and shows a notice if the settings are invalid.
     */
    public boolean start() {
        if (running.get()) {
            return false;
        }
        TrainingRequest request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            notify(Notice.Severity.ERROR, e.getMessage());
            return false;
        }
        run(request);
        return true;
    }

    /** Resumes the last cancelled or failed run from its checkpoint. */
    public boolean resume() {
        if (running.get() || lastRequest == null) {
            return false;
        }
        run(lastRequest);
        return true;
    }

    /** Requests cancellation; the run stops after its current iteration. */
    public void cancel() {
        if (handle != null) {
            status.set("Cancelling after the current iteration...");
            handle.cancel();
        }
    }

    private TrainingRequest request() {
        String name = settings.runNameProperty().get();
        if (name == null || name.isBlank() || !name.trim().matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException(
                    "Invalid run name '" + name + "': use letters, digits, '.', '_' and '-' only.");
        }
        if (generator == null) {
            throw new IllegalArgumentException(
                    "No generator found: install one in the models folder before training.");
        }
        ModelEntry regressor = settings.regressorProperty().get();
        if (regressor == null) {
            throw new IllegalArgumentException(
                    "No regressor chosen: install a regressor in the models folder and pick it.");
        }
        DirectionTrainingConfig config = settings.toConfig();
        Path dir = runDir();
        if (Files.isDirectory(dir.resolve("directions"))) {
            throw new IllegalArgumentException(
                    "Run folder "
                            + dir
                            + " already contains finished directions: pick another run name.");
        }
        return new TrainingRequest(
                config,
                generator,
                config.lambdaDisc > 0 ? first(discriminators) : null,
                regressor,
                config.lambdaContent > 0 ? first(features) : null,
                dir);
    }

    private void run(TrainingRequest request) {
        lastRequest = request;
        monitor = new TrainingMonitor();
        seenRevision = -1;
        seenPreviewRevision = 0;
        running.set(true);
        canResume.set(false);
        progress.set(-1);
        progressText.set("Loading models...");
        etaText.set("");
        status.set("Training into " + request.runDir());
        TrainingMonitor active = monitor;
        handle =
                services.trainingWorker()
                        .submit(
                                BackgroundTask.of(
                                                "Train directions "
                                                        + request.runDir().getFileName(),
                                                context ->
                                                        services.training()
                                                                .train(request, active, context))
                                        .onSuccess(directions -> finished(active, directions))
                                        .onFailure(error -> failed(active, error)));
    }

    /** Handles the end of a run; a late callback of an earlier, cancelled run is ignored. */
    private void finished(TrainingMonitor run, Path directions) {
        if (run != monitor) {
            return;
        }
        poll();
        handle = null;
        progress.set(1);
        etaText.set("");
        status.set("Finished: directions written to " + directions + ".");
        notify(
                Notice.Severity.INFO,
                "Training finished. The new directions are in the editor's direction picker.");
        onDirectionsAdded.run();
        // Cleared last, so that whoever waits for the flag sees the final state.
        running.set(false);
    }

    private void failed(TrainingMonitor run, Exception error) {
        if (run != monitor) {
            return;
        }
        poll();
        handle = null;
        etaText.set("");
        boolean checkpoint =
                lastRequest != null
                        && Files.isRegularFile(lastRequest.runDir().resolve(Checkpoint.FILE));
        canResume.set(checkpoint);
        if (error instanceof TrainingCancelledException || error instanceof CancellationException) {
            status.set(
                    checkpoint
                            ? "Cancelled. Resume continues from the last finished epoch."
                            : "Cancelled before the first epoch finished; Resume starts over.");
            canResume.set(true);
            running.set(false);
            return;
        }
        logger.warn("Training failed: {}", error.toString());
        String message = error.getMessage() != null ? error.getMessage() : error.toString();
        status.set("Training failed: " + message);
        notify(Notice.Severity.ERROR, "Training failed: " + message);
        running.set(false);
    }

    /**
     * Copies the run's progress from the training thread's monitor into the properties; call it on
     * the UI thread about every 100 ms. Returns true if anything changed.
     */
    public boolean poll() {
        if (monitor == null) {
            return false;
        }
        TrainingMonitor.Snapshot snapshot = monitor.snapshot();
        if (snapshot.revision() == seenRevision) {
            return false;
        }
        seenRevision = snapshot.revision();
        series.putAll(snapshot.series());
        chartRevision.set(chartRevision.get() + 1);
        if (snapshot.totalSteps() > 0) {
            progress.set((double) snapshot.step() / snapshot.totalSteps());
            progressText.set(
                    String.format(
                            Locale.ROOT,
                            "Epoch %d of %d, step %d of %d",
                            Math.min(snapshot.epoch() + 1, Math.max(1, snapshot.epochs())),
                            snapshot.epochs(),
                            snapshot.step(),
                            snapshot.totalSteps()));
            etaText.set(eta(snapshot));
        }
        if (snapshot.latest() != null) {
            lossText.set(
                    String.format(
                            Locale.ROOT,
                            "L_reg %.4f   L_disc %.4f   L_content %.4f   lr %.2g",
                            snapshot.latest().regression(),
                            snapshot.latest().discriminator(),
                            snapshot.latest().content(),
                            snapshot.latest().learningRate()));
        }
        if (snapshot.previewRevision() != seenPreviewRevision && snapshot.preview() != null) {
            seenPreviewRevision = snapshot.previewRevision();
            preview.set(
                    new Pixels(
                            snapshot.preview(), snapshot.previewWidth(), snapshot.previewHeight()));
        }
        return true;
    }

    /** Returns the remaining time from the throughput since this run (or resume) started. */
    static String eta(TrainingMonitor.Snapshot snapshot) {
        long done = snapshot.step() - snapshot.stepsAtStart();
        if (done <= 0 || snapshot.secondsSinceStart() <= 0) {
            return "ETA: measuring...";
        }
        double seconds =
                (snapshot.totalSteps() - snapshot.step()) * snapshot.secondsSinceStart() / done;
        return "ETA " + formatDuration(seconds);
    }

    static String formatDuration(double seconds) {
        long total = Math.round(seconds);
        if (total >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", total / 3600, (total % 3600) / 60);
        }
        if (total >= 60) {
            return String.format(Locale.ROOT, "%d min %02d s", total / 60, total % 60);
        }
        return total + " s";
    }

    private void notify(Notice.Severity severity, String text) {
        notice.set(new Notice(severity, text, ++noticeSequence));
    }

    public TrainingSettings settings() {
        return settings;
    }

    /** Returns the thinned points of one chart series: {steps, values}. */
    public double[][] series(TrainingMonitor.Metric metric) {
        return series.get(metric);
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canResumeProperty() {
        return canResume.getReadOnlyProperty();
    }

    /** Fraction done in [0, 1], or -1 while models load. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty etaTextProperty() {
        return etaText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lossTextProperty() {
        return lossText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The preview grid of the last finished epoch: attributes by rows, epsilon by columns. */
    public ReadOnlyObjectProperty<Pixels> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** Increases whenever the chart series changed. */
    public ReadOnlyLongProperty chartRevisionProperty() {
        return chartRevision.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
