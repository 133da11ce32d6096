package org.latentnav.bench;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import org.latentnav.nn.GeneratorConfig;

/**
 * Multiply-accumulate counts of a forward pass for one image, from layer shapes. Only convolutions
 * and fully connected layers are counted; normalisation, activations and element-wise operations
 * are left out, so these are lower bounds. One MAC is two FLOPs.
 */
public final class FlopCount {
    private FlopCount() {}

    /** MACs of the StyleGAN2-style generator (mapping and synthesis) for one image. */
    public static long generator(GeneratorConfig c) {
        long m = c.latentSize();
        long macs = c.mappingLayers() * m * m;
        int c4 = c.channels(4);
        macs += modulated(m, c4, c4, 3, 4) + modulated(m, c4, 3, 1, 4);
        for (int res = 8; res <= c.resolution(); res *= 2) {
            int in = c.channels(res / 2);
            int out = c.channels(res);
            macs +=
                    modulated(m, in, out, 3, res)
                            + modulated(m, out, out, 3, res)
                            + modulated(m, out, 3, 1, res);
        }
        return macs;
    }

    private static long modulated(long wDim, long in, long out, long kernel, long res) {
        long conv = res * res * out * in * kernel * kernel;
        long style = wDim * in;
        long demodulation = kernel > 1 ? out * in : 0;
        return conv + style + demodulation;
    }

    /** MACs of the residual discriminator for one image. */
    public static long discriminator(GeneratorConfig c) {
        int top = c.resolution();
        long macs = (long) top * top * c.channels(top) * 3;
        for (int res = top; res > 4; res /= 2) {
            long in = c.channels(res);
            long out = c.channels(res / 2);
            long half = (long) (res / 2) * (res / 2);
            macs +=
                    (long) res * res * in * in * 9
                            + (long) res * res * out * in * 9
                            + half * out * in;
        }
        long c4 = c.channels(4);
        macs += 16 * (c4 + 1) * c4 * 9 + 16 * c4 * c4 + c4;
        return macs;
    }

    /** MACs of the VGG-19 stack up to conv4_2 for one image of side {@code res}. */
    public static long vgg19(int widthDivisor, int res) {
        int[][] layers = {
            {1, 3, 1}, {1, 1, 1}, {2, 1, 2}, {2, 2, 2}, {3, 2, 4}, {3, 3, 4}, {3, 3, 4}, {3, 3, 4},
            {4, 3, 8}, {4, 4, 8}
        };
        long macs = 0;
        for (int[] layer : layers) {
            long out = Math.max(1, (64L << (layer[0] - 1)) / widthDivisor);
            long in =
                    layer[1] == 3 && layer[0] == 1
                            ? 3
                            : Math.max(1, (64L << (layer[1] - 1)) / widthDivisor);
            long side = res / layer[2];
            macs += side * side * out * in * 9;
        }
        return macs;
    }

    /**
     * MACs of an initialised DJL block (such as the model zoo's ResNet-50 or MobileNetV2) for one
     * input of the given shape, found by walking its sequential and parallel children.
     */
    public static long block(Block block, Shape input) {
        return walk(block, input);
    }

    private static long walk(Block block, Shape input) {
        if (block instanceof Conv2d) {
            Conv2d conv = (Conv2d) block;
            Shape out = conv.getOutputShapes(new Shape[] {input})[0];
            long kernel = conv.getKernelShape().size();
            return out.size() * (input.get(1) / conv.getGroups()) * kernel;
        }
        if (block instanceof Linear) {
            Shape out = block.getOutputShapes(new Shape[] {input})[0];
            return out.size() * input.get(input.dimension() - 1);
        }
        if (block instanceof SequentialBlock) {
            long macs = 0;
            Shape shape = input;
            for (Block child : block.getChildren().values()) {
                macs += walk(child, shape);
                shape = child.getOutputShapes(new Shape[] {shape})[0];
            }
            return macs;
        }
        if (block instanceof ParallelBlock) {
            long macs = 0;
            for (Block child : block.getChildren().values()) {
                macs += walk(child, input);
            }
            return macs;
        }
        return 0;
    }
}
