package org.latentnav.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.latentnav.engine.Engines;
import org.latentnav.nn.GeneratorConfig;
import org.latentnav.nn.RegressorArchitecture;
import org.latentnav.nn.ResidualDiscriminator;
import org.latentnav.nn.StyleGan2Generator;
import org.latentnav.nn.Vgg19Features;

/** Creates freshly initialised models and loads model folders for each role. */
public final class Models {
    public static final String STYLEGAN2 = "stylegan2";
    public static final String RESIDUAL = "residual";

    private Models() {}

    private static NDManager newManager(Device device) {
        return Engines.pytorch().newBaseManager(device);
    }

    public static DjlGenerator newGenerator(GeneratorConfig config, Device device) {
        ModelCard card = new ModelCard();
        card.role = ModelRole.GENERATOR;
        card.architecture = STYLEGAN2;
        card.hyperParameters.putAll(config.toMap());
        card.latentSize = config.latentSize();
        card.numWs = config.numWs();
        card.resolution = config.resolution();
        return createGenerator(card, config, device, null);
    }

    public static DjlDiscriminator newDiscriminator(GeneratorConfig config, Device device) {
        ModelCard card = new ModelCard();
        card.role = ModelRole.DISCRIMINATOR;
        card.architecture = RESIDUAL;
        card.hyperParameters.putAll(config.toMap());
        card.resolution = config.resolution();
        return createDiscriminator(card, config, device, null);
    }

    /**
     * Creates a regressor with one output per attribute. {@code widthDivisor} only applies to
     * VGG-19 (1 for the standard widths).
     */
    public static DjlRegressor newRegressor(
            RegressorArchitecture architecture,
            int resolution,
            List<String> attributes,
            int widthDivisor,
            Device device) {
        ModelCard card = new ModelCard();
        card.role = ModelRole.REGRESSOR;
        card.architecture = architecture.id();
        card.resolution = resolution;
        card.attributes.addAll(attributes);
        card.normalization = ImageNormalization.IMAGENET.id();
        card.hyperParameters.put("outputs", attributes.size());
        card.hyperParameters.put("widthDivisor", widthDivisor);
        return createRegressor(card, device, null);
    }

    public static DjlFeatureExtractor newFeatureExtractor(
            int resolution, int widthDivisor, Device device) {
        ModelCard card = new ModelCard();
        card.role = ModelRole.FEATURES;
        card.architecture = RegressorArchitecture.VGG19.id();
        card.resolution = resolution;
        card.normalization = ImageNormalization.IMAGENET.id();
        card.hyperParameters.put("widthDivisor", widthDivisor);
        card.hyperParameters.put("layers", Vgg19Features.FEATURE_LAYERS);
        return createFeatures(card, device, null);
    }

    /**
     * Loads a generator folder: DJL parameters of the built-in StyleGAN2 generator, or TorchScript
     * modules when weights.format is "torchscript".
     */
    public static Generator loadGenerator(Path dir, Device device) {
        ModelCard card = readCard(dir, ModelRole.GENERATOR);
        if (TorchScriptFolder.isTorchScript(dir, card)) {
            return TorchScriptGenerator.load(dir, card, device);
        }
        requireArchitecture(dir, card, STYLEGAN2);
        GeneratorConfig config = generatorConfig(dir, card);
        return createGenerator(card, config, device, dir);
    }

    public static Discriminator loadDiscriminator(Path dir, Device device) {
        ModelCard card = readCard(dir, ModelRole.DISCRIMINATOR);
        if (TorchScriptFolder.isTorchScript(dir, card)) {
            return TorchScriptDiscriminator.load(dir, card, device);
        }
        requireArchitecture(dir, card, RESIDUAL);
        return createDiscriminator(card, generatorConfig(dir, card), device, dir);
    }

    public static AttributeRegressor loadRegressor(Path dir, Device device) {
        ModelCard card = readCard(dir, ModelRole.REGRESSOR);
        if (TorchScriptFolder.isTorchScript(dir, card)) {
            return TorchScriptRegressor.load(dir, card, device);
        }
        if (card.attributes == null || card.attributes.isEmpty()) {
            throw new InvalidModelException(
                    "Invalid model card " + cardPath(dir) + ": \"attributes\" is empty.");
        }
        Object outputs = card.hyperParameters.get("outputs");
        if (outputs instanceof Number && ((Number) outputs).intValue() != card.attributes.size()) {
            throw new InvalidModelException(
                    "Invalid model card "
                            + cardPath(dir)
                            + ": it lists "
                            + card.attributes.size()
                            + " attributes but the regressor head has "
                            + outputs
                            + " outputs. List exactly one attribute name per output.");
        }
        requireResolution(dir, card);
        return createRegressor(card, device, dir);
    }

    public static FeatureExtractor loadFeatureExtractor(Path dir, Device device) {
        ModelCard card = readCard(dir, ModelRole.FEATURES);
        if (TorchScriptFolder.isTorchScript(dir, card)) {
            return TorchScriptFeatureExtractor.load(dir, card, device);
        }
        requireArchitecture(dir, card, RegressorArchitecture.VGG19.id());
        requireResolution(dir, card);
        return createFeatures(card, device, dir);
    }

