package org.latentnav.ui.task;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The cancellation state of one submitted {@link BackgroundTask}, shared by the work (which reads
 * it) and the {@link TaskHandle} (which sets it).
 */
public final class TaskContext {
    private final List<Runnable> cancelHooks = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Registers a hook that runs when cancellation is requested, on the requesting thread; it runs
     * at once if the task is already cancelled. Hooks must be quick and thread-safe, for example a
     * call that sets a flag in a training loop.
     */
    public void onCancel(Runnable hook) {
        cancelHooks.add(hook);
        if (cancelled) {
            hook.run();
        }
    }

    void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        cancelHooks.forEach(Runnable::run);
    }
}
