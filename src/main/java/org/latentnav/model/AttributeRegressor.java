package org.latentnav.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import java.util.List;

/**
 * An attribute regressor R: images [B, 3, R, R] in [-1, 1] to N attribute logits; sigmoid of a
 * logit is the attribute value in [0, 1]. Any input normalisation happens inside the model.
 */
public interface AttributeRegressor extends AutoCloseable {
    List<String> attributes();

    int resolution();

    /** Returns logits [B, N] in the order of {@link #attributes()}. */
    NDArray logits(NDArray images);

    /** Returns attribute values [B, N] in [0, 1]. */
    default NDArray predict(NDArray images) {
        return logits(images).getNDArrayInternal().sigmoid();
    }

    /**
     * Returns the penultimate features [B, D] (the input of the output layer), used for Frechet
     * distances between image sets.
     *
     * @throws UnsupportedOperationException if this regressor does not expose them
     */
    default NDArray penultimate(NDArray images) {
        throw new UnsupportedOperationException(
                "This regressor does not expose its penultimate features.");
    }

    ModelCard card();

    Block block();

    @Override
    void close();
}
