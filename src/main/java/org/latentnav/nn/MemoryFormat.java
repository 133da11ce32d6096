package org.latentnav.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Stores image-shaped activations in channels-last order.
 *
 * <p>On the CPU, PyTorch runs convolutions through oneDNN. Given an array in the default NCHW
 * order, each convolution converts its input to oneDNN's blocked layout and its output back, and
 * these conversions took a fifth of a GAN training step. Given the same array with channels-last
 * strides (NHWC in memory, still indexed as [N, C, H, W]), oneDNN convolves it in place and returns
 * channels-last outputs, and element-wise operators keep that order. So converting the first
 * activation of a network is enough. The system property {@code latentnav.channelsLast=false} turns
 * the conversion off, to compare the two in a benchmark.
 *
 * <p>Only LatentNav's own networks get channels-last inputs: an imported TorchScript model may call
 * {@code view} on its activations, which fails on channels-last strides. Arrays on a GPU are left
 * as they are, since the gain was measured on the CPU only.
 */
public final class MemoryFormat {
    private static final boolean ENABLED =
            Boolean.parseBoolean(System.getProperty("latentnav.channelsLast", "true"));

    private MemoryFormat() {}

    /** Returns whether {@link #channelsLast} converts (the default) or returns its input. */
    public static boolean enabled() {
        return ENABLED;
    }

    /**
     * Returns {@code x} [N, C, H, W] with channels-last strides: the same shape and values, with
     * the channels of each pixel next to each other in memory. Arrays of another rank, and arrays
     * that are not on the CPU, are returned unchanged. An array that is already channels-last is
     * not copied.
     */
    public static NDArray channelsLast(NDArray x) {
        Shape s = x.getShape();
        if (!ENABLED || s.dimension() != 4 || x.getDevice().isGpu()) {
            return x;
        }
        return x.transpose(0, 2, 3, 1)
                .reshape(-1)
                .reshape(s.get(0), s.get(2), s.get(3), s.get(1))
                .transpose(0, 3, 1, 2);
    }
}