    private static DjlGenerator createGenerator(
            ModelCard card, GeneratorConfig config, Device device, Path dir) {
        NDManager manager = newManager(device);
        try {
            StyleGan2Generator net = new StyleGan2Generator(config);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, config.latentSize()));
            if (dir != null) {
                ModelFolder.loadWeights(dir, card, net, manager);
                // A loaded generator is only ever used frozen.
                net.freezeParameters(true);
                net.cacheFrozenTerms(manager);
            }
            return new DjlGenerator(card, net, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static DjlDiscriminator createDiscriminator(
            ModelCard card, GeneratorConfig config, Device device, Path dir) {
        NDManager manager = newManager(device);
        try {
            ResidualDiscriminator net = new ResidualDiscriminator(config);
            int r = config.resolution();
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, r, r));
            if (dir != null) {
                ModelFolder.loadWeights(dir, card, net, manager);
            }
            return new DjlDiscriminator(card, net, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static DjlRegressor createRegressor(ModelCard card, Device device, Path dir) {
        RegressorArchitecture architecture = RegressorArchitecture.fromId(card.architecture);
        int widthDivisor = intParameter(card, "widthDivisor", 1);
        NDManager manager = newManager(device);
        try {
            Block net = architecture.build(card.resolution, card.attributes.size(), widthDivisor);
            net.initialize(
                    manager, DataType.FLOAT32, new Shape(1, 3, card.resolution, card.resolution));
            DjlRegressor regressor = new DjlRegressor(card, net, manager);
            if (dir != null) {
                ModelFolder.loadWeights(dir, card, net, manager);
                // A loaded regressor is only ever used frozen: fold its BatchNorm layers.
                regressor.foldForInference();
            }
            return regressor;
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static DjlFeatureExtractor createFeatures(ModelCard card, Device device, Path dir) {
        NDManager manager = newManager(device);
        try {
            Vgg19Features net = new Vgg19Features(intParameter(card, "widthDivisor", 1), 0);
            net.initialize(
                    manager, DataType.FLOAT32, new Shape(1, 3, card.resolution, card.resolution));
            if (dir != null) {
                ModelFolder.loadWeights(dir, card, net, manager);
            }
            return new DjlFeatureExtractor(card, net, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    static ModelCard readCard(Path dir, ModelRole expected) {
        ModelCard card = ModelFolder.readCard(dir);
        if (card.role != expected) {
            throw new InvalidModelException(
                    "Model card "
                            + cardPath(dir)
                            + " describes a "
                            + card.role.id()
                            + " model, but a "
                            + expected.id()
                            + " was expected here. Pick a "
                            + expected.id()
                            + " folder.");
        }
        return card;
    }

    private static GeneratorConfig generatorConfig(Path dir, ModelCard card) {
        try {
            return GeneratorConfig.fromMap(card.hyperParameters);
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(
                    "Invalid model card " + cardPath(dir) + ": " + e.getMessage(), e);
        }
    }

    private static void requireArchitecture(Path dir, ModelCard card, String architecture) {
        if (!architecture.equals(card.architecture)) {
            throw new InvalidModelException(
                    "Model card "
                            + cardPath(dir)
                            + " has architecture '"
                            + card.architecture
                            + "'; this loader reads '"
                            + architecture
                            + "'. For TorchScript models set weights.format to torchscript.");
        }
    }

    private static void requireResolution(Path dir, ModelCard card) {
        if (card.resolution == null || card.resolution < 8) {
            throw new InvalidModelException(
                    "Invalid model card "
                            + cardPath(dir)
                            + ": \"resolution\" is missing or below 8.");
        }
    }

    /** Returns an integer hyper-parameter of the card, or {@code fallback} if absent. */
    public static int intParameter(ModelCard card, String key, int fallback) {
        Object value = card.hyperParameters.get(key);
        return value instanceof Number ? ((Number) value).intValue() : fallback;
    }

    static Path cardPath(Path dir) {
        return dir.resolve(ModelFolder.CARD_FILE);
    }

    /** Copies the convolution weights of a trained VGG-19 regressor into a feature extractor. */
    public static DjlFeatureExtractor featuresFrom(DjlRegressor vgg) {
        int widthDivisor = intParameter(vgg.card(), "widthDivisor", 1);
        DjlFeatureExtractor features =
                newFeatureExtractor(
                        vgg.resolution(),
                        widthDivisor,
                        vgg.block().getParameters().get(0).getValue().getArray().getDevice());
        Map<String, ai.djl.nn.Parameter> source = new java.util.HashMap<>();
        vgg.block().getParameters().forEach(p -> source.put(p.getKey(), p.getValue()));
        features.block()
                .getParameters()
                .forEach(
                        p ->
                                p.getValue()
                                        .getArray()
                                        .set(source.get(p.getKey()).getArray().toByteBuffer()));
        return features;
    }
}
