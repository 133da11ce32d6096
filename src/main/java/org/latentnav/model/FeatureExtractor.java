package org.latentnav.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;

/**
 * A feature extractor F for the content loss: images in [-1, 1] to a list of activation maps (for
 * VGG-19: conv1_2, conv2_2, conv3_2, conv4_2).
 */
public interface FeatureExtractor extends AutoCloseable {
    NDList features(NDArray images);

    ModelCard card();

    Block block();

    @Override
    void close();
}
