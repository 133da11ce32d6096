package org.latentnav.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A StyleGAN2 modulated convolution. A per-sample style s = affine(w) scales the input channels,
 * one convolution with the shared weight runs on the whole batch, and demodulation divides each
 * output channel by the norm that the modulated weight would have. This equals the grouped
 * convolution with a per-sample weight (one group per sample), but keeps one large convolution,
 * which scales far better with batch size on CPU.
 *
 * <p>{@code inputGain} is a constant factor that the input lacks. Synthesis layers leave the
 * sqrt(2) gain of their leaky ReLU to the layers that read them, so this layer multiplies it into
 * its convolution weight, as {@link EqualizedConv2d} does, while demodulation uses the weight
 * without it. The convolution is linear, so the output is the same, and no pass over the activation
 * is needed.
 */
public class ModulatedConv2d extends FixedShapeBlock {
    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final boolean demodulate;
    private final double inputGain;
    private final EqualizedLinear affine;
    private final Parameter weight;
    private volatile FrozenTerms frozen;

    public ModulatedConv2d(
            int wDim, int inChannels, int outChannels, int kernel, boolean demodulate) {
        this(wDim, inChannels, outChannels, kernel, demodulate, 1.0);
    }

    public ModulatedConv2d(
            int wDim,
            int inChannels,
            int outChannels,
            int kernel,
            boolean demodulate,
            double inputGain) {
        this.inChannels = inChannels;
        this.inputGain = inputGain;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.demodulate = demodulate;
        affine = addChildBlock("affine", new EqualizedLinear(wDim, inChannels, 1f, 1f, false));
        weight =
                addParameter(
                        Layers.normalWeight(
                                "weight", new Shape(outChannels, inChannels, kernel, kernel), 1f));
    }

    /** Convolves x [B, Cin, H, W] with style vector w [B, wDim]; returns [B, Cout, H, W]. */
    public NDArray forward(ParameterStore ps, NDArray x, NDArray w, boolean training) {
        NDArray styles = affine.forward(ps, w, training);
        if (!demodulate) {
            // toRGB layers scale the style instead of the weight by 1/sqrt(fan_in).
            styles = Scalars.mul(styles, 1.0 / Math.sqrt((double) inChannels * kernel * kernel));
        }
        NDArray raw = ps.getValue(weight, x.getDevice(), training);
        FrozenTerms f = frozen;
        boolean cached = !training && f != null && f.matches(raw);
        NDArray scaled = cached ? f.get(0) : scaledWeight(raw);

        NDArray modulated = x.mul(styles.reshape(-1, inChannels, 1, 1));
        int pad = kernel / 2;
        NDArray y =
                Conv2d.conv2d(
                                modulated,
                                scaled,
                                null,
                                new Shape(1, 1),
                                new Shape(pad, pad),
                                new Shape(1, 1))
                        .singletonOrThrow();
        if (!demodulate) {
            return y;
        }
        // sum_{i,k} (W[o,i,k] s_i)^2 = (s^2) . (sum_k W[o,i,k]^2)
        NDArray weightPowerT = cached ? f.get(1) : weightPowerT(scaled);
        NDArray norm = Scalars.pow(styles.square().matMul(weightPowerT).add(1e-8f), -0.5);
        return y.mul(norm.reshape(-1, outChannels, 1, 1));
    }

    /** Returns the convolution weight: raw times 1/sqrt(fan_in) with demodulation, and the gain. */
    private NDArray scaledWeight(NDArray raw) {
        double scale = demodulate ? 1.0 / Math.sqrt(inChannels * kernel * kernel) : 1.0;
        return Scalars.mul(raw, scale * inputGain);
    }

    /**
     * Returns the squared convolution weight without the input gain, summed over the kernel and
     * transposed to [Cin, Cout].
     */
    private NDArray weightPowerT(NDArray scaled) {
        NDArray power = scaled.square().sum(new int[] {2, 3}).transpose();
        return inputGain == 1.0 ? power : Scalars.div(power, inputGain * inputGain);
    }

    /** Computes the scaled weight and its demodulation terms once; see {@link FrozenTerms}. */
    void cacheFrozenTerms(NDManager manager) {
        frozen =
                FrozenTerms.of(
                        weight.getArray(),
                        manager,
                        raw -> {
                            NDArray scaled = scaledWeight(raw);
                            return new NDArray[] {scaled, weightPowerT(scaled).duplicate()};
                        });
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.get(0), inputs.get(1), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), outChannels, x.get(2), x.get(3))};
    }
}
