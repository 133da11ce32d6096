package org.latentnav.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Common state of the TorchScript models that read images (discriminator, regressor, features): one
 * module, the card's input normalisation and its resolution.
 */
abstract class TorchScriptModel implements AutoCloseable {
    protected final ModelCard card;
    protected final TorchScriptModule module;
    protected final ImageNormalization normalization;
    protected final int resolution;

    TorchScriptModel(ModelCard card, TorchScriptModule module) {
        this.card = card;
        this.module = module;
        this.normalization = ImageNormalization.fromId(card.normalization);
        this.resolution = card.resolution;
    }

    /**
     * Checks the card's module map, resolution and files, and loads the one module {@code key}.
     * Extra files (such as an attribute names file) are verified with the module.
     */
    static TorchScriptModule loadModule(
            Path dir, ModelCard card, String key, List<Path> extraFiles, Device device) {
        Map<String, Path> files = TorchScriptFolder.moduleFiles(dir, card, List.of(List.of(key)));
        TorchScriptFolder.requirePositive(dir, card.resolution, "resolution");
        ImageNormalization.fromId(card.normalization);
        List<Path> checked = new ArrayList<>(files.values());
        checked.addAll(extraFiles);
        TorchScriptFolder.verifyFiles(dir, card, checked);
        return TorchScriptModule.load(key, files.get(key), device);
    }

    /** Normalises images from [-1, 1] with the card's normalization and runs the module. */
    protected NDList run(NDArray images) {
        return module.forward(normalization.apply(images));
    }

    public ModelCard card() {
        return card;
    }

    /** Returns the module's {@link ai.djl.pytorch.engine.PtSymbolBlock}. */
    public Block block() {
        return module.block();
    }

    public int resolution() {
        return resolution;
    }

    @Override
    public void close() {
        module.close();
    }
}
