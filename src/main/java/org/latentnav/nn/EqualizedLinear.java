package org.latentnav.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A fully connected layer with equalized learning rate: the weight is stored as N(0, 1/lrMul) and
 * scaled by lrMul / sqrt(fan_in) on every call, as in StyleGAN2.
 */
public class EqualizedLinear extends FixedShapeBlock {
    private final int inFeatures;
    private final int outFeatures;
    private final float lrMultiplier;
    private final boolean activate;
    private final Parameter weight;
    private final Parameter bias;
    private volatile FrozenTerms frozen;

    public EqualizedLinear(
            int inFeatures, int outFeatures, float biasInit, float lrMultiplier, boolean activate) {
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.lrMultiplier = lrMultiplier;
        this.activate = activate;
        weight =
                addParameter(
                        Layers.normalWeight(
                                "weight", new Shape(outFeatures, inFeatures), 1f / lrMultiplier));
        bias =
                addParameter(
                        Layers.constant("bias", new Shape(outFeatures), biasInit / lrMultiplier));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training));
    }

    /** Applies the layer to x of shape [B, in] and returns [B, out]. */
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        FrozenTerms f = frozen;
        NDArray y;
        if (!training && f != null && f.matches(w)) {
            y = Linear.linear(x, f.get(0), f.get(1)).singletonOrThrow();
        } else {
            NDArray b = ps.getValue(bias, x.getDevice(), training);
            y =
                    Scalars.mul(x.matMul(w.transpose()), lrMultiplier / Math.sqrt(inFeatures))
                            .add(Scalars.mul(b, lrMultiplier));
        }
        return activate ? Layers.leakyRelu(y) : y;
    }

    /** Computes the scaled weight and bias once; see {@link FrozenTerms}. */
    void cacheFrozenTerms(NDManager manager) {
        NDArray b = bias.getArray();
        frozen =
                FrozenTerms.of(
                        weight.getArray(),
                        manager,
                        w ->
                                new NDArray[] {
                                    Scalars.mul(w, lrMultiplier / Math.sqrt(inFeatures)),
                                    Scalars.mul(b, lrMultiplier)
                                });
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outFeatures)};
    }
}
