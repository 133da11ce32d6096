package org.latentnav.edit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import org.latentnav.nn.Scalars;

/**
 * Conditional editing: moves some attributes while others stay fixed. Each moving direction loses
 * its component along the span of the held directions, so a step along it leaves the latent's
 * coordinates along the held directions unchanged. The span is built with classical Gram-Schmidt,
 * per sample for local directions.
 */
public final class ConditionalDirections {
    /** Held directions shorter than this are treated as zero and add nothing to the span. */
    static final float MIN_NORM = 1e-6f;

    private ConditionalDirections() {}

    /**
     * Returns {@code directions} [B, N, D] with every row orthogonal to the rows marked in {@code
     * held}; the held rows themselves become zero, because their delta must be zero anyway. Returns
     * the input unchanged when nothing is held.
     *
     * @throws IllegalArgumentException if {@code held} does not have one flag per direction
     */
    public static NDArray project(NDArray directions, boolean[] held) {
        long count = directions.getShape().get(1);
        if (held.length != count) {
            throw new IllegalArgumentException(
                    "Expected " + count + " held flags, one per direction, but got " + held.length);
        }
        List<NDArray> basis = orthonormalBasis(directions, held);
        NDArray projected = directions;
        for (NDArray unit : basis) {
            NDArray u = unit.expandDims(1); // [B, 1, D]
            NDArray coefficients = projected.mul(u).sum(new int[] {2}, true); // [B, N, 1]
            projected = projected.sub(coefficients.mul(u));
        }
        return projected;
    }

    /**
     * Returns unit vectors [B, D] that span the held directions of each sample. A held direction
     * that lies in the span of earlier ones contributes a zero vector instead of a unit vector.
     */
    static List<NDArray> orthonormalBasis(NDArray directions, boolean[] held) {
        List<NDArray> basis = new ArrayList<>();
        for (int i = 0; i < held.length; i++) {
            if (!held[i]) {
                continue;
            }
            NDArray v = directions.get(new NDIndex(":, {}, :", i)); // [B, D]
            for (NDArray unit : basis) {
                v = v.sub(v.mul(unit).sum(new int[] {1}, true).mul(unit));
            }
            NDArray norm = v.square().sum(new int[] {1}, true).sqrt();
            NDArray nonZero = norm.gt(MIN_NORM).toType(v.getDataType(), false);
            basis.add(v.div(Scalars.maximum(norm, MIN_NORM)).mul(nonZero));
        }
        return basis;
    }

    /** Returns one weight per attribute: 0 for held attributes and 1 for the others. */
    static float[] movingMask(boolean[] held) {
        return mask(held, 0f);
    }

    /** Returns one weight per attribute: 1 for held attributes and 0 for the others. */
    static float[] heldMask(boolean[] held) {
        return mask(held, 1f);
    }

    private static float[] mask(boolean[] held, float heldWeight) {
        float[] mask = new float[held.length];
        for (int i = 0; i < held.length; i++) {
            mask[i] = held[i] ? heldWeight : 1f - heldWeight;
        }
        return mask;
    }

    /** Returns true if any attribute is held. */
    public static boolean anyHeld(boolean[] held) {
        for (boolean h : held) {
            if (h) {
                return true;
            }
        }
        return false;
    }
}
