package org.latentnav.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.latentnav.edit.DirectionSet;
import org.latentnav.model.InvalidModelException;
import org.latentnav.model.ModelFolder;

/** Locates the shipped models folder. */
public final class ModelPaths {
    public static final String GENERATOR = "generator";
    public static final String DISCRIMINATOR = "discriminator";
    public static final String REGRESSOR_RESNET = "regressor-resnet50";
    public static final String REGRESSOR_MOBILENET = "regressor-mobilenetv2";
    public static final String FEATURES = "features-vgg19";
    public static final String JUDGE = "regressor-vgg19";
    public static final String DIRECTIONS = "directions-mobilenetv2";

    private ModelPaths() {}

    /**
     * Returns the models folder: the {@code LATENTNAV_MODELS} variable, else {@code ./models}, else
     * {@code models} beside the folder that holds the application jar.
     */
    public static Path modelsDir() {
        String env = System.getenv("LATENTNAV_MODELS");
        if (env != null && !env.isBlank()) {
            return Paths.get(env);
        }
        Path local = Paths.get("models");
        if (Files.isDirectory(local)) {
            return local;
        }
        try {
            Path jar =
                    Paths.get(
                            ModelPaths.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
            Path candidate = jar.getParent().getParent().resolve("models");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        } catch (Exception e) {
            // Fall through to the relative default.
        }
        return local;
    }

    /**
     * Returns {@code given} if set, else the shipped model folder {@code name}.
     *
     * @throws InvalidModelException if {@code given} is null and the models folder has no such
     *     model
     */
    public static Path orDefault(Path given, String name) {
        if (given != null) {
            return given;
        }
        Path folder = model(name);
        if (!Files.isRegularFile(folder.resolve(ModelFolder.CARD_FILE))) {
            throw new InvalidModelException(
                    "No model '"
                            + name
                            + "' in the models folder "
                            + modelsDir().toAbsolutePath()
                            + ". The models folder is LATENTNAV_MODELS if set, else ./models, else"
                            + " the models folder beside the application; set LATENTNAV_MODELS or"
                            + " pass the model's folder with its option.");
        }
        return folder;
    }

    /**
     * Returns the folder name of the regressor that a direction set was trained through when {@code
     * modelsDir} has it, else the MobileNetV2 regressor's name.
     */
    public static String trainingRegressor(DirectionSet set, Path modelsDir) {
        String id = set.regressorId();
        if (id != null
                && Files.isRegularFile(modelsDir.resolve(id).resolve(ModelFolder.CARD_FILE))) {
            return id;
        }
        return REGRESSOR_MOBILENET;
    }

    public static Path model(String name) {
        return modelsDir().resolve(name);
    }
}
