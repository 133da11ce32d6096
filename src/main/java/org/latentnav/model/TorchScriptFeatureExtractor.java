package org.latentnav.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@link FeatureExtractor} backed by a TorchScript module that maps normalised images to a tuple
 * of activation maps [B, C, H, W], for VGG-19 those after conv1_2, conv2_2, conv3_2 and conv4_2.
 * When the card lists names in {@code hyperParameters.layers}, the module must return that many
 * maps.
 */
public final class TorchScriptFeatureExtractor extends TorchScriptModel
        implements FeatureExtractor {
    static final String KEY = "features";

    private TorchScriptFeatureExtractor(ModelCard card, TorchScriptModule module) {
        super(card, module);
    }

    static TorchScriptFeatureExtractor load(Path dir, ModelCard card, Device device) {
        TorchScriptModule module = loadModule(dir, card, KEY, List.of(), device);
        try {
            TorchScriptFeatureExtractor features = new TorchScriptFeatureExtractor(card, module);
            features.probe(dir);
            return features;
        } catch (RuntimeException e) {
            module.close();
            throw e;
        }
    }

    private void probe(Path dir) {
        try (NDManager probe = module.newSubManager()) {
            NDList maps = features(TorchScriptFolder.probeImages(probe, resolution));
            Object layers = card.hyperParameters.get("layers");
            if (layers instanceof List && ((List<?>) layers).size() != maps.size()) {
                throw new InvalidModelException(
                        "TorchScript module '"
                                + KEY
                                + "' ("
                                + module.file()
                                + ") returns "
                                + maps.size()
                                + " feature maps but "
                                + Models.cardPath(dir)
                                + " names "
                                + layers
                                + " in hyperParameters.layers.");
            }
            for (NDArray map : maps) {
                if (map.getShape().dimension() != 4
                        || map.getShape().get(0) != TorchScriptFolder.PROBE_BATCH) {
                    throw new InvalidModelException(
                            "TorchScript module '"
                                    + KEY
                                    + "' ("
                                    + module.file()
                                    + ") returns a map of shape "
                                    + map.getShape()
                                    + " for "
                                    + TorchScriptFolder.PROBE_BATCH
                                    + " images; each map must be [B, C, H, W].");
                }
                TorchScriptFolder.checkFinite(module, map);
            }
        }
    }

    @Override
    public NDList features(NDArray images) {
        return run(images);
    }
}
