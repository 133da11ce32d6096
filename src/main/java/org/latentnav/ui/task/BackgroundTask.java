package org.latentnav.ui.task;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A unit of background work with callbacks. The work runs on a {@link TaskExecutor}'s worker
 * thread; the callbacks run on the executor's UI executor (the JavaFX thread in the application,
 * the calling thread in tests).
 *
 * @param <V> the result type
 */
public final class BackgroundTask<V> {
    /** The work itself; it may poll {@link TaskContext#isCancelled()} or register a hook. */
    @FunctionalInterface
    public interface Work<V> {
        V call(TaskContext context) throws Exception;
    }

    private final String title;
    private final Work<V> work;
    private Consumer<? super V> onSuccess = value -> {};
    private Consumer<? super Exception> onFailure = error -> {};
    private Runnable onFinished = () -> {};

    private BackgroundTask(String title, Work<V> work) {
        this.title = Objects.requireNonNull(title);
        this.work = Objects.requireNonNull(work);
    }

    /** Creates a task; {@code title} names it in logs and in error messages. */
    public static <V> BackgroundTask<V> of(String title, Work<V> work) {
        return new BackgroundTask<>(title, work);
    }

    /** Sets the callback that receives the result. */
    public BackgroundTask<V> onSuccess(Consumer<? super V> callback) {
        this.onSuccess = Objects.requireNonNull(callback);
        return this;
    }

    /**
     * Sets the callback that receives an exception thrown by the work, including the exception of a
     * cancelled task.
     */
    public BackgroundTask<V> onFailure(Consumer<? super Exception> callback) {
        this.onFailure = Objects.requireNonNull(callback);
        return this;
    }

    /** Sets a callback that runs after the success or failure callback. */
    public BackgroundTask<V> onFinished(Runnable callback) {
        this.onFinished = Objects.requireNonNull(callback);
        return this;
    }

    public String title() {
        return title;
    }

    V call(TaskContext context) throws Exception {
        return work.call(context);
    }

    void succeeded(V value) {
        try {
            onSuccess.accept(value);
        } finally {
            onFinished.run();
        }
    }

    void failed(Exception error) {
        try {
            onFailure.accept(error);
        } finally {
            onFinished.run();
        }
    }
}
