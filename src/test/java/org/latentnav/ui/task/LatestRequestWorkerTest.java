package org.latentnav.ui.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.latentnav.testing.DeferredTaskExecutor;

class LatestRequestWorkerTest {
    @Test
    void queuedRequestsCollapseToNewest() {
        DeferredTaskExecutor executor = new DeferredTaskExecutor();
        List<Integer> processed = new CopyOnWriteArrayList<>();
        List<Integer> delivered = new CopyOnWriteArrayList<>();
        LatestRequestWorker<Integer, Integer> worker =
                new LatestRequestWorker<>(
                        "test",
                        executor,
                        request -> {
                            processed.add(request);
                            return request * 10;
                        },
                        delivered::add,
                        error -> {});

        for (int i = 1; i <= 200; i++) {
            worker.submit(i);
        }
        assertEquals(1, executor.queued(), "one drain task for 200 requests");
        executor.runAll();

        assertEquals(List.of(200), processed);
        assertEquals(List.of(2000), delivered);
    }

    @Test
    void busyWorkerProcessesFirstAndLast() throws Exception {
        ExecutorService ui = Executors.newSingleThreadExecutor();
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        List<Integer> processed = new CopyOnWriteArrayList<>();
        AtomicReference<Integer> shown = new AtomicReference<>();
        try (ThreadTaskExecutor executor = new ThreadTaskExecutor("test-worker", ui)) {
            LatestRequestWorker<Integer, Integer> worker =
                    new LatestRequestWorker<>(
                            "test",
                            executor,
                            request -> {
                                processed.add(request);
                                if (request == 1) {
                                    gate.await(10, TimeUnit.SECONDS);
                                }
                                return request;
                            },
                            value -> {
                                shown.set(value);
                                if (value == 200) {
                                    finished.countDown();
                                }
                            },
                            error -> {});

            worker.submit(1);
            waitUntil(() -> !processed.isEmpty());
            for (int i = 2; i <= 200; i++) {
                worker.submit(i);
            }
            gate.countDown();

            assertTrue(finished.await(10, TimeUnit.SECONDS), "the newest request was shown");
            assertEquals(List.of(1, 200), processed);
            assertEquals(200, shown.get());
        } finally {
            ui.shutdown();
        }
    }

    @Test
    void spreadRequestsEndWithNewest() throws Exception {
        Executor ui = Runnable::run;
        List<Integer> processed = new CopyOnWriteArrayList<>();
        CountDownLatch last = new CountDownLatch(1);
        try (ThreadTaskExecutor executor = new ThreadTaskExecutor("test-worker", ui)) {
            LatestRequestWorker<Integer, Integer> worker =
                    new LatestRequestWorker<>(
                            "test",
                            executor,
                            request -> {
                                Thread.sleep(20);
                                processed.add(request);
                                return request;
                            },
                            value -> {
                                if (value == 200) {
                                    last.countDown();
                                }
                            },
                            error -> {});

            // 200 requests over about one second; each takes 20 ms to process.
            for (int i = 1; i <= 200; i++) {
                worker.submit(i);
                Thread.sleep(5);
            }

            assertTrue(last.await(10, TimeUnit.SECONDS));
            assertEquals(200, processed.get(processed.size() - 1));
            assertTrue(processed.size() < 100, "processed " + processed.size() + " of 200");
        }
    }

    @Test
    void errorsReachErrorCallback() {
        DeferredTaskExecutor executor = new DeferredTaskExecutor();
        List<String> errors = new CopyOnWriteArrayList<>();
        LatestRequestWorker<Integer, Integer> worker =
                new LatestRequestWorker<>(
                        "test",
                        executor,
                        request -> {
                            throw new IllegalStateException("broken " + request);
                        },
                        value -> {},
                        error -> errors.add(error.getMessage()));

        worker.submit(7);
        executor.runAll();
        worker.submit(8);
        executor.runAll();

        assertEquals(List.of("broken 7", "broken 8"), errors);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
    }
}
