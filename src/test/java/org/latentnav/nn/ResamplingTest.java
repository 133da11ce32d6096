package org.latentnav.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.latentnav.engine.Engines;

/** Tests that the matrix form of 2x bilinear upsampling equals PyTorch's interpolation. */
class ResamplingTest {
    private static final UnaryOperator<NDArray> PYTORCH =
            x ->
                    x.getNDArrayInternal()
                            .interpolation(
                                    new long[] {x.getShape().get(2) * 2, x.getShape().get(3) * 2},
                                    1,
                                    false);

    @Test
    void matrixMixesNeighbourRows() {
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            float[] matrix = Resampling.interpolationMatrix(manager, 3).toFloatArray();
            // Outputs 0..5 of a 3-sample row: edge, 3:1 and 1:3 mixes, edge.
            float[] expected = {
                1, 0, 0, 0.75f, 0.25f, 0, 0.25f, 0.75f, 0, 0, 0.75f, 0.25f, 0, 0.25f, 0.75f, 0, 0, 1
            };
            assertArrayEquals(expected, matrix, 1e-7f);
        }
    }

    @Test
    void upsamplingMatchesPytorchBothWays() {
        long[][] shapes = {
            {2, 32, 8, 8}, {3, 16, 5, 7}, {1, 8, 1, 4}, {2, 3, 6, 6}, {1, 7, 4, 4}, {4, 64, 2, 2}
        };
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            for (long[] dims : shapes) {
                for (boolean channelsLast : new boolean[] {false, true}) {
                    NDArray x = manager.randomNormal(new Shape(dims));
                    if (channelsLast) {
                        x = MemoryFormat.channelsLast(x);
                    }
                    String label = new Shape(dims) + (channelsLast ? " channels-last" : " NCHW");
                    NDArray weights =
                            manager.randomNormal(
                                    new Shape(dims[0], dims[1], dims[2] * 2, dims[3] * 2));
                    NDArray[] expected = valueAndGradient(PYTORCH, x, weights);
                    NDArray[] actual = valueAndGradient(Resampling::upsample2x, x, weights);
                    assertEquals(expected[0].getShape(), actual[0].getShape(), label);
                    assertTrue(
                            expected[0].sub(actual[0]).abs().max().getFloat() < 1e-5f,
                            label + ": values differ");
                    assertTrue(
                            expected[1].sub(actual[1]).abs().max().getFloat() < 1e-4f,
                            label + ": input gradients differ");
                }
            }
        }
    }

    @Test
    void wideMapsStayChannelsLast() {
        Assumptions.assumeTrue(
                MemoryFormat.enabled(), "run without -Dlatentnav.channelsLast=false");
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            NDArray x = MemoryFormat.channelsLast(manager.randomNormal(new Shape(2, 16, 4, 4)));
            NDArray y = Resampling.upsample2x(x);
            assertTrue(MemoryFormatTest.contiguous(y.transpose(0, 2, 3, 1)), "NHWC view of y");
        }
    }

    private static NDArray[] valueAndGradient(
            UnaryOperator<NDArray> upsample, NDArray x, NDArray weights) {
        NDArray input = x.duplicate();
        input.setRequiresGradient(true);
        try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
            NDArray y = upsample.apply(input);
            gc.backward(y.mul(weights).sum());
            return new NDArray[] {y.duplicate(), input.getGradient().duplicate()};
        }
    }
}
