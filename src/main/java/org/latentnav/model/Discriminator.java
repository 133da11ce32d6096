package org.latentnav.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;

/** A discriminator D: images [B, 3, R, R] in [-1, 1] to realness logits [B]. */
public interface Discriminator extends AutoCloseable {
    NDArray logits(NDArray images);

    int resolution();

    ModelCard card();

    Block block();

    @Override
    void close();
}
