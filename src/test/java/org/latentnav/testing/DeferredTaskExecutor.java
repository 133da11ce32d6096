package org.latentnav.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import org.latentnav.ui.task.BackgroundTask;
import org.latentnav.ui.task.SynchronousTaskExecutor;
import org.latentnav.ui.task.TaskExecutor;
import org.latentnav.ui.task.TaskHandle;

/**
 * A {@link TaskExecutor} that queues tasks until the test calls {@link #runAll()}, which runs them
 * on the test thread. It makes "what happens while the worker is busy" deterministic.
 */
public final class DeferredTaskExecutor implements TaskExecutor {
    private final Deque<Runnable> queue = new ArrayDeque<>();
    private final SynchronousTaskExecutor direct = new SynchronousTaskExecutor();

    @Override
    public <V> TaskHandle submit(BackgroundTask<V> task) {
        queue.add(() -> direct.submit(task));
        return null;
    }

    /** Returns the number of queued tasks. */
    public int queued() {
        return queue.size();
    }

    /** Runs queued tasks, including tasks they queue, until none is left. */
    public int runAll() {
        int count = 0;
        while (!queue.isEmpty()) {
            queue.poll().run();
            count++;
        }
        return count;
    }

    @Override
    public Executor ui() {
        return Runnable::run;
    }

    @Override
    public void close() {}
}
