package org.latentnav.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A StyleGAN2-style generator: a mapping MLP z -> w, a learned 4x4 constant, and per resolution an
 * upsampling modulated convolution, a second modulated convolution and a toRGB layer whose output
 * is added to the upsampled RGB image of the previous resolution (skip architecture).
 *
 * <p>The synthesis network reads w+ of shape [B, numWs, m]. Layer i of w+ drives, in order: the 4x4
 * convolution (0), then for each resolution its toRGB shares its index with the next resolution's
 * first convolution, as in the reference StyleGAN2 layout.
 */
public class StyleGan2Generator extends FixedShapeBlock {
    private static final float W_AVG_BETA = 0.995f;

    private final GeneratorConfig config;
    private final List<EqualizedLinear> mapping = new ArrayList<>();
    private final Parameter constInput;
    private final Parameter wAverage;
    private final SynthesisLayer initialConv;
    private final ToRgbLayer initialRgb;
    private final List<SynthesisLayer> upConvs = new ArrayList<>();
    private final List<SynthesisLayer> convs = new ArrayList<>();
    private final List<ToRgbLayer> rgbs = new ArrayList<>();
    private NoiseMode noiseMode = NoiseMode.CONST;

    public StyleGan2Generator(GeneratorConfig config) {
        this.config = config;
        int m = config.latentSize();
        for (int i = 0; i < config.mappingLayers(); i++) {
            mapping.add(addChildBlock("mapping" + i, new EqualizedLinear(m, m, 0f, 0.01f, true)));
        }
        int c4 = config.channels(4);
        constInput = addParameter(Layers.normalWeight("const", new Shape(c4, 4, 4), 1f));
        wAverage = addParameter(Layers.buffer("w_avg", new Shape(m), 0f));
        initialConv = addChildBlock("b4_conv", new SynthesisLayer(m, c4, c4, 4, false, 1.0));
        initialRgb = addChildBlock("b4_torgb", new ToRgbLayer(m, c4));
        for (int res = 8; res <= config.resolution(); res *= 2) {
            int in = config.channels(res / 2);
            int out = config.channels(res);
            upConvs.add(
                    addChildBlock(
                            "b" + res + "_conv0",
                            new SynthesisLayer(m, in, out, res, true, SynthesisLayer.OUTPUT_GAIN)));
            convs.add(
                    addChildBlock(
                            "b" + res + "_conv1",
                            new SynthesisLayer(
                                    m, out, out, res, false, SynthesisLayer.OUTPUT_GAIN)));
            rgbs.add(addChildBlock("b" + res + "_torgb", new ToRgbLayer(m, out)));
        }
    }

    public GeneratorConfig config() {
        return config;
    }

    /**
     * Computes, once, the weight terms that each forward pass outside training would derive again:
     * scaled weights, demodulation terms, and bias plus constant noise. Call it on a generator
     * whose weights stay fixed (a loaded model); see {@link FrozenTerms}.
     */
    public void cacheFrozenTerms(NDManager manager) {
        cacheFrozenTerms(this, manager);
    }

    private static void cacheFrozenTerms(Block block, NDManager manager) {
        if (block instanceof ModulatedConv2d conv) {
            conv.cacheFrozenTerms(manager);
        } else if (block instanceof EqualizedLinear linear) {
            linear.cacheFrozenTerms(manager);
        } else if (block instanceof SynthesisLayer layer) {
            layer.cacheFrozenTerms(manager);
        }
        for (Block child : block.getChildren().values()) {
            cacheFrozenTerms(child, manager);
        }
    }

    public void setNoiseMode(NoiseMode noiseMode) {
        this.noiseMode = noiseMode;
    }

    /** Maps z [B, m] to w [B, m]; z is normalised to unit mean square first (pixel norm). */
    public NDArray mapping(ParameterStore ps, NDArray z, boolean training) {
        NDArray x = z.mul(Scalars.pow(z.square().mean(new int[] {1}, true).add(1e-8f), -0.5));
        for (EqualizedLinear layer : mapping) {
            x = layer.forward(ps, x, training);
        }
        return x;
    }

    /** Returns the running mean of w, the centre that truncation pulls towards. */
    public NDArray wAverage(ParameterStore ps, NDArray like) {
        return ps.getValue(wAverage, like.getDevice(), false);
    }

    /** Moves the running mean of w towards the batch mean of w (used during GAN training). */
    public void updateWAverage(NDArray w) {
        NDArray avg = wAverage.getArray();
        NDArray batchMean = w.mean(new int[] {0});
        avg.muli(W_AVG_BETA).addi(batchMean.mul(1 - W_AVG_BETA));
    }

    /** Renders w+ [B, numWs, m] to an image [B, 3, R, R] in roughly [-1, 1]. */
    public NDArray synthesis(ParameterStore ps, NDArray ws, boolean training) {
        int batch = (int) ws.getShape().get(0);
        NDArray constant = ps.getValue(constInput, ws.getDevice(), training);
        NDArray x = ws.getManager().zeros(new Shape(batch, constant.getShape().get(0), 4, 4));
        x = MemoryFormat.channelsLast(x.add(constant.expandDims(0)));
        x = initialConv.forward(ps, x, layerW(ws, 0), noiseMode, training);
        NDArray img = initialRgb.forward(ps, x, layerW(ws, 1), training);
        int index = 1;
        for (int i = 0; i < upConvs.size(); i++) {
            x = upConvs.get(i).forward(ps, x, layerW(ws, index), noiseMode, training);
            x = convs.get(i).forward(ps, x, layerW(ws, index + 1), noiseMode, training);
            NDArray rgb = rgbs.get(i).forward(ps, x, layerW(ws, index + 2), training);
            img = Resampling.upsample2x(img).add(rgb);
            index += 2;
        }
        return img;
    }

    private static NDArray layerW(NDArray ws, int index) {
        return ws.get(new NDIndex(":, {}, :", index));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray w = mapping(ps, inputs.singletonOrThrow(), training);
        NDArray ws = w.expandDims(1).repeat(1, config.numWs());
        return new NDList(synthesis(ps, ws, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        int r = config.resolution();
        return new Shape[] {new Shape(inputShapes[0].get(0), 3, r, r)};
    }
}
