package org.latentnav.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One synthesis layer: optional 2x bilinear upsampling, a 3x3 modulated convolution, scaled
 * per-pixel noise, bias and a leaky ReLU.
 *
 * <p>The output lacks the leaky ReLU's gain of sqrt(2) ({@link #OUTPUT_GAIN}). Every layer that
 * reads it takes that gain as its {@code inputGain}, which saves one pass over each activation,
 * forward and backward.
 */
public class SynthesisLayer extends FixedShapeBlock {
    /** Gain that the output leaves to the layers that read it. */
    static final double OUTPUT_GAIN = Layers.LRELU_GAIN;

    private final int outChannels;
    private final boolean upsample;
    private final ModulatedConv2d conv;
    private final Parameter noiseStrength;
    private final Parameter noiseConst;
    private final Parameter bias;
    private volatile FrozenTerms frozen;

    /**
     * @param inputGain the factor the input should carry: {@link #OUTPUT_GAIN} when the input is
     *     another synthesis layer's output, 1 for the learned constant
     */
    public SynthesisLayer(
            int wDim,
            int inChannels,
            int outChannels,
            int resolution,
            boolean upsample,
            double inputGain) {
        this.outChannels = outChannels;
        this.upsample = upsample;
        conv =
                addChildBlock(
                        "conv",
                        new ModulatedConv2d(wDim, inChannels, outChannels, 3, true, inputGain));
        noiseStrength = addParameter(Layers.constant("noise_strength", new Shape(1), 0f));
        noiseConst =
                addParameter(
                        Layers.buffer("noise_const", new Shape(1, 1, resolution, resolution), 1f));
        bias = addParameter(Layers.constant("bias", new Shape(outChannels), 0f));
    }

    public NDArray forward(
            ParameterStore ps, NDArray x, NDArray w, NoiseMode noise, boolean training) {
        if (upsample) {
            x = Resampling.upsample2x(x);
        }
        NDArray y = conv.forward(ps, x, w, training);
        FrozenTerms f = frozen;
        if (noise == NoiseMode.CONST
                && !training
                && f != null
                && f.matches(ps.getValue(bias, y.getDevice(), training))) {
            return Layers.leakyReluWithoutGain(y.add(f.get(0)));
        }
        if (noise != NoiseMode.NONE) {
            NDArray strength = ps.getValue(noiseStrength, y.getDevice(), training);
            NDArray n;
            if (noise == NoiseMode.RANDOM) {
                Shape s = y.getShape();
                n = y.getManager().randomNormal(new Shape(s.get(0), 1, s.get(2), s.get(3)));
            } else {
                n = ps.getValue(noiseConst, y.getDevice(), training);
            }
            y = y.add(n.mul(strength));
        }
        y = y.add(Layers.perChannel(ps.getValue(bias, y.getDevice(), training)));
        return Layers.leakyReluWithoutGain(y);
    }

    /**
     * Computes the constant noise times its strength plus the bias once, one term to add in {@link
     * NoiseMode#CONST}; see {@link FrozenTerms}.
     */
    void cacheFrozenTerms(NDManager manager) {
        NDArray n = noiseConst.getArray();
        NDArray strength = noiseStrength.getArray();
        frozen =
                FrozenTerms.of(
                        bias.getArray(),
                        manager,
                        b -> new NDArray[] {n.mul(strength).add(Layers.perChannel(b))});
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.get(0), inputs.get(1), NoiseMode.CONST, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        int f = upsample ? 2 : 1;
        return new Shape[] {new Shape(x.get(0), outChannels, x.get(2) * f, x.get(3) * f)};
    }
}
