package org.latentnav.ui.service;

import org.latentnav.engine.Engines;

/**
 * Per-thread setup for DJL work on a worker thread. PyTorch keeps its gradient mode per thread and
 * a new thread starts with gradients on, while DJL turns them off only on the thread that starts
 * the engine. With gradients on, inference records autograd graphs, and the in-place Adam update of
 * a direction trainer fails with "a leaf Variable that requires grad is being used in an in-place
 * operation". GradientCollector turns the mode on again where needed.
 */
final class WorkerThreads {
    /**
     * System property with the intra-op thread count of the inference worker. One thread is the
     * default: at batch 1 the models' operations are too small to split. On 2 idle cores a second
     * thread raised the edit's p95 from 20 ms to 37 ms, or to 53 ms with OMP_WAIT_POLICY=PASSIVE
     * (bench --only edit, docs/benchmarks.md).
     */
    static final String INFERENCE_THREADS = "latentnav.inference.threads";

    private WorkerThreads() {}

    /**
     * Prepares the inference worker: engine started, gradient recording off, and the intra-op
     * thread count of {@link #INFERENCE_THREADS}.
     */
    static void prepareInference() {
        Engines.prepareCurrentThread();
        Engines.setThreadsForCurrentThread(inferenceThreads());
    }

    /**
     * Prepares a training worker: engine started, gradient recording off, and the intra-op thread
     * count the engine started with.
     */
    static void prepareTraining() {
        Engines.prepareCurrentThread();
        Engines.setThreadsForCurrentThread(Engines.startThreads());
    }

    static int inferenceThreads() {
        return Integer.getInteger(INFERENCE_THREADS, 1);
    }
}
