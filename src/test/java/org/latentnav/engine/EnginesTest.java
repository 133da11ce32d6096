package org.latentnav.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.sun.jna.Platform;
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
        Assumptions.assumeTrue(
                NativeAllocator.allocatorVariable() == null, "the environment sets glibc's");
        assertEquals(NativeAllocator.Outcome.APPLIED, withProperty(null));
        assertEquals(NativeAllocator.Outcome.APPLIED, withProperty("LatentNav"));
        assertEquals(NativeAllocator.Outcome.KEPT_DEFAULTS, withProperty("default"));
        assertEquals(NativeAllocator.Outcome.KEPT_DEFAULTS, withProperty(" Default "));
    }

    @Test
    void unknownAllocatorChoiceIsRejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> withProperty("off"));
        assertTrue(e.getMessage().contains("latentnav.malloc=off"), e.getMessage());
    }

    private static NativeAllocator.Outcome withProperty(String value) {
        String before = System.getProperty(NativeAllocator.PROPERTY);
        try {
            if (value == null) {
                System.clearProperty(NativeAllocator.PROPERTY);
            } else {
                System.setProperty(NativeAllocator.PROPERTY, value);
            }
            return NativeAllocator.tune();
        } finally {
            if (before == null) {
                System.clearProperty(NativeAllocator.PROPERTY);
            } else {
                System.setProperty(NativeAllocator.PROPERTY, before);
            }
        }
    }
}
