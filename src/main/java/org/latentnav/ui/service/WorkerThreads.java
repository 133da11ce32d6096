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
    private WorkerThreads() {}

    /** Starts the engine if needed and turns gradient recording off on the calling thread. */
    static void prepare() {
        Engines.prepareCurrentThread();
    }
}
