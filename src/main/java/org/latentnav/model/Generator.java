package org.latentnav.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import org.latentnav.nn.Scalars;

/**
 * A generator G with a mapping network z -> w and a synthesis network w+ -> image. Images are NCHW,
 * RGB, nominally in [-1, 1] (callers clamp before display).
 */
public interface Generator extends AutoCloseable {
    /** Size m of z and w. */
    int latentSize();

    /** Number L of w vectors that synthesis reads (the rows of w+). */
    int numWs();

    int resolution();

    /**
     * Returns whether the generator has a mapping network. Without one, w = z and there is one w
     * row, so only z-space directions apply.
     */
    default boolean hasMappingNetwork() {
        return true;
    }

    /** Maps z [B, m] to w [B, m]. */
    NDArray mapping(NDArray z);

    /** Renders w+ [B, L, m] to images [B, 3, R, R]. */
    NDArray synthesis(NDArray wPlus);

    /** Returns the mean of w [m] that truncation pulls towards. */
    NDArray wAverage(NDArray like);

    /** Identifies these exact weights; direction sets record it to refuse other generators. */
    String fingerprint();

    ModelCard card();

    /** The underlying block, for freezing and inspecting parameters. */
    Block block();

    /** Applies the truncation trick: w_avg + psi (w - w_avg). */
    default NDArray truncate(NDArray w, float psi) {
        if (psi == 1f) {
            return w;
        }
        NDArray avg = wAverage(w);
        return Scalars.mul(w.sub(avg), psi).add(avg);
    }

    /** Broadcasts w [B, m] to w+ [B, L, m]. */
    default NDArray broadcast(NDArray w) {
        return w.expandDims(1).repeat(1, numWs());
    }

    @Override
    void close();
}
