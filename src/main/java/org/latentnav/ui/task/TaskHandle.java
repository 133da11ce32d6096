package org.latentnav.ui.task;

/** The caller's side of a submitted {@link BackgroundTask}. */
public final class TaskHandle {
    private final TaskContext context;

    TaskHandle(TaskContext context) {
        this.context = context;
    }

    /**
     * Requests cancellation: the context's hooks run now, and the work stops where it next checks
     * {@link TaskContext#isCancelled()}. The failure callback then receives the work's exception.
     */
    public void cancel() {
        context.cancel();
    }

    public boolean isCancelled() {
        return context.isCancelled();
    }
}
