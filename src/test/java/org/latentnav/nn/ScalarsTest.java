package org.latentnav.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.latentnav.engine.Engines;

/**
 * Gradients through scalar operations when the JVM collects garbage between the forward and the
 * backward pass. DJL's own forms read freed memory there, and these must not.
 */
class ScalarsTest {
    /** Returns d/dx sum(op(x)) at x, with a collection and fresh direct buffers in between. */
    private static float[] gradientAfterCollection(float[] x, UnaryOperator<NDArray> op)
            throws InterruptedException {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray input = m.create(x);
            input.setRequiresGradient(true);
            try (GradientCollector collector = Engines.pytorch().newGradientCollector()) {
                NDArray y = op.apply(input).sum();
                System.gc();
                // The cleaner thread frees unreachable direct buffers after the collection.
                Thread.sleep(50);
                List<ByteBuffer> reuse = new ArrayList<>();
                for (int i = 0; i < 2000; i++) {
                    ByteBuffer buffer = ByteBuffer.allocateDirect(4);
                    buffer.putFloat(0, 777f);
                    reuse.add(buffer);
                }
                collector.backward(y);
            }
            return input.getGradient().toFloatArray();
        }
    }

    @Test
    void gradientsSurviveGarbageCollection() throws InterruptedException {
        float[] x = {0.5f, 2f, 7f};
        assertArrayEquals(
                new float[] {3f, 3f, 3f},
                gradientAfterCollection(x, a -> Scalars.mul(a, 3)),
                1e-6f,
                "mul");
        assertArrayEquals(
                new float[] {0.25f, 0.25f, 0.25f},
                gradientAfterCollection(x, a -> Scalars.div(a, 4)),
                1e-6f,
                "div");
        assertArrayEquals(
                new float[] {1f, 4f, 14f},
                gradientAfterCollection(x, a -> Scalars.pow(a, 2)),
                1e-5f,
                "pow");
        assertArrayEquals(
                new float[] {1f, 1f, 0f},
                gradientAfterCollection(x, a -> Scalars.minimum(a, 6)),
                0f,
                "minimum");
        assertArrayEquals(
                new float[] {0f, 1f, 1f},
                gradientAfterCollection(x, a -> Scalars.maximum(a, 1)),
                0f,
                "maximum");
    }

    @Test
    void mobileNetUsesSafeRelu6() throws ReflectiveOperationException {
        Block built = RegressorArchitecture.MOBILENETV2.build(32, 2, 1);
        assertEquals(36, Scalars.safeRelu6Count(built));
        Block plain =
                ai.djl.basicmodelzoo.cv.classification.MobileNetV2.builder().setOutSize(2).build();
        assertEquals(0, Scalars.safeRelu6Count(plain));
    }

    @Test
    void safeRelu6MatchesClamp() {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray x = m.create(new float[] {-3f, 0f, 2.5f, 6f, 9f});
            assertArrayEquals(
                    new float[] {0f, 0f, 2.5f, 6f, 6f}, Scalars.relu6(x).toFloatArray(), 0f);
        }
    }
}
