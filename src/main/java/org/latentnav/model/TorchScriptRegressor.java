package org.latentnav.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link AttributeRegressor} backed by a TorchScript module that maps normalised images [B, 3,
 * R, R] to one logit per attribute, [B, N]. The attribute names come from the card's {@code
 * attributes} or {@code attributesFile}.
 */
public final class TorchScriptRegressor extends TorchScriptModel implements AttributeRegressor {
    static final String KEY = "regressor";

    private final List<String> attributes;

    private TorchScriptRegressor(
            ModelCard card, TorchScriptModule module, List<String> attributes) {
        super(card, module);
        this.attributes = List.copyOf(attributes);
    }

    static TorchScriptRegressor load(Path dir, ModelCard card, Device device) {
        List<String> attributes = TorchScriptFolder.attributes(dir, card);
        List<Path> extra = new ArrayList<>();
        if (card.attributesFile != null) {
            extra.add(TorchScriptFolder.resolve(dir, card.attributesFile, "attributesFile"));
        }
        TorchScriptModule module = loadModule(dir, card, KEY, extra, device);
        try {
            TorchScriptRegressor regressor = new TorchScriptRegressor(card, module, attributes);
            regressor.probe(dir);
            return regressor;
        } catch (RuntimeException e) {
            module.close();
            throw e;
        }
    }

    private void probe(Path dir) {
        try (NDManager probe = module.newSubManager()) {
            NDArray logits = logits(TorchScriptFolder.probeImages(probe, resolution));
            Shape shape = logits.getShape();
            if (shape.dimension() == 2
                    && shape.get(0) == TorchScriptFolder.PROBE_BATCH
                    && shape.get(1) != attributes.size()) {
                throw new InvalidModelException(
                        "TorchScript module '"
                                + KEY
                                + "' ("
                                + module.file()
                                + ") returns "
                                + shape.get(1)
                                + " logits per image but "
                                + Models.cardPath(dir)
                                + " names "
                                + attributes.size()
                                + " attributes"
                                + (card.attributesFile != null
                                        ? " (from " + card.attributesFile + ")"
                                        : "")
                                + ". Name exactly one attribute per output, in output order.");
            }
            TorchScriptFolder.checkOutput(
                    module,
                    logits,
                    new Shape(TorchScriptFolder.PROBE_BATCH, attributes.size()),
                    "A regressor returns logits [B, N], one per attribute.");
        }
    }

    @Override
    public List<String> attributes() {
        return attributes;
    }

    @Override
    public NDArray logits(NDArray images) {
        return run(images).singletonOrThrow();
    }
}
