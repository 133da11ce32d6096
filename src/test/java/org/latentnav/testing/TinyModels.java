package org.latentnav.testing;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import java.util.List;
import org.latentnav.engine.Engines;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.DjlDiscriminator;
import org.latentnav.model.DjlFeatureExtractor;
import org.latentnav.model.DjlGenerator;
import org.latentnav.model.DjlRegressor;
import org.latentnav.model.ModelCard;
import org.latentnav.model.Models;
import org.latentnav.nn.GeneratorConfig;
import org.latentnav.nn.RegressorArchitecture;
import org.latentnav.nn.Scalars;

/** Small randomly initialised models that keep unit tests fast. */
public final class TinyModels {
    public static final GeneratorConfig CONFIG = new GeneratorConfig(16, 2, 16, 64, 16);
    public static final List<String> ATTRIBUTES = List.of("Red", "Green");

    private TinyModels() {}

    public static DjlGenerator generator(long seed) {
        Engines.pytorch().setRandomSeed((int) seed);
        return Models.newGenerator(CONFIG, Device.cpu());
    }

    public static DjlDiscriminator discriminator(long seed) {
        Engines.pytorch().setRandomSeed((int) seed);
        return Models.newDiscriminator(CONFIG, Device.cpu());
    }

    public static DjlRegressor vggRegressor(long seed) {
        Engines.pytorch().setRandomSeed((int) seed);
        return Models.newRegressor(
                RegressorArchitecture.VGG19, CONFIG.resolution(), ATTRIBUTES, 16, Device.cpu());
    }

    public static DjlFeatureExtractor features(long seed) {
        Engines.pytorch().setRandomSeed((int) seed);
        return Models.newFeatureExtractor(CONFIG.resolution(), 16, Device.cpu());
    }

    /**
     * A fixed differentiable regressor whose attributes are known functions of the image: "Red" is
     * sigmoid(gain * mean red value) and "Green" is sigmoid(gain * mean green value).
     */
    public static AttributeRegressor channelMeans(float gain) {
        ModelCard card = new ModelCard();
        card.id = "channel-means";
        card.attributes.addAll(ATTRIBUTES);
        Block block = new LambdaBlock(list -> list);
        return new AttributeRegressor() {
            @Override
            public List<String> attributes() {
                return ATTRIBUTES;
            }

            @Override
            public int resolution() {
                return CONFIG.resolution();
            }

            @Override
            public NDArray logits(NDArray images) {
                NDArray rg = images.get(new NDIndex(":, 0:2"));
                // Scalars keeps the gain alive for the backward pass, unlike DJL's mul(Number).
                return Scalars.mul(
                        rg.reshape(rg.getShape().get(0), 2, -1).mean(new int[] {2}), gain);
            }

            @Override
            public ModelCard card() {
                return card;
            }

            @Override
            public Block block() {
                return block;
            }

            @Override
            public void close() {}
        };
    }

    /** Returns a copy of every parameter value of a block, keyed by parameter name. */
    public static java.util.Map<String, float[]> snapshot(Block block) {
        java.util.Map<String, float[]> values = new java.util.LinkedHashMap<>();
        block.getParameters()
                .forEach(p -> values.put(p.getKey(), p.getValue().getArray().toFloatArray()));
        return values;
    }

    public static NDList unused() {
        return new NDList();
    }
}
