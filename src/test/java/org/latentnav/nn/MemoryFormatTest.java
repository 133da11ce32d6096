package org.latentnav.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.engine.PtNDArray;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.latentnav.engine.Engines;

/**
 * Channels-last arrays hold the same values, are laid out NHWC, and convolve to the same result.
 */
class MemoryFormatTest {
    @BeforeAll
    static void enabled() {
        assumeTrue(MemoryFormat.enabled(), "run without -Dlatentnav.channelsLast=false");
    }

    /**
     * Asks libtorch whether the array is row-major contiguous. DJL exposes no strides, so this
     * calls a package-private binding and fails, rather than skips, if an upgrade renames it.
     */
    static boolean contiguous(NDArray x) {
        try {
            Class<?> library = Class.forName("ai.djl.pytorch.jni.PyTorchLibrary");
            Field lib = library.getDeclaredField("LIB");
            lib.setAccessible(true);
            Method isContiguous = library.getDeclaredMethod("torchIsContiguous", long.class);
            isContiguous.setAccessible(true);
            return (Boolean) isContiguous.invoke(lib.get(null), ((PtNDArray) x).getHandle());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(
                    "DJL's PyTorchLibrary.torchIsContiguous(long) is gone or changed ("
                            + e
                            + "); find its replacement in this DJL version and update"
                            + " MemoryFormatTest.contiguous.",
                    e);
        }
    }

    @Test
    void keepsShapeAndValues() {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(2, 5, 3, 4));
            NDArray cl = MemoryFormat.channelsLast(x);
            assertEquals(x.getShape(), cl.getShape());
            assertArrayEquals(x.toFloatArray(), cl.toFloatArray());
            assertEquals(x.get("1, 3, 2, 1").getFloat(), cl.get("1, 3, 2, 1").getFloat());
        }
    }

    @Test
    void storesChannelsNextToEachOther() {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(2, 5, 3, 4));
            NDArray cl = MemoryFormat.channelsLast(x);
            assertTrue(contiguous(x));
            assertFalse(contiguous(cl));
            assertTrue(contiguous(cl.transpose(0, 2, 3, 1)), "NHWC view of the result");
        }
    }

    @Test
    void convolutionAgreesAndStaysChannelsLast() {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(2, 16, 8, 8));
            NDArray w = m.randomNormal(new Shape(32, 16, 3, 3));
            NDArray b = m.randomNormal(new Shape(32));
            Shape k = new Shape(1, 1);
            Shape pad = new Shape(1, 1);
            NDArray plain = Conv2d.conv2d(x, w, b, k, pad, k, 1).head();
            NDArray last = Conv2d.conv2d(MemoryFormat.channelsLast(x), w, b, k, pad, k, 1).head();
            assertEquals(plain.getShape(), last.getShape());
            assertTrue(plain.sub(last).abs().max().getFloat() < 1e-4f);
            assertTrue(contiguous(last.transpose(0, 2, 3, 1)), "output is channels-last too");
            NDArray activated = last.mul(0.5f).add(1f);
            assertTrue(contiguous(activated.transpose(0, 2, 3, 1)), "element-wise keeps it");
        }
    }

    @Test
    void leavesOtherRanksAlone() {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(4, 6));
            assertSame(x, MemoryFormat.channelsLast(x));
        }
    }
}
