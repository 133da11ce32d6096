package org.latentnav.ui.task;

import java.util.concurrent.Executor;

/**
 * A {@link TaskExecutor} that runs each task and its callbacks on the calling thread before {@link
 * #submit} returns. Tests use it to drive view-models without threads or a window.
 */
public final class SynchronousTaskExecutor implements TaskExecutor {
    private static final Executor DIRECT = Runnable::run;

    @Override
    public <V> TaskHandle submit(BackgroundTask<V> task) {
        TaskContext context = new TaskContext();
        V value;
        try {
            value = task.call(context);
        } catch (Exception e) {
            task.failed(e);
            return new TaskHandle(context);
        }
        task.succeeded(value);
        return new TaskHandle(context);
    }

    @Override
    public Executor ui() {
        return DIRECT;
    }

    @Override
    public void close() {}
}
