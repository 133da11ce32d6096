package org.latentnav.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;

/** Helpers shared by the StyleGAN2-style blocks. */
final class Layers {
    /** Gain that keeps the variance of a leaky ReLU with slope 0.2 near 1. */
    static final double LRELU_GAIN = Math.sqrt(2.0);

    private Layers() {}

    /** Returns a weight drawn from N(0, 1) whose scale is applied at run time (equalized LR). */
    static Parameter normalWeight(String name, Shape shape, float std) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(shape)
                .optInitializer(new NormalInitializer(std))
                .build();
    }

    static Parameter constant(String name, Shape shape, float value) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.BIAS)
                .optShape(shape)
                .optInitializer(new ConstantInitializer(value))
                .build();
    }

    /** Returns a fixed (untrained) buffer that is saved with the weights. */
    static Parameter buffer(String name, Shape shape, float std) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.OTHER)
                .optShape(shape)
                .optInitializer(
                        std == 0f ? new ConstantInitializer(0f) : new NormalInitializer(std))
                .optRequiresGrad(false)
                .build();
    }

    static NDArray leakyRelu(NDArray x) {
        return Scalars.mul(leakyReluWithoutGain(x), LRELU_GAIN);
    }

    /** Applies the leaky ReLU of {@link #leakyRelu} without its gain. */
    static NDArray leakyReluWithoutGain(NDArray x) {
        return x.getNDArrayInternal().leakyRelu(0.2f);
    }

    /** Reshapes a per-channel vector [C] to broadcast over NCHW. */
    static NDArray perChannel(NDArray v) {
        return v.reshape(1, -1, 1, 1);
    }
}
