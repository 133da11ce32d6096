package org.latentnav.ui.task;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.latentnav.train.TrainingCancelledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TaskExecutor} with one daemon worker thread named {@code latentnav-NAME}. A single
 * thread per executor keeps all DJL calls of one kind (inference, training) on one thread.
 */
public final class ThreadTaskExecutor implements TaskExecutor {
    private static final Logger logger = LoggerFactory.getLogger(ThreadTaskExecutor.class);

    private final String name;
    private final ExecutorService worker;
    private final Executor ui;

    public ThreadTaskExecutor(String name, Executor ui) {
        this.name = name;
        this.ui = ui;
        this.worker =
                Executors.newSingleThreadExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "latentnav-" + name);
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    @Override
    public <V> TaskHandle submit(BackgroundTask<V> task) {
        TaskContext context = new TaskContext();
        try {
            worker.execute(() -> run(task, context));
        } catch (RejectedExecutionException e) {
            logger.warn("Task '{}' rejected: executor {} is closed", task.title(), name);
            ui.execute(() -> task.failed(e));
        }
        return new TaskHandle(context);
    }

    private <V> void run(BackgroundTask<V> task, TaskContext context) {
        long start = System.nanoTime();
        logger.debug("Task '{}' started on {}", task.title(), name);
        V value;
        try {
            value = task.call(context);
        } catch (CancellationException | TrainingCancelledException e) {
            logger.info("Task '{}' cancelled: {}", task.title(), e.getMessage());
            ui.execute(() -> task.failed(e));
            return;
        } catch (Exception e) {
            logger.warn("Task '{}' failed: {}", task.title(), e.toString(), e);
            ui.execute(() -> task.failed(e));
            return;
        }
        logger.debug(
                "Task '{}' finished in {} ms",
                task.title(),
                (System.nanoTime() - start) / 1_000_000);
        ui.execute(() -> task.succeeded(value));
    }

    @Override
    public Executor ui() {
        return ui;
    }

    @Override
    public void close() {
        worker.shutdown();
    }
}
