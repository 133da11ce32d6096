package org.latentnav.edit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;

/**
 * The trainable transform T. It maps z [B, m] to directions [B, N, D], where D is m (z or w space)
 * or L * m (w+). The global kind holds one vector per attribute, drawn from N(0, 0.02^2). The local
 * kind adds to those vectors a two-layer MLP of z whose last layer starts at zero, so training
 * starts from the same point for both kinds and T(z) then varies with z.
 */
public class DirectionBlock extends AbstractBlock {
    static final float INIT_STD = 0.02f;

    private final int latentSize;
    private final int attributes;
    private final int dimension;
    private final DirectionKind kind;
    private final Parameter base;
    private final Linear hidden;
    private final Linear out;

    public DirectionBlock(
            DirectionKind kind, int latentSize, int attributes, int dimension, int hiddenSize) {
        this.kind = kind;
        this.latentSize = latentSize;
        this.attributes = attributes;
        this.dimension = dimension;
        base =
                addParameter(
                        Parameter.builder()
                                .setName("directions")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(attributes, dimension))
                                .optInitializer(new NormalInitializer(INIT_STD))
                                .build());
        if (kind == DirectionKind.LOCAL) {
            hidden = addChildBlock("hidden", Linear.builder().setUnits(hiddenSize).build());
            out =
                    addChildBlock(
                            "out",
                            Linear.builder().setUnits((long) attributes * dimension).build());
            hidden.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            out.setInitializer(new ConstantInitializer(0f), Parameter.Type.WEIGHT);
        } else {
            hidden = null;
            out = null;
        }
    }

    public int dimension() {
        return dimension;
    }

    /** Returns directions for each sample, [B, N, D] (local) or [1, N, D] (global). */
    public NDArray directions(ParameterStore ps, NDArray z, boolean training) {
        NDArray d = ps.getValue(base, z.getDevice(), training);
        if (kind == DirectionKind.GLOBAL) {
            return d.expandDims(0);
        }
        NDArray h = Activation.leakyRelu(hidden.forward(ps, new NDList(z), training).head(), 0.2f);
        NDArray local = out.forward(ps, new NDList(h), training).head();
        return local.reshape(-1, attributes, dimension).add(d);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(directions(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    protected void initializeChildBlocks(
            ai.djl.ndarray.NDManager manager,
            ai.djl.ndarray.types.DataType dataType,
            Shape... inputShapes) {
        if (hidden != null) {
            hidden.initialize(manager, dataType, new Shape(1, latentSize));
            out.initialize(
                    manager,
                    dataType,
                    new Shape(
                            1,
                            hidden.getOutputShapes(new Shape[] {new Shape(1, latentSize)})[0].get(
                                    1)));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), attributes, dimension)};
    }
}
