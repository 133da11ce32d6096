package org.latentnav.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An inference-only form of a trained DJL block tree in which every convolution that a BatchNorm
 * directly follows becomes one convolution: with s = gamma / sqrt(runningVar + eps), the weight is
 * w s and the bias (b - runningMean) s + beta. This removes a third of the operators of MobileNetV2
 * and ResNet-50 and one pass over each of their activations. A ReLU6 becomes one clamp when no
 * gradient is needed. Other blocks run as they are, in inference mode.
 *
 * <p>The folded weights are copies taken when the form is built: it suits frozen models only.
 * Gradients still flow to the input, so a frozen regressor inside direction training can use it.
 */
public final class FoldedBlock implements AutoCloseable {
    /** One step of the folded network and the range of top-level children it replaces. */
    private record Step(Function<NDList, NDList> run, int firstChild, int endChild) {}

    private final NDManager manager;
    private final ParameterStore store;
    private final List<Step> steps = new ArrayList<>();
    private int fusedPairs;
    private int clampedActivations;

    private FoldedBlock(Block block, NDManager parent) {
        this.manager = parent.newSubManager();
        this.store = new ParameterStore(manager, false);
        if (block instanceof SequentialBlock) {
            compileSequence(block.getChildren().values(), steps);
        } else {
            steps.add(new Step(compile(block), 0, 1));
        }
    }

    /**
     * Folds {@code block} and checks the result against the block on one random batch of {@code
     * inputShape}; throws {@link IllegalStateException} when the outputs differ by more than float
     * rounding, which would mean a layer that this class reads wrongly.
     */
    public static FoldedBlock fold(Block block, Shape inputShape, NDManager parent) {
        FoldedBlock folded = new FoldedBlock(block, parent);
        try (NDManager check = parent.newSubManager()) {
            NDArray x = check.randomUniform(-1, 1, inputShape);
            NDArray expected =
                    block.forward(new ParameterStore(check, false), new NDList(x), false).head();
            NDArray actual = folded.forward(new NDList(x)).head();
            float scale = 1 + expected.abs().max().getFloat();
            float error = expected.sub(actual).abs().max().getFloat();
            if (!(error <= 1e-4f * scale)) {
                throw new IllegalStateException(
                        "Folded network differs from the original by "
                                + error
                                + " (scale "
                                + scale
                                + ")");
            }
        } catch (RuntimeException e) {
            folded.close();
            throw e instanceof IllegalStateException
                    ? e
                    : new IllegalStateException("Folding failed: " + e.getMessage(), e);
        }
        return folded;
    }

    /** Convolution + BatchNorm pairs folded into one convolution. */
    public int fusedPairs() {
        return fusedPairs;
    }

    /** Returns how many ReLU6 activations run as one clamp when no gradient is needed. */
    public int clampedActivations() {
        return clampedActivations;
    }

    public NDList forward(NDList x) {
        return forwardChildren(x, Integer.MAX_VALUE);
    }

    /**
     * Runs the top-level children before index {@code end} of the original sequential block, as
     * {@code children[0..end)} would.
     */
    public NDList forwardChildren(NDList x, int end) {
        for (Step step : steps) {
            if (step.endChild() > end) {
                if (step.firstChild() < end) {
                    throw new IllegalArgumentException(
                            "Child "
                                    + end
                                    + " lies inside a folded convolution and BatchNorm pair");
                }
                break;
            }
            x = step.run().apply(x);
        }
        return x;
    }

    private void compileSequence(List<Block> children, List<Step> into) {
        int i = 0;
        while (i < children.size()) {
            Block child = children.get(i);
            if (child instanceof Conv2d conv
                    && i + 1 < children.size()
                    && children.get(i + 1) instanceof BatchNorm norm
                    && foldable(norm)) {
                into.add(new Step(foldPair(conv, norm), i, i + 2));
                fusedPairs++;
                i += 2;
            } else {
                into.add(new Step(compile(child), i, i + 1));
                i++;
            }
        }
    }

