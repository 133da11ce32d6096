package org.latentnav.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;

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
    /** Name of the block that {@code Activation.relu6Block()} returns in DJL. */
    static final String RELU6 = "ReLU6";

    private Scalars() {}

    /**
     * Applies {@code operation} to x and a 0-dimensional array of {@code value} in PyTorch's
     * memory.
     */
    private static NDArray withScalar(
            NDArray x, double value, java.util.function.BinaryOperator<NDArray> operation) {
        try (NDArray scalar =
                x.getManager().full(new Shape(), (float) value, x.getDataType(), x.getDevice())) {
            return operation.apply(x, scalar);
        }
    }

    public static NDArray mul(NDArray x, double value) {
        return withScalar(x, value, NDArray::mul);
    }

    public static NDArray div(NDArray x, double value) {
        return withScalar(x, value, NDArray::div);
    }

    public static NDArray pow(NDArray x, double exponent) {
        return withScalar(x, exponent, NDArray::pow);
    }

    public static NDArray minimum(NDArray x, double value) {
        return withScalar(x, value, NDArray::minimum);
    }

    public static NDArray maximum(NDArray x, double value) {
        return withScalar(x, value, NDArray::maximum);
    }

    /** ReLU6 with {@link #minimum}: min(max(x, 0), 6). */
    public static NDArray relu6(NDArray x) {
        return minimum(x.getNDArrayInternal().relu(), 6);
    }

    /**
     * Makes each ReLU6 of DJL's model-zoo networks in {@code block} use {@link #relu6}, and returns
     * the block. DJL builds them as lambda blocks named "ReLU6" over its own relu6, whose minimum
     * has the problem this class avoids, and offers no way to pass another activation. So this
     * replaces the function inside each such block, which changes no parameter or output.
     */
    public static Block withSafeRelu6(Block block) {
        if (block instanceof LambdaBlock lambda && RELU6.equals(lambda.getName())) {
            try {
                lambdaField().set(lambda, new SafeRelu6());
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException(
                        "Failed to replace DJL's ReLU6 in "
                                + block
                                + ": "
                                + e
                                + ". Use the DJL version that pom.xml names.",
                        e);
            }
        }
        for (Block child : block.getChildren().values()) {
            withSafeRelu6(child);
        }
        return block;
    }

    /** Counts the ReLU6 blocks in {@code block} that {@link #withSafeRelu6} has replaced. */
    static int safeRelu6Count(Block block) throws ReflectiveOperationException {
        int count =
                block instanceof LambdaBlock lambda
                                && lambdaField().get(lambda) instanceof SafeRelu6
                        ? 1
                        : 0;
        for (Block child : block.getChildren().values()) {
            count += safeRelu6Count(child);
        }
        return count;
    }

    private static java.lang.reflect.Field lambdaField() throws NoSuchFieldException {
        java.lang.reflect.Field function = LambdaBlock.class.getDeclaredField("lambda");
        function.setAccessible(true);
        return function;
    }

    /** The function that replaces DJL's in a ReLU6 block. */
    private static final class SafeRelu6 implements java.util.function.Function<NDList, NDList> {
        @Override
        public NDList apply(NDList x) {
            return new NDList(relu6(x.singletonOrThrow()));
        }
    }
}
