package org.latentnav.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The VGG-19 convolution stack up to conv4_2, returning the ReLU activations of conv1_2, conv2_2,
 * conv3_2 and conv4_2. An optional head (global average pool of conv4_2 and one linear layer) lets
 * the same network train as an attribute classifier, since no ImageNet weights are available
 * offline. {@code widthDivisor} divides every channel count (1 is the standard 64-128-256-512
 * network; tests use larger divisors).
 */
public class Vgg19Features extends AbstractBlock {
    /** Layer names in order; the ones in {@link #FEATURE_LAYERS} are returned. */
    static final String[] LAYERS = {
        "conv1_1", "conv1_2", "pool1", "conv2_1", "conv2_2", "pool2", "conv3_1", "conv3_2",
        "conv3_3", "conv3_4", "pool3", "conv4_1", "conv4_2"
    };

    public static final List<String> FEATURE_LAYERS =
            List.of("conv1_2", "conv2_2", "conv3_2", "conv4_2");

    private final int widthDivisor;
    private final int headOutputs;
    private final List<Conv2d> convs = new ArrayList<>();
    private final Linear head;

    public Vgg19Features(int widthDivisor, int headOutputs) {
        this.widthDivisor = widthDivisor;
        this.headOutputs = headOutputs;
        for (String name : LAYERS) {
            if (name.startsWith("conv")) {
                int stage = name.charAt(4) - '0';
                int channels = Math.max(1, (64 << (stage - 1)) / widthDivisor);
                convs.add(
                        addChildBlock(
                                name,
                                Conv2d.builder()
                                        .setKernelShape(new Shape(3, 3))
                                        .optPadding(new Shape(1, 1))
                                        .setFilters(channels)
                                        .build()));
            }
        }
        head =
                headOutputs > 0
                        ? addChildBlock("head", Linear.builder().setUnits(headOutputs).build())
                        : null;
    }

    public int widthDivisor() {
        return widthDivisor;
    }

    public int headOutputs() {
        return headOutputs;
    }

    /** Returns the four feature maps for images already normalised for this network. */
    public NDList features(ParameterStore ps, NDArray x, boolean training) {
        NDList out = new NDList(FEATURE_LAYERS.size());
        int conv = 0;
        for (String name : LAYERS) {
            if (name.startsWith("pool")) {
                x = Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
                continue;
            }
            x = Activation.relu(convs.get(conv++).forward(ps, new NDList(x), training).head());
            if (FEATURE_LAYERS.contains(name)) {
                out.add(x);
            }
        }
        return out;
    }

    /** Returns head logits [B, headOutputs] computed from the conv4_2 activations. */
    public NDArray classify(ParameterStore ps, NDArray x, boolean training) {
        NDArray last = features(ps, x, training).get(FEATURE_LAYERS.size() - 1);
        NDArray pooled = Pool.globalAvgPool2d(last);
        return head.forward(ps, new NDList(pooled), training).head();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return features(ps, inputs.singletonOrThrow(), training);
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        int conv = 0;
        for (String name : LAYERS) {
            if (name.startsWith("pool")) {
                shape = new Shape(shape.get(0), shape.get(1), shape.get(2) / 2, shape.get(3) / 2);
                continue;
            }
            Conv2d block = convs.get(conv++);
            block.initialize(manager, dataType, shape);
            shape = block.getOutputShapes(new Shape[] {shape})[0];
        }
        if (head != null) {
            head.initialize(manager, dataType, new Shape(shape.get(0), shape.get(1)));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        Shape[] out = new Shape[FEATURE_LAYERS.size()];
        for (int i = 0; i < out.length; i++) {
            int channels = Math.max(1, (64 << i) / widthDivisor);
            long side = in.get(2) >> i;
            out[i] = new Shape(in.get(0), channels, side, side);
        }
        return out;
    }
}
