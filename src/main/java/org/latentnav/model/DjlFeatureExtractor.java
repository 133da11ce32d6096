package org.latentnav.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.latentnav.nn.MemoryFormat;
import org.latentnav.nn.Vgg19Features;

/** A {@link FeatureExtractor} backed by the DJL {@link Vgg19Features} block. */
public final class DjlFeatureExtractor extends DjlModel implements FeatureExtractor {
    private final Vgg19Features net;
    private final ImageNormalization normalization;

    DjlFeatureExtractor(ModelCard card, Vgg19Features net, NDManager manager) {
        super(card, net, manager);
        this.net = net;
        this.normalization = ImageNormalization.fromId(card.normalization);
    }

    @Override
    public NDList features(NDArray images) {
        return net.features(store, MemoryFormat.channelsLast(normalization.apply(images)), false);
    }
}
