package org.latentnav.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a scalar whose gradient stays right. DJL's {@code NDArray.mul(Number)} and its
 * siblings wrap the number in a tensor over a Java direct buffer and close that tensor as soon as
 * the operation returns. Autograd keeps the tensor for the backward pass of mul, div, pow, minimum
 * and maximum, but the garbage collector frees the buffer under it. A backward pass after a
 * collection then reads freed memory: a test here got 5.9e-39 instead of 3 as the gradient of 3x.
 * These methods create the scalar in PyTorch's own memory, which autograd keeps alive.
 *
 * <p>Use them wherever gradients may flow. Addition and subtraction do not read the scalar in their
 * backward pass, so DJL's forms are safe there.
 */
public final class Scalars {
    private Scalars() {}

    /** Returns a 0-dimensional array holding {@code value} in PyTorch's memory, on x's device. */
    private static NDArray scalar(NDArray like, double value) {
        return like.getManager()
                .full(new Shape(), (float) value, like.getDataType(), like.getDevice());
    }

    public static NDArray mul(NDArray x, double value) {
        try (NDArray s = scalar(x, value)) {
            return x.mul(s);
        }
    }

    public static NDArray div(NDArray x, double value) {
        try (NDArray s = scalar(x, value)) {
            return x.div(s);
        }
    }

    public static NDArray pow(NDArray x, double exponent) {
        try (NDArray s = scalar(x, exponent)) {
            return x.pow(s);
        }
    }

    public static NDArray minimum(NDArray x, double value) {
        try (NDArray s = scalar(x, value)) {
            return x.minimum(s);
        }
    }

    public static NDArray maximum(NDArray x, double value) {
        try (NDArray s = scalar(x, value)) {
            return x.maximum(s);
        }
    }
}
