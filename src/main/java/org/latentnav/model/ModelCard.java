package org.latentnav.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON description stored as {@code model.json} next to a model's weights: what the model is,
 * the shapes it expects, the sha256 of its weights, and how it was made. Field names are the JSON
 * keys.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ModelCard {
    public static final int FORMAT_VERSION = 1;

    public int formatVersion = FORMAT_VERSION;
    public ModelRole role;

    /** Short identifier shown in pickers, for example {@code regressor-mobilenetv2}. */
    public String id;

    public String name;
    public String description;

    /** Builder name, for example {@code stylegan2}, {@code resnet50} or {@code global}. */
    public String architecture;

    public Map<String, Object> hyperParameters = new LinkedHashMap<>();

    /** Latent space that directions act on: {@code z}, {@code w} or {@code w+}. */
    public String latentSpace;

    public Integer latentSize;
    public Integer numWs;
    public Integer resolution;
    public List<String> attributes = new ArrayList<>();

    /** How the model maps its [-1, 1] input images before the first layer. */
    public String normalization;

    public Weights weights = new Weights();

    /** Fingerprint of this model (generators) or of the generator it was trained for. */
    public String fingerprint;

    public String generatorFingerprint;
    public Provenance provenance = new Provenance();

    /** Measured quality figures, for example validation MSE or Frechet distance. */
    public Map<String, Object> quality = new LinkedHashMap<>();

    // Fields of TorchScript model folders, whose weights.format is "torchscript". The file
    // docs/real-models.md describes them with an example.

    /**
     * TorchScript file of each module, relative to the model folder: {@code generator}, or {@code
     * mapping} and {@code synthesis}, for generators; {@code discriminator}, {@code regressor} or
     * {@code features} for the other roles.
     */
    public Map<String, String> torchscript;

    /** Range [low, high] of a generator's images, mapped linearly to [-1, 1]; default [-1, 1]. */
    public List<Double> outputRange;

    /**
     * Attribute names file, relative to the model folder: one name per line, or a CelebA
     * list_attr_celeba.txt whose second line lists the names.
     */
    public String attributesFile;

    /** A .npy file with the mean w [m] of a generator's mapping network, for truncation. */
    public String wAverage;

    /** The weights file of a model folder. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Weights {
        /** File name relative to the model folder. */
        public String file = "weights.params";

        /** Format: {@code djl} (DJL parameters) or {@code torchscript}. */
        public String format = "djl";

        public String sha256;
        public Long bytes;

        /** Size and sha256 of each file of a TorchScript model folder, keyed by file name. */
        public Map<String, FileDigest> files;
    }

    /** The expected size and sha256 of one file. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class FileDigest {
        public String sha256;
        public Long bytes;
    }

    /** Where a model came from. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Provenance {
        public String data;
        public String command;
        public Integer epochs;
        public Long imagesSeen;
        public Double hours;
        public String created;
        public String notes;
    }
}
