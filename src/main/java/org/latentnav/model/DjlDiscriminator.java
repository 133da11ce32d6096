package org.latentnav.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.latentnav.nn.MemoryFormat;
import org.latentnav.nn.ResidualDiscriminator;

/** A {@link Discriminator} backed by the DJL {@link ResidualDiscriminator} block. */
public final class DjlDiscriminator extends DjlModel implements Discriminator {
    private final ResidualDiscriminator net;

    DjlDiscriminator(ModelCard card, ResidualDiscriminator net, NDManager manager) {
        super(card, net, manager);
        this.net = net;
    }

    public ResidualDiscriminator net() {
        return net;
    }

    @Override
    public NDArray logits(NDArray images) {
        return net.logits(store, MemoryFormat.channelsLast(images), false);
    }

    @Override
    public int resolution() {
        return net.config().resolution();
    }
}
