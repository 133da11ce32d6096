package org.latentnav.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/** 2x up- and downsampling of NCHW feature maps. */
public final class Resampling {
    /** The interpolation mode code that DJL's PyTorch engine maps to bilinear. */
    private static final int BILINEAR = 1;

    private Resampling() {}

    public static NDArray upsample2x(NDArray x) {
        Shape s = x.getShape();
        return x.getNDArrayInternal()
                .interpolation(new long[] {s.get(2) * 2, s.get(3) * 2}, BILINEAR, false);
    }

    public static NDArray downsample2x(NDArray x) {
        return Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
    }
}
