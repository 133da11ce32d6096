package org.latentnav.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A convolution with equalized learning rate, an optional bias and leaky ReLU.
 *
 * <p>A network may move the leaky ReLU's gain of sqrt(2) from one layer to the next: a layer built
 * without {@code outputGain} returns the activation without it, and the layer that reads that
 * output takes the gain as its {@code inputGain}, which scales its weight. The convolution is
 * linear and zero-padded, so the result is the same, and the gain costs no pass over the
 * activation.
 */
public class EqualizedConv2d extends FixedShapeBlock {
    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final boolean activate;
    private final double inputGain;
    private final boolean outputGain;
    private final Parameter weight;
    private final Parameter bias;

    public EqualizedConv2d(
            int inChannels, int outChannels, int kernel, boolean useBias, boolean activate) {
        this(inChannels, outChannels, kernel, useBias, activate, 1.0, true);
    }

    /**
     * @param inputGain a constant factor that the input lacks, applied to the weight
     * @param outputGain whether the leaky ReLU's output carries its gain, or leaves it to the
     *     reader
     */
    public EqualizedConv2d(
            int inChannels,
            int outChannels,
            int kernel,
            boolean useBias,
            boolean activate,
            double inputGain,
            boolean outputGain) {
        this.inputGain = inputGain;
        this.outputGain = outputGain;
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
                Scalars.mul(
                        ps.getValue(weight, x.getDevice(), training),
                        inputGain / Math.sqrt((double) inChannels * kernel * kernel));
        NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
        int pad = kernel / 2;
        NDArray y =
                Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(pad, pad), new Shape(1, 1))
                        .singletonOrThrow();
        if (!activate) {
            return y;
        }
        return outputGain ? Layers.leakyRelu(y) : Layers.leakyReluWithoutGain(y);
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
