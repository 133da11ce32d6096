package org.latentnav.ui.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.latentnav.testing.SharedDemoModels;
import org.latentnav.testing.TestServices;
import org.latentnav.train.Checkpoint;
import org.latentnav.ui.service.AppServices;
import org.latentnav.ui.service.ModelEntry;
import org.latentnav.ui.service.TrainingMonitor;
import org.latentnav.ui.task.SynchronousTaskExecutor;
import org.latentnav.ui.task.ThreadTaskExecutor;

@ExtendWith(SharedDemoModels.class)
class TrainingViewModelTest {
    @TempDir Path user;

    private static TrainingViewModel training(AppServices services, EditorViewModel editor) {
        TrainingViewModel training = new TrainingViewModel(services);
        training.updateModels(services.catalog().scan(), editor.generatorProperty().get());
        return training;
    }

    private static void small(TrainingSettings settings, String name, int samples, int epochs) {
        settings.runNameProperty().set(name);
        settings.samplesPerEpochProperty().set(samples);
        settings.batchSizeProperty().set(4);
        settings.epochsProperty().set(epochs);
        settings.learningRateProperty().set(1e-2);
    }

    @Test
    void finishedRunAppearsInPicker() {
        AppServices services = TestServices.synchronous(SharedDemoModels.path(), user);
        EditorViewModel editor = new EditorViewModel(services);
        editor.refreshCatalog();
        TrainingViewModel training = training(services, editor);
        AtomicInteger added = new AtomicInteger();
        training.setOnDirectionsAdded(
                () -> {
                    added.incrementAndGet();
                    editor.refreshCatalog();
                });
        small(training.settings(), "tiny-run", 8, 2);

        assertTrue(training.start());

        assertFalse(training.runningProperty().get());
        assertTrue(
                training.statusProperty().get().startsWith("Finished"),
                training.statusProperty().get());
        assertEquals(1, added.get());
        assertEquals(1.0, training.progressProperty().get());
        assertEquals(4, training.series(TrainingMonitor.Metric.REGRESSION)[0].length);
        assertNotNull(training.previewProperty().get());
        List<String> ids = editor.directionSets().stream().map(ModelEntry::id).toList();
        assertTrue(ids.contains("tiny-run"), ids.toString());
        ModelEntry trained =
                editor.directionSets().stream()
                        .filter(e -> e.id().equals("tiny-run"))
                        .findFirst()
                        .orElseThrow();
        assertEquals("run", trained.source());
        services.close();
    }

    @Test
    void cancelledRunResumesFromCheckpoint() throws Exception {
        ThreadTaskExecutor worker = new ThreadTaskExecutor("test-training", Runnable::run);
        AppServices services =
                TestServices.create(
                        SharedDemoModels.path(), user, new SynchronousTaskExecutor(), worker);
        EditorViewModel editor = new EditorViewModel(services);
        editor.refreshCatalog();
        TrainingViewModel training = training(services, editor);
        small(training.settings(), "resumed", 40, 3);
        training.settings().lambdaDiscProperty().set(0);
        training.settings().lambdaContentProperty().set(0);
        Path checkpoint = training.runDir().resolve(Checkpoint.FILE);

        assertTrue(training.start());
        waitUntil(() -> Files.exists(checkpoint));
        training.cancel();
        waitUntil(() -> !training.runningProperty().get());

        assertTrue(training.canResumeProperty().get());
        assertEquals(
                "Cancelled. Resume continues from the last finished epoch.",
                training.statusProperty().get());
        double[][] before = training.series(TrainingMonitor.Metric.REGRESSION);
        assertTrue(before[0].length >= 10, "at least one epoch charted: " + before[0].length);

        assertTrue(training.resume());
        // The worker thread sets the properties; wait for the final status, not only the flag,
        // because plain JavaFX properties give no ordering guarantee across threads.
        waitUntil(
                () ->
                        !training.runningProperty().get()
                                && !training.statusProperty().get().startsWith("Training into"));

        assertTrue(
                training.statusProperty().get().startsWith("Finished"),
                training.statusProperty().get());
        double[][] after = training.series(TrainingMonitor.Metric.REGRESSION);
        assertEquals(30, after[0].length, "the resumed chart shows all 3 epochs of 10 steps");
        assertTrue(Files.isDirectory(training.runDir().resolve("directions")));
        services.close();
    }

    @Test
    void invalidSettingsShowNotice() {
        AppServices services = TestServices.synchronous(SharedDemoModels.path(), user);
        EditorViewModel editor = new EditorViewModel(services);
        editor.refreshCatalog();
        TrainingViewModel training = training(services, editor);

        training.settings().attributes().clear();
        assertFalse(training.start());
        assertTrue(training.noticeProperty().get().text().startsWith("No attributes given"));

        training.settings().attributes().setAll("Red");
        training.settings().runNameProperty().set("../escape");
        assertFalse(training.start());
        assertTrue(training.noticeProperty().get().text().startsWith("Invalid run name"));
        services.close();
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("42 s", TrainingViewModel.formatDuration(42.4));
        assertEquals("2 min 05 s", TrainingViewModel.formatDuration(125));
        assertEquals("3 h 20 min", TrainingViewModel.formatDuration(12_000));
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after 120 s");
            }
            Thread.sleep(10);
        }
    }
}
