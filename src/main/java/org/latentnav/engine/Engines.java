package org.latentnav.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.util.Utils;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the DJL PyTorch engine without network access and parses device names. */
public final class Engines {
    private static final Logger logger = LoggerFactory.getLogger(Engines.class);
    private static volatile Engine engine;
    private static volatile int startThreads;

    private Engines() {}

    /**
     * Returns the PyTorch engine, starting it on first use. The native library comes from the
     * {@code pytorch-native-cpu} jar on the class path, or from the libtorch that
     * PYTORCH_LIBRARY_PATH names (the -Pcuda build). {@code ai.djl.offline} is set to keep DJL from
     * trying to download one.
     */
    public static synchronized Engine pytorch() {
        if (engine == null) {
            if (System.getProperty("ai.djl.offline") == null) {
                System.setProperty("ai.djl.offline", "true");
            }
            long start = System.nanoTime();
            NativeAllocator.Outcome allocator = NativeAllocator.tune();
            Engine started = start();
            startThreads = intraOpThreads();
            logger.info(
                    "Engine {} {} started in {} ms: default device {}, {} GPU(s), {} intra-op"
                            + " threads on {} cores, {} allocator settings",
                    started.getEngineName(),
                    started.getVersion(),
                    (System.nanoTime() - start) / 1_000_000,
                    started.defaultDevice(),
                    started.getGpuCount(),
                    intraOpThreads(),
                    Runtime.getRuntime().availableProcessors(),
                    allocator.label());
            engine = started;
        }
        return engine;
    }

    private static Engine start() {
        try {
            return Engine.getEngine("PyTorch");
        } catch (EngineException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            String libraryPath = Utils.getEnvOrSystemProperty("PYTORCH_LIBRARY_PATH");
            String hint =
                    libraryPath == null
                            ? " Check that pytorch-native-cpu is on the class path (the lib folder"
                                    + " of the application)."
                            : " PYTORCH_LIBRARY_PATH (environment variable or system property)"
                                    + " is "
                                    + libraryPath
                                    + ": it must name the lib folder of a libtorch "
                                    + "2.7.1 whose flavour matches PYTORCH_FLAVOR (cpu or cu128)."
                                    + " See docs/real-models.md.";
            throw new EngineException(
                    "Failed to start the PyTorch engine: " + cause.getMessage() + "." + hint, e);
        }
    }

    /**
     * Starts the engine if needed and turns PyTorch's gradient recording off on the calling thread.
     * PyTorch keeps this mode per thread and a new thread starts with it on, while DJL turns it off
     * only on the thread that starts the engine; with it on, inference records autograd graphs and
     * in-place optimizer updates of trainable arrays fail. Gradient collectors turn it on again
     * where they need it.
     */
    public static void prepareCurrentThread() {
        pytorch();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
    }

    /** Returns PyTorch's intra-op thread count on the calling thread. */
    public static int intraOpThreads() {
        return ai.djl.pytorch.jni.JniUtils.getNumThreads();
    }

    /**
     * Returns the intra-op thread count the engine started with: -Dai.djl.pytorch.num_threads, or
     * PyTorch's default of one per core.
     */
    public static int startThreads() {
        pytorch();
        return startThreads;
    }

    /**
     * Sets the intra-op thread count for PyTorch operations that the calling thread runs later.
     * PyTorch's CPU kernels parallelise through OpenMP, whose thread count is a per-thread setting,
     * so other threads keep theirs. A thread that has not run an operation yet takes the last count
     * set by any thread (ATen's ParallelOpenMP.cpp initialises each thread from one global value),
     * which is why every worker sets its own count.
     *
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public static void setThreadsForCurrentThread(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException(
                    "The thread count must be at least 1, but was " + threads + ".");
        }
        pytorch();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
    }

    /**
     * Parses a device name such as {@code cpu}, {@code gpu} or {@code gpu:1}; {@code auto} picks
     * the first GPU when the engine sees one.
     */
    public static Device device(String name) {
        Engine e = pytorch();
        String lower = name.trim().toLowerCase(Locale.ROOT);
        if (lower.equals("auto")) {
            return e.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        }
        if (lower.equals("cuda") || lower.startsWith("cuda:")) {
            lower = "gpu" + lower.substring(4);
        }
        if (!lower.matches("cpu|gpu|gpu:\\d+")) {
            throw new IllegalArgumentException(
                    "Invalid device '" + name + "': use cpu, gpu, gpu:N, cuda, cuda:N or auto.");
        }
        // DJL's Device.fromName reads "gpu1" but not "gpu:1", so the index is parsed here.
        Device device;
        if (lower.equals("cpu")) {
            device = Device.cpu();
        } else if (lower.equals("gpu")) {
            device = Device.gpu();
        } else {
            try {
                device = Device.gpu(Integer.parseInt(lower.substring(4)));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(
                        "Invalid device '" + name + "': the GPU index is too large.", ex);
            }
        }
        if (device.isGpu() && (e.getGpuCount() == 0 || device.getDeviceId() >= e.getGpuCount())) {
            throw new IllegalArgumentException(
                    "Device '"
                            + name
                            + "' is not available: the PyTorch engine sees "
                            + e.getGpuCount()
                            + " GPU(s). Use a CUDA libtorch (see docs/real-models.md) or --device cpu.");
        }
        return device;
    }
}
