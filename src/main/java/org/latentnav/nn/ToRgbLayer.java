package org.latentnav.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A modulated 1x1 convolution without demodulation that maps a synthesis layer's output to RGB,
 * applying the gain that output leaves out ({@link SynthesisLayer#OUTPUT_GAIN}).
 */
public class ToRgbLayer extends FixedShapeBlock {
    private final ModulatedConv2d conv;
    private final Parameter bias;

    public ToRgbLayer(int wDim, int inChannels) {
        conv =
                addChildBlock(
                        "conv",
                        new ModulatedConv2d(
                                wDim, inChannels, 3, 1, false, SynthesisLayer.OUTPUT_GAIN));
        bias = addParameter(Layers.constant("bias", new Shape(3), 0f));
    }

    public NDArray forward(ParameterStore ps, NDArray x, NDArray w, boolean training) {
        NDArray y = conv.forward(ps, x, w, training);
        return y.add(Layers.perChannel(ps.getValue(bias, y.getDevice(), training)));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.get(0), inputs.get(1), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), 3, x.get(2), x.get(3))};
    }
}
