package org.latentnav.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.latentnav.nn.StyleGan2Generator;

/** A {@link Generator} backed by the DJL {@link StyleGan2Generator} block. */
public final class DjlGenerator extends DjlModel implements Generator {
    private final StyleGan2Generator net;
    private final String fingerprint;

    DjlGenerator(ModelCard card, StyleGan2Generator net, NDManager manager) {
        super(card, net, manager);
        this.net = net;
        this.fingerprint =
                card.fingerprint != null ? card.fingerprint : ModelFolder.fingerprint(net);
    }

    public StyleGan2Generator net() {
        return net;
    }

    @Override
    public int latentSize() {
        return net.config().latentSize();
    }

    @Override
    public int numWs() {
        return net.config().numWs();
    }

    @Override
    public int resolution() {
        return net.config().resolution();
    }

    @Override
    public NDArray mapping(NDArray z) {
        return net.mapping(store, z, false);
    }

    @Override
    public NDArray synthesis(NDArray wPlus) {
        return net.synthesis(store, wPlus, false);
    }

    @Override
    public NDArray wAverage(NDArray like) {
        return net.wAverage(store, like);
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }
}
