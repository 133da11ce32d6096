package org.latentnav.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.latentnav.nn.Scalars;

/** The direction-training losses, written to stay finite for any input. */
public final class Losses {
    /** Probabilities are clamped to [EPS, 1 - EPS] before the logarithm. */
    static final float EPS = 1e-7f;

    private Losses() {}

    /** Returns softplus(x) = log(1 + e^x), computed as max(x, 0) + log(1 + e^-|x|). */
    public static NDArray softplus(NDArray x) {
        return Scalars.maximum(x, 0).add(x.abs().neg().exp().add(1f).log());
    }

    /** Mean binary cross-entropy of probabilities p in [0, 1] against targets t in [0, 1]. */
    public static NDArray bce(NDArray p, NDArray t) {
        NDArray clamped = p.clip(EPS, 1f - EPS);
        NDArray positive = t.mul(clamped.log());
        NDArray negative = t.neg().add(1f).mul(clamped.neg().add(1f).log());
        return positive.add(negative).neg().mean();
    }

    /**
     * Mean binary cross-entropy of sigmoid(logits) against targets, computed from the logits
     * without forming the sigmoid: softplus(x) - t x.
     */
    public static NDArray bceWithLogits(NDArray logits, NDArray targets) {
        return softplus(logits).sub(logits.mul(targets)).mean();
    }

    /** The discriminator term of the direction loss. */
    public enum DiscLoss {
        /**
         * log(1 - sigmoid(l)) = -softplus(l), as written in the objective of Zhuang, Koyejo and
         * Schwing (ICLR 2021).
         */
        PAPER,
        /** -log sigmoid(l) = softplus(-l), the non-saturating form. */
        NON_SATURATING
    }

    /** Returns the mean discriminator loss for realness logits [B]. */
    public static NDArray discriminator(NDArray logits, DiscLoss kind) {
        if (kind == DiscLoss.PAPER) {
            return softplus(logits).neg().mean();
        }
        return softplus(logits.neg()).mean();
    }

    /**
     * Returns the mean over feature layers of the root-mean-square distance between edited and
     * original activations, that is ||F(x') - F(x)||_2 / sqrt(numel) per layer. The small constant
     * keeps the gradient finite when the two are equal.
     *
     * <p>The norm reads the difference once, and its backward is one scaling of it. Squaring and
     * averaging element-wise took two more passes forward and three more backward over the largest
     * activations of the step.
     */
    public static NDArray content(NDList edited, NDList original) {
        NDArray total = null;
        for (int i = 0; i < edited.size(); i++) {
            NDArray difference = edited.get(i).sub(original.get(i));
            NDArray rms =
                    Scalars.div(difference.norm().square(), difference.size()).add(1e-8f).sqrt();
            total = total == null ? rms : total.add(rms);
        }
        return Scalars.div(total, edited.size());
    }
}
