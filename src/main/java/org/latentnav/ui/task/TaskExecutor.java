package org.latentnav.ui.task;

import java.util.concurrent.Executor;

/**
 * Runs {@link BackgroundTask}s off the UI thread, one after another in submission order, and
 * delivers their callbacks through {@link #ui()}.
 */
public interface TaskExecutor extends AutoCloseable {
    <V> TaskHandle submit(BackgroundTask<V> task);

    /** The executor that runs callbacks: the JavaFX thread in the application. */
    Executor ui();

    /** Stops accepting tasks; a task that is running finishes in the background. */
    @Override
    void close();
}
