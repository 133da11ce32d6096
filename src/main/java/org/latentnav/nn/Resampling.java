package org.latentnav.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/** 2x up- and downsampling of NCHW feature maps. */
public final class Resampling {
    /** The interpolation mode code that DJL's PyTorch engine maps to bilinear. */
    private static final int BILINEAR = 1;

    /**
     * Channel count from which {@link #upsample2x} uses two matrix products instead of PyTorch's
     * kernel. At batch 16, 2 threads, forward plus backward, the products took 13.7 against 20.9 ms
     * for 32 channels at 32 px, but 2.8 against 1.4 ms for 3 channels.
     */
    static final int MATRIX_MIN_CHANNELS = 8;

    private Resampling() {}

    /**
     * Doubles height and width by bilinear interpolation (half-pixel centres, edges repeated), as
     * PyTorch's {@code interpolate(scale_factor=2, mode='bilinear', align_corners=False)}.
     *
     * <p>DJL 0.36 reaches PyTorch's bilinear interpolation only through its antialiasing variant.
     * For upsampling it gives the same values, but its generic kernel took a fifth of the
     * generator's time in direction training. With 8 or more channels the same map runs as two
     * matrix products, one per axis, on the channels-last view of {@code x}. Each output row mixes
     * two input rows by 0.25 and 0.75. The result keeps channels-last strides and equals the
     * kernel's to float rounding.
     */
    public static NDArray upsample2x(NDArray x) {
        Shape s = x.getShape();
        long channels = s.get(1);
        if (channels < MATRIX_MIN_CHANNELS) {
            return x.getNDArrayInternal()
                    .interpolation(new long[] {s.get(2) * 2, s.get(3) * 2}, BILINEAR, false);
        }
        long batch = s.get(0);
        int height = (int) s.get(2);
        int width = (int) s.get(3);
        NDManager manager = x.getManager();
        NDArray rows = interpolationMatrix(manager, height);
        NDArray columns = height == width ? rows : interpolationMatrix(manager, width);
        // [B, H, W, C]: a view when x is channels-last. Widen first, on the smaller array.
        NDArray y = x.transpose(0, 2, 3, 1).reshape(batch * height, width, channels);
        y = columns.matMul(y).reshape(batch, height, 2L * width * channels);
        y = rows.matMul(y);
        return y.reshape(batch, 2L * height, 2L * width, channels).transpose(0, 3, 1, 2);
    }

    /** Returns the [2n, n] matrix of linear interpolation from n to 2n samples, edges repeated. */
    static NDArray interpolationMatrix(NDManager manager, int n) {
        float[] a = new float[2 * n * n];
        for (int out = 0; out < 2 * n; out++) {
            // Output centre out + 0.5 sits at input coordinate (out + 0.5) / 2 - 0.5.
            double source = Math.max(0, (out + 0.5) / 2 - 0.5);
            int below = (int) source;
            int above = Math.min(below + 1, n - 1);
            double t = source - below;
            a[out * n + below] += (float) (1 - t);
            a[out * n + above] += (float) t;
        }
        return manager.create(a, new Shape(2L * n, n));
    }

    public static NDArray downsample2x(NDArray x) {
        return Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
    }
}
