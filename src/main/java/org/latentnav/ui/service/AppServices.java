package org.latentnav.ui.service;

import java.util.Objects;
import org.latentnav.ui.task.BackgroundTask;
import org.latentnav.ui.task.TaskExecutor;

/**
 * Everything the view-models use to reach models, files and worker threads.
 *
 * @param paths the models and user folders
 * @param catalog the model catalog over {@code paths}
 * @param editing inference; call it only on {@code inference}
 * @param training direction training; call it only on {@code trainingWorker}
 * @param sessions reads and writes session files
 * @param inference the one worker that runs every inference call
 * @param trainingWorker the worker that runs training
 */
public record AppServices(
        AppPaths paths,
        ModelCatalog catalog,
        EditingService editing,
        TrainingService training,
        SessionStore sessions,
        TaskExecutor inference,
        TaskExecutor trainingWorker)
        implements AutoCloseable {
    public AppServices {
        Objects.requireNonNull(paths);
        Objects.requireNonNull(catalog);
        Objects.requireNonNull(editing);
        Objects.requireNonNull(training);
        Objects.requireNonNull(sessions);
        Objects.requireNonNull(inference);
        Objects.requireNonNull(trainingWorker);
    }

    /** Stops the workers, then closes the models on the inference worker. */
    @Override
    public void close() {
        trainingWorker.close();
        inference.submit(
                BackgroundTask.of(
                        "Close models",
                        context -> {
                            editing.close();
                            return null;
                        }));
        inference.close();
    }
}
