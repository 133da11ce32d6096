package org.latentnav.edit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.Generator;
import org.latentnav.model.InvalidModelException;

/**
 * Edits latents along a {@link DirectionSet}: alpha = R(G(z)); for a requested epsilon in [-1,
 * 1]^N, delta = clip(alpha + epsilon, 0, 1) - alpha, and the latent moves by T(z) delta. With every
 * epsilon at 0, delta is exactly 0 and the image is unchanged.
 */
public final class Navigator {
    /** Correction rounds of a held edit in the editor and the edit command. */
    public static final int HOLD_CORRECTIONS = 2;

    /** Held errors within this distance of the original value need no correction. */
    public static final float HOLD_TOLERANCE = 0.02f;

    private final Generator generator;
    private final AttributeRegressor regressor;
    private final DirectionSet directions;
    private final int[] regressorIndex;

    public Navigator(Generator generator, AttributeRegressor regressor, DirectionSet directions) {
        directions.checkCompatible(generator);
        this.generator = generator;
        this.regressor = regressor;
        this.directions = directions;
        this.regressorIndex = indexOf(regressor.attributes(), directions.attributes(), regressor);
    }

    private static int[] indexOf(
            List<String> available, List<String> wanted, AttributeRegressor r) {
        int[] index = new int[wanted.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            index[i] = available.indexOf(wanted.get(i));
            if (index[i] < 0) {
                missing.add(wanted.get(i));
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidModelException(
                    "The regressor "
                            + (r.card() != null && r.card().id != null
                                    ? "'" + r.card().id + "' "
                                    : "")
                            + "does not predict "
                            + missing
                            + "; it predicts "
                            + available
                            + ". Pick a regressor trained on these attributes.");
        }
        return index;
    }

    public Generator generator() {
        return generator;
    }

    public AttributeRegressor regressor() {
        return regressor;
    }

    public DirectionSet directions() {
        return directions;
    }

    /** Returns delta = clip(alpha + epsilon, 0, 1) - alpha, element-wise. */
    public static NDArray delta(NDArray alpha, NDArray epsilon) {
        return alpha.add(epsilon).clip(0f, 1f).sub(alpha);
    }

    /**
     * Returns the values a held edit aims at, [B * N] row by row: alpha + delta, except alpha for
     * held attributes, which the edit keeps where they were.
     */
    public static float[] targets(NDArray alpha, NDArray delta, boolean[] held) {
        float[] start = alpha.toFloatArray();
        float[] target = alpha.add(delta).toFloatArray();
        for (int i = 0; i < target.length; i++) {
            if (held[i % held.length]) {
                target[i] = start[i];
            }
        }
        return target;
    }

    /** Returns the regressor's values [B, N] for the direction set's attributes. */
    public NDArray alpha(NDArray images) {
        return selectAttributes(regressor.predict(images));
    }

    /** Returns regressor logits [B, N] for the direction set's attributes. */
    public NDArray logits(NDArray images) {
        return selectAttributes(regressor.logits(images));
    }

    private NDArray selectAttributes(NDArray all) {
        boolean identity = regressorIndex.length == all.getShape().get(1);
        for (int i = 0; identity && i < regressorIndex.length; i++) {
            identity = regressorIndex[i] == i;
        }
        if (identity) {
            return all;
        }
        NDArray index =
                all.getManager().create(toLong(regressorIndex)).toDevice(all.getDevice(), false);
        return all.gather(index.expandDims(0).repeat(0, all.getShape().get(0)), 1);
    }

    private static long[] toLong(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** Returns the unedited w+ [B, L, m] for z [B, m] with truncation psi. */
    public NDArray wPlus(NDArray z, float psi) {
        return generator.broadcast(generator.truncate(generator.mapping(z), psi));
    }

    /**
     * Returns the edited w+ [B, L, m]: z moves for z-space sets, w for w and w+ sets (the w+ move
     * only touches layers [layerStart, layerEnd)). {@code delta} is [B, N].
     */
    public NDArray editedWPlus(NDArray z, NDArray delta, float psi, boolean training) {
        NDArray dirs = directions.directions(z, training);
        return moved(z, delta.expandDims(1).matMul(dirs).squeeze(1), psi);
    }

    /**
     * Returns the edited w+ [B, L, m] of a conditional edit: attributes flagged in {@code held} get
     * no delta, and every other direction first loses its component along the held ones (see {@link
     * ConditionalDirections}). For w+ sets the directions are cut to the layer range before the
     * projection, so the held attributes stay fixed on the layers that move. With nothing held this
     * is {@link #editedWPlus(NDArray, NDArray, float, boolean)} in inference mode.
     *
     * @throws IllegalArgumentException if {@code held} does not have one flag per attribute
     */
    public NDArray editedWPlus(NDArray z, NDArray delta, float psi, boolean[] held) {
        checkHeld(held);
        if (!ConditionalDirections.anyHeld(held)) {
            return editedWPlus(z, delta, psi, false);
        }
        HeldSteps steps = heldSteps(z, delta, held);
        return moved(z, steps.projected(), psi);
    }

    /**
     * Edits conditionally and keeps each held attribute where the regressor read it on the
     * original, not only the latent's coordinates along the held directions. It first renders and
     * reads the projected edit of {@link #editedWPlus(NDArray, NDArray, float, boolean[])}. Then,
     * for at most {@code corrections} rounds, it moves along each held direction by the error left
     * on that attribute and renders and reads again. The directions are trained so that a step of c
     * along direction i changes attribute i by about c, so this is an integral controller with gain
     * 1. Each round costs one synthesis and one regressor pass.
     *
     * <p>Rounds stop once every held error of every sample is within {@code tolerance}. Per sample
     * the round whose largest held error is smallest is returned, so a correction never leaves the
     * held attributes further from their values than the projection alone. It can cost the moving
     * attributes some of their change, because the held directions are entangled with them too. The
     * accumulated correction per attribute stays within [-1, 1], the range the directions were
     * trained on.
     *
     * @param alpha the regressor's values on the unedited images [B, N]
     * @param delta the requested change [B, N]; entries of held attributes are ignored
     * @throws IllegalArgumentException if {@code held} does not have one flag per attribute or
     *     {@code corrections} is negative
     */
    public HeldEdit editHolding(
            NDArray z,
            NDArray alpha,
            NDArray delta,
            float psi,
            boolean[] held,
            int corrections,
            float tolerance) {
        checkHeld(held);
        if (corrections < 0) {
            throw new IllegalArgumentException(
                    "The number of correction rounds must be 0 or more, got " + corrections);
        }
        if (!ConditionalDirections.anyHeld(held)) {
            NDArray images = render(editedWPlus(z, delta, psi, false));
            NDArray values = alpha(images);
            NDArray none = values.zerosLike().max(new int[] {1});
            return new HeldEdit(images, values, none, none, 0);
        }
        int count = held.length;
        NDArray heldMask =
                onDeviceOf(ConditionalDirections.heldMask(held), new Shape(1, count), alpha);
        HeldSteps steps = heldSteps(z, delta, held);
        NDArray images = render(moved(z, steps.projected(), psi));
        NDArray values = alpha(images);
        NDArray error = alpha.sub(values).mul(heldMask); // [B, N], zero off the held attributes
        NDArray worst = error.abs().max(new int[] {1}); // [B]
        NDArray correction = error.zerosLike();
        NDArray kept = worst.zerosLike();
        int rounds = 0;
        while (rounds < corrections && worst.max().getFloat() > tolerance) {
            rounds++;
            NDArray[] survivors;
            // Each round's activations are freed when it ends. Only the state it hands on stays.
            try (NDScope round = new NDScope()) {
                correction = correction.add(error).clip(-1f, 1f);
                NDArray step =
                        steps.projected()
                                .add(
                                        correction
                                                .expandDims(1)
                                                .matMul(steps.directions())
                                                .squeeze(1));
                NDArray nextImages = render(moved(z, step, psi));
                NDArray nextValues = alpha(nextImages);
                NDArray nextError = alpha.sub(nextValues).mul(heldMask);
                NDArray nextWorst = nextError.abs().max(new int[] {1});
                NDArray better = nextWorst.lt(worst); // [B]
                images = NDArrays.where(broadcastTo(better, nextImages), nextImages, images);
                values = NDArrays.where(broadcastTo(better, nextValues), nextValues, values);
                worst = NDArrays.where(better, nextWorst, worst);
                kept = NDArrays.where(better, kept.onesLike().mul(rounds), kept);
                // The controller goes on from the latest round, better or not.
                error = nextError;
                survivors = new NDArray[] {correction, images, values, worst, kept, error};
                NDScope.unregister(survivors);
                round.suppressNotUsedWarning();
            }
            for (NDArray survivor : survivors) {
                NDScope.register(survivor);
            }
        }
        return new HeldEdit(images, values, worst, kept, rounds);
    }

    /**
     * {@link #editHolding(NDArray, NDArray, NDArray, float, boolean[], int, float)} with the
     * editor's {@link #HOLD_CORRECTIONS} rounds and {@link #HOLD_TOLERANCE}.
     */
    public HeldEdit editHolding(
            NDArray z, NDArray alpha, NDArray delta, float psi, boolean[] held) {
        return editHolding(z, alpha, delta, psi, held, HOLD_CORRECTIONS, HOLD_TOLERANCE);
    }

    /**
     * The outcome of {@link #editHolding}.
     *
     * @param images the edited images [B, 3, H, W] in [-1, 1]
     * @param values the regressor's values on them [B, N]
     * @param heldError per sample, the largest |original - edited| value over the held attributes
     * @param keptRound per sample, the round whose result was kept (0: the projection alone)
     * @param rounds the correction rounds that ran
     */
    public record HeldEdit(
            NDArray images, NDArray values, NDArray heldError, NDArray keptRound, int rounds) {}

    /** Steps [B, D] of a held edit before correction, and the layer-cut directions [B, N, D]. */
    private record HeldSteps(NDArray projected, NDArray directions) {}

    private HeldSteps heldSteps(NDArray z, NDArray delta, boolean[] held) {
        int count = held.length;
        NDArray dirs = directions.directions(z, false);
        if (directions.space() == LatentSpace.W_PLUS) {
            long batch = dirs.getShape().get(0);
            NDArray perLayer =
                    dirs.reshape(batch, count, generator.numWs(), generator.latentSize());
            NDArray mask = layerMask(perLayer).expandDims(0); // [1, 1, L, 1]
            dirs = perLayer.mul(mask).reshape(batch, count, -1);
        }
        NDArray projected = ConditionalDirections.project(dirs, held);
        NDArray moving =
                delta.mul(
                        onDeviceOf(
                                ConditionalDirections.movingMask(held),
                                new Shape(1, count),
                                delta));
        return new HeldSteps(moving.expandDims(1).matMul(projected).squeeze(1), dirs);
    }

    private void checkHeld(boolean[] held) {
        int count = directions.attributes().size();
        if (held.length != count) {
            throw new IllegalArgumentException(
                    "Expected " + count + " held flags, one per attribute, but got " + held.length);
        }
    }

    /** Reshapes a per-sample flag [B] to broadcast against {@code like} [B, ...]. */
    private static NDArray broadcastTo(NDArray flags, NDArray like) {
        long[] shape = new long[like.getShape().dimension()];
        Arrays.fill(shape, 1);
        shape[0] = flags.getShape().get(0);
        return flags.reshape(new Shape(shape)).broadcast(like.getShape());
    }

    /** Applies a step [B, D] in the direction set's latent space and returns w+. */
    private NDArray moved(NDArray z, NDArray step, float psi) {
        switch (directions.space()) {
            case Z:
                return wPlus(z.add(step), psi);
            case W:
                return generator.broadcast(generator.truncate(generator.mapping(z), psi).add(step));
            case W_PLUS:
                NDArray base = wPlus(z, psi);
                NDArray move = step.reshape(-1, generator.numWs(), generator.latentSize());
                return base.add(move.mul(layerMask(move)));
            default:
                throw new AssertionError(directions.space());
        }
    }

    private NDArray layerMask(NDArray like) {
        float[] mask = new float[generator.numWs()];
        for (int i = directions.layerStart(); i < directions.layerEnd(); i++) {
            mask[i] = 1f;
        }
        return onDeviceOf(mask, new Shape(1, mask.length, 1), like);
    }

    /** Creates an array of {@code values} on the manager and device of {@code like}. */
    private static NDArray onDeviceOf(float[] values, Shape shape, NDArray like) {
        return like.getManager().create(values, shape).toDevice(like.getDevice(), false);
    }

    /** Renders w+ to images in [-1, 1] (clamped). */
    public NDArray render(NDArray wPlus) {
        return generator.synthesis(wPlus).clip(-1f, 1f);
    }
}
