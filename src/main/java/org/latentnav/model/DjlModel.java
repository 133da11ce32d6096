package org.latentnav.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** Common state of a model whose weights live in a DJL block. */
abstract class DjlModel implements AutoCloseable {
    protected final ModelCard card;
    protected final Block block;
    protected final NDManager manager;
    protected final ParameterStore store;
    protected final Device device;

    DjlModel(ModelCard card, Block block, NDManager manager) {
        this.card = card;
        this.block = block;
        this.manager = manager;
        this.device = manager.getDevice();
        this.store = new ParameterStore(manager, false);
    }

    public ModelCard card() {
        return card;
    }

    public Block block() {
        return block;
    }

    @Override
    public void close() {
        manager.close();
    }
}
