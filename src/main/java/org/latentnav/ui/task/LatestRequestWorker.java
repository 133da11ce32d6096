package org.latentnav.ui.task;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Serves requests on a {@link TaskExecutor} so that the newest request wins: while one request is
 * being processed, later ones replace each other and only the last is processed next. Results reach
 * the UI executor the same way, so a slow UI thread receives only the newest result.
 *
 * @param <Q> the request type
 * @param <R> the result type
 */
public final class LatestRequestWorker<Q, R> {
    /** Processing of one request on the worker thread. */
    @FunctionalInterface
    public interface Processor<Q, R> {
        R process(Q request) throws Exception;
    }

    private final String title;
    private final TaskExecutor executor;
    private final Processor<Q, R> processor;
    private final Consumer<R> onResult;
    private final Consumer<Exception> onError;
    private final AtomicReference<Q> pending = new AtomicReference<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicReference<Object> ready = new AtomicReference<>();
    private final AtomicBoolean deliveryScheduled = new AtomicBoolean();

    /** Creates a worker; {@code onResult} and {@code onError} run on the executor's UI executor. */
    public LatestRequestWorker(
            String title,
            TaskExecutor executor,
            Processor<Q, R> processor,
            Consumer<R> onResult,
            Consumer<Exception> onError) {
        this.title = title;
        this.executor = executor;
        this.processor = processor;
        this.onResult = onResult;
        this.onError = onError;
    }

    /** Queues a request, replacing any request that has not started yet. */
    public void submit(Q request) {
        pending.set(request);
        if (draining.compareAndSet(false, true)) {
            executor.submit(BackgroundTask.of(title, context -> drain()));
        }
    }

    /** Processes pending requests until none is left; runs on the worker thread. */
    private Void drain() {
        while (true) {
            Q request = pending.getAndSet(null);
            if (request == null) {
                draining.set(false);
                // A request that arrived after the getAndSet but before the flag was cleared
                // found draining still true and did not schedule a drain, so take it here.
                if (pending.get() == null || !draining.compareAndSet(false, true)) {
                    return null;
                }
                continue;
            }
            try {
                deliver(processor.process(request));
            } catch (Exception e) {
                deliver(e);
            }
        }
    }

    private void deliver(Object outcome) {
        ready.set(outcome);
        if (deliveryScheduled.compareAndSet(false, true)) {
            executor.ui().execute(this::deliverReady);
        }
    }

    @SuppressWarnings("unchecked")
    private void deliverReady() {
        deliveryScheduled.set(false);
        Object outcome = ready.getAndSet(null);
        if (outcome instanceof Exception) {
            onError.accept((Exception) outcome);
        } else if (outcome != null) {
            onResult.accept((R) outcome);
        }
    }
}
