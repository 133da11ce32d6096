package org.latentnav.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A StyleGAN2-style residual discriminator: fromRGB, then per resolution two 3x3 convolutions with
 * 2x average-pool downsampling and a 1x1 skip path (summed and divided by sqrt 2), then a minibatch
 * standard-deviation channel, a 3x3 convolution and two linear layers to one logit.
 *
 * <p>The leaky ReLU gains of sqrt(2) move into the weights of the layers that read the activations
 * (see {@link EqualizedConv2d}). At the end of a block, the main path's gain cancels the division
 * by sqrt(2), and the skip path's weight takes that division.
 */
public class ResidualDiscriminator extends FixedShapeBlock {
    private static final int MBSTD_GROUP = 4;

    private final GeneratorConfig config;
    private final EqualizedConv2d fromRgb;
    private final List<EqualizedConv2d> conv0 = new ArrayList<>();
    private final List<EqualizedConv2d> conv1 = new ArrayList<>();
    private final List<EqualizedConv2d> skips = new ArrayList<>();
    private final EqualizedConv2d epilogueConv;
    private final EqualizedLinear epilogueFc;
    private final EqualizedLinear output;

    public ResidualDiscriminator(GeneratorConfig config) {
        this.config = config;
        int top = config.resolution();
        fromRgb =
                addChildBlock(
                        "fromrgb",
                        new EqualizedConv2d(3, config.channels(top), 1, true, true, 1.0, false));
        // fromRGB leaves its gain to the first block. The blocks' outputs carry none.
        double blockInputGain = Layers.LRELU_GAIN;
        for (int res = top; res > 4; res /= 2) {
            int in = config.channels(res);
            int out = config.channels(res / 2);
            double skipGain = blockInputGain / Math.sqrt(2);
            conv0.add(
                    addChildBlock(
                            "b" + res + "_conv0",
                            new EqualizedConv2d(in, in, 3, true, true, blockInputGain, false)));
            conv1.add(
                    addChildBlock(
                            "b" + res + "_conv1",
                            new EqualizedConv2d(in, out, 3, true, true, Layers.LRELU_GAIN, false)));
            skips.add(
                    addChildBlock(
                            "b" + res + "_skip",
                            new EqualizedConv2d(in, out, 1, false, false, skipGain, true)));
            blockInputGain = 1.0;
        }
        int c4 = config.channels(4);
        epilogueConv = addChildBlock("b4_conv", new EqualizedConv2d(c4 + 1, c4, 3, true, true));
        epilogueFc = addChildBlock("b4_fc", new EqualizedLinear(c4 * 16, c4, 0f, 1f, true));
        output = addChildBlock("b4_out", new EqualizedLinear(c4, 1, 0f, 1f, false));
    }

    /** Returns realness logits [B] for images [B, 3, R, R] in [-1, 1]. */
    public NDArray logits(ParameterStore ps, NDArray images, boolean training) {
        return logits(ps, images, training, 1);
    }

    /**
     * Returns the logits of {@code segments} batches stacked along the batch axis, each of the same
     * size, as if each batch went through the network alone: the minibatch standard deviation only
     * groups samples of one batch. One pass over the stacked batches runs each convolution once on
     * more samples, which costs less than a pass per batch.
     *
     * @throws IllegalArgumentException if the batch does not split into {@code segments} equal
     *     parts
     */
    public NDArray logits(ParameterStore ps, NDArray images, boolean training, int segments) {
        long batch = images.getShape().get(0);
        if (segments < 1 || batch % segments != 0) {
            throw new IllegalArgumentException(
                    "A batch of "
                            + batch
                            + " does not split into "
                            + segments
                            + " equal parts; stack batches of one size.");
        }
        NDArray x = fromRgb.forward(ps, images, training);
        for (int i = 0; i < conv0.size(); i++) {
            NDArray skip = skips.get(i).forward(ps, Resampling.downsample2x(x), training);
            NDArray y = conv0.get(i).forward(ps, x, training);
            y = Resampling.downsample2x(conv1.get(i).forward(ps, y, training));
            // (skip + sqrt(2) y) / sqrt(2), with the skip weight already divided by sqrt(2).
            x = skip.add(y);
        }
        x = segments == 1 ? minibatchStddev(x) : minibatchStddev(x, segments);
        x = epilogueConv.forward(ps, x, training);
        x = epilogueFc.forward(ps, x.reshape(x.getShape().get(0), -1), training);
        return output.forward(ps, x, training).reshape(-1);
    }

    /**
     * Returns the number of samples that share one minibatch standard deviation in a batch of
     * {@code batch}: 4, or the batch when it is smaller. A batch that does not split into such
     * groups gets groups of 1, whose deviation is 0, so the feature is then constant.
     */
    public static long minibatchGroup(long batch) {
        long group = Math.min(MBSTD_GROUP, batch);
        return batch % group == 0 ? group : 1;
    }

    /** Appends one channel holding the mean standard deviation over groups of samples. */
    private static NDArray minibatchStddev(NDArray x) {
        Shape s = x.getShape();
        long group = minibatchGroup(s.get(0));
        NDArray y = x.reshape(group, -1, s.get(1), s.get(2), s.get(3));
        y = y.sub(y.mean(new int[] {0})).square().mean(new int[] {0}).add(1e-8f).sqrt();
        y = y.reshape(y.getShape().get(0), -1).mean(new int[] {1}); // [B / group]
        y = y.reshape(-1, 1, 1, 1).tile(new long[] {group, 1, s.get(2), s.get(3)});
        return x.concat(y, 1);
    }

    /** Applies {@link #minibatchStddev(NDArray)} to each of {@code segments} stacked batches. */
    private static NDArray minibatchStddev(NDArray x, int segments) {
        Shape s = x.getShape();
        long group = minibatchGroup(s.get(0) / segments);
        NDArray y = x.reshape(segments, group, -1, s.get(1), s.get(2), s.get(3));
        y = y.sub(y.mean(new int[] {1}, true)).square().mean(new int[] {1}).add(1e-8f).sqrt();
        y = y.reshape(segments, 1, -1, s.get(1) * s.get(2) * s.get(3)).mean(new int[] {3});
        y = y.tile(new long[] {1, group, 1}).reshape(-1, 1, 1, 1);
        return x.concat(y.tile(new long[] {1, 1, s.get(2), s.get(3)}), 1);
    }

    public GeneratorConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(logits(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0))};
    }
}
