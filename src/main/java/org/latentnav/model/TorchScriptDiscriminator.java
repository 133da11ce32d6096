package org.latentnav.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@link Discriminator} backed by a TorchScript module that maps images [B, 3, R, R] to realness
 * logits [B] or [B, 1].
 */
public final class TorchScriptDiscriminator extends TorchScriptModel implements Discriminator {
    static final String KEY = "discriminator";

    private TorchScriptDiscriminator(ModelCard card, TorchScriptModule module) {
        super(card, module);
    }

    static TorchScriptDiscriminator load(Path dir, ModelCard card, Device device) {
        TorchScriptModule module = loadModule(dir, card, KEY, List.of(), device);
        try {
            TorchScriptDiscriminator discriminator = new TorchScriptDiscriminator(card, module);
            discriminator.probe();
            return discriminator;
        } catch (RuntimeException e) {
            module.close();
            throw e;
        }
    }

    private void probe() {
        try (NDManager probe = module.newSubManager()) {
            NDArray logits = logits(TorchScriptFolder.probeImages(probe, resolution));
            TorchScriptFolder.checkOutput(
                    module,
                    logits,
                    new Shape(TorchScriptFolder.PROBE_BATCH),
                    "A discriminator returns one logit per image, [B] or [B, 1].");
        }
    }

    /** Returns logits [B]; a [B, 1] output is flattened. */
    @Override
    public NDArray logits(NDArray images) {
        NDArray out = run(images).singletonOrThrow();
        Shape shape = out.getShape();
        if (shape.dimension() == 2 && shape.get(1) == 1) {
            return out.reshape(shape.get(0));
        }
        return out;
    }
}
