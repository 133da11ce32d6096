package org.latentnav.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.sun.jna.Platform;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class EnginesTest {

    @Test
    void threadCountIsPerThread() throws InterruptedException {
        int before = Engines.intraOpThreads();
        int other = before + 1;
        AtomicInteger seen = new AtomicInteger();
        AtomicInteger sum = new AtomicInteger();
        try {
            Thread worker =
                    new Thread(
                            () -> {
                                Engines.setThreadsForCurrentThread(other);
                                try (NDManager m = Engines.pytorch().newBaseManager()) {
                                    NDArray ones = m.ones(new Shape(64, 64));
                                    sum.set((int) ones.matMul(ones).sum().getFloat());
                                }
                                seen.set(Engines.intraOpThreads());
                            });
            worker.start();
            worker.join();
            assertEquals(other, seen.get(), "count on the worker");
            assertEquals(64 * 64 * 64, sum.get(), "result computed on the worker");
            assertEquals(before, Engines.intraOpThreads(), "count on the test thread");
        } finally {
            // A thread that has not run an operation yet takes the last count set anywhere, so
            // put the start count back for the threads of later tests.
            Thread reset = new Thread(() -> Engines.setThreadsForCurrentThread(before));
            reset.start();
            reset.join();
        }
    }

    @Test
    void deviceNamesParseWithIndex() {
        assertEquals(Device.cpu(), Engines.device("CPU"));
        for (String name : new String[] {"gpu", "gpu:0", "cuda", "cuda:1"}) {
            if (Engines.pytorch().getGpuCount() == 0) {
                IllegalArgumentException e =
                        assertThrows(IllegalArgumentException.class, () -> Engines.device(name));
                assertTrue(e.getMessage().contains("is not available"), e.getMessage());
            }
        }
        if (Engines.pytorch().getGpuCount() > 0) {
            assertEquals(Device.gpu(0), Engines.device("cuda:0"));
        }
        IllegalArgumentException bad =
                assertThrows(IllegalArgumentException.class, () -> Engines.device("gpu:x"));
        assertTrue(bad.getMessage().contains("use cpu, gpu, gpu:N"), bad.getMessage());
    }

    @Test
    void threadCountBelowOneIsRejected() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Engines.setThreadsForCurrentThread(0));
        assertEquals("The thread count must be at least 1, but was 0.", e.getMessage());
    }

    @Test
    void allocatorSettingsApplyOnGlibc() {
        Assumptions.assumeTrue(Platform.isLinux(), "glibc's mallopt is Linux only");
        for (String name : List.of("GLIBC_TUNABLES", "MALLOC_MMAP_THRESHOLD_")) {
            Assumptions.assumeTrue(System.getenv(name) == null, name + " is set");
        }
        assertTrue(NativeAllocator.tune(), "glibc took the settings");
        String before = System.getProperty("latentnav.malloc");
        System.setProperty("latentnav.malloc", "default");
        try {
            assertFalse(NativeAllocator.tune(), "the property keeps glibc's defaults");
        } finally {
            if (before == null) {
                System.clearProperty("latentnav.malloc");
            } else {
                System.setProperty("latentnav.malloc", before);
            }
        }
    }
}
