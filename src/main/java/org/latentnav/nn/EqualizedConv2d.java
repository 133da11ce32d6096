package org.latentnav.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** A convolution with equalized learning rate, an optional bias and leaky ReLU. */
public class EqualizedConv2d extends FixedShapeBlock {
    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final boolean activate;
    private final Parameter weight;
    private final Parameter bias;

    public EqualizedConv2d(
            int inChannels, int outChannels, int kernel, boolean useBias, boolean activate) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.activate = activate;
        weight =
                addParameter(
                        Layers.normalWeight(
                                "weight", new Shape(outChannels, inChannels, kernel, kernel), 1f));
        bias = useBias ? addParameter(Layers.constant("bias", new Shape(outChannels), 0f)) : null;
    }

    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray w =
                ps.getValue(weight, x.getDevice(), training)
                        .mul(1.0 / Math.sqrt((double) inChannels * kernel * kernel));
        NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
        int pad = kernel / 2;
        NDArray y =
                Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(pad, pad), new Shape(1, 1))
                        .singletonOrThrow();
        return activate ? Layers.leakyRelu(y) : y;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), outChannels, x.get(2), x.get(3))};
    }
}