    private Function<NDList, NDList> compile(Block block) {
        if (block instanceof SequentialBlock) {
            List<Step> inner = new ArrayList<>();
            compileSequence(block.getChildren().values(), inner);
            return x -> {
                for (Step s : inner) {
                    x = s.run().apply(x);
                }
                return x;
            };
        }
        if (block instanceof ParallelBlock parallel) {
            Function<List<NDList>, NDList> join = joinOf(parallel);
            if (join != null) {
                List<Function<NDList, NDList>> branches = new ArrayList<>();
                for (Block b : parallel.getChildren().values()) {
                    branches.add(compile(b));
                }
                return x -> {
                    List<NDList> outputs = new ArrayList<>(branches.size());
                    for (Function<NDList, NDList> branch : branches) {
                        outputs.add(branch.apply(x));
                    }
                    return join.apply(outputs);
                };
            }
        }
        if (block instanceof LambdaBlock lambda && Scalars.RELU6.equals(lambda.getName())) {
            clampedActivations++;
            return x -> {
                NDArray in = x.singletonOrThrow();
                // Without gradients one clamp does the work of DJL's relu and minimum. Clamp's
                // backward took 9.8 against 6.9 ms for theirs on [32, 144, 16, 16], so DJL's form
                // stays while autograd records. (NDArray.hasGradient is false for arrays computed
                // from one that requires a gradient, so it cannot tell.)
                return new NDList(JniUtils.isGradMode() ? Scalars.relu6(in) : in.clip(0, 6));
            };
        }
        return x -> block.forward(store, x, false);
    }

    private Function<NDList, NDList> foldPair(Conv2d conv, BatchNorm norm) {
        NDArray foldedWeight;
        NDArray foldedBias;
        try (NDScope scope = new NDScope()) {
            NDArray weight = conv.getParameters().get("weight").getArray();
            NDArray gamma = norm.getParameters().get("gamma").getArray();
            NDArray beta = norm.getParameters().get("beta").getArray();
            NDArray mean = norm.getParameters().get("runningMean").getArray();
            NDArray var = norm.getParameters().get("runningVar").getArray();
            NDArray scale = gamma.div(var.add(epsilonOf(norm)).sqrt());
            int filters = (int) weight.getShape().get(0);
            NDArray bias = beta.sub(mean.mul(scale));
            if (conv.isIncludeBias()) {
                bias = bias.add(conv.getParameters().get("bias").getArray().mul(scale));
            }
            // stopGradient: the copies must not carry autograd history back to the weights.
            foldedWeight = weight.mul(scale.reshape(filters, 1, 1, 1)).stopGradient();
            foldedBias = bias.stopGradient();
            NDScope.unregister(foldedWeight, foldedBias);
            scope.suppressNotUsedWarning();
        }
        foldedWeight.attach(manager);
        foldedBias.attach(manager);
        Shape stride = conv.getStride();
        Shape padding = conv.getPadding();
        Shape dilation = conv.getDilation();
        int groups = conv.getGroups();
        return x ->
                Conv2d.conv2d(
                        x.head(), foldedWeight, foldedBias, stride, padding, dilation, groups);
    }

    /**
     * BatchNorm over the channel axis of NCHW maps, the only kind that folds into a convolution.
     */
    private static boolean foldable(BatchNorm norm) {
        Object axis = field(BatchNorm.class, norm, "axis");
        return axis == null || Integer.valueOf(1).equals(axis);
    }

    private static float epsilonOf(BatchNorm norm) {
        Object eps = field(BatchNorm.class, norm, "epsilon");
        return eps instanceof Float f ? f : 1e-5f;
    }

    @SuppressWarnings("unchecked")
    private static Function<List<NDList>, NDList> joinOf(ParallelBlock block) {
        return (Function<List<NDList>, NDList>) field(ParallelBlock.class, block, "function");
    }

    /**
     * Reads a private field of a DJL block; DJL has no getter for these. Returns null when the
     * field is missing, so that a later DJL falls back to running the block as it is.
     */
    private static Object field(Class<?> type, Object target, String name) {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
