package org.latentnav.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.latentnav.model.ModelFolder;

/** Latent vectors from a seed or from a JSON file of the form {@code {"z": [...]}}. */
public final class Latents {
    /**
     * Largest magnitude accepted: far above real latents and far below 1.8e19, where squaring a
     * float in the generator's pixel norm overflows.
     */
    static final double MAX_ABS = 1e6;

    private static final com.fasterxml.jackson.databind.ObjectMapper LENIENT =
            com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    .enable(
                            com.fasterxml.jackson.core.json.JsonReadFeature
                                    .ALLOW_NON_NUMERIC_NUMBERS)
                    .build();

    private Latents() {}

    /** Draws z ~ N(0, I) of the given size from a seed; the same seed gives the same z. */
    public static float[] fromSeed(long seed, int size) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] z = new float[size];
        for (int i = 0; i < size; i++) {
            z[i] = (float) random.nextGaussian();
        }
        return z;
    }

    /** Reads a latent file and checks its length and values. */
    public static float[] read(Path file, int size) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Latent file not found: " + file + ".");
        }
        JsonNode root;
        try {
            // NaN and Infinity parse here so that the check below can name the value.
            root = LENIENT.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var where = e.getLocation();
            String position =
                    where == null
                            ? ""
                            : " (line "
                                    + where.getLineNr()
                                    + ", column "
                                    + where.getColumnNr()
                                    + ")";
            throw new IllegalArgumentException(
                    "Latent file "
                            + file
                            + " is not valid JSON"
                            + position
                            + ". Expected {\"z\": ["
                            + size
                            + " numbers]}.",
                    e);
        }
        JsonNode z = root == null ? null : root.get("z");
        if (z == null || !z.isArray()) {
            throw new IllegalArgumentException(
                    "Latent file " + file + " needs an array field \"z\" of " + size + " numbers.");
        }
        if (z.size() != size) {
            throw new IllegalArgumentException(
                    "Latent file "
                            + file
                            + " has "
                            + z.size()
                            + " values but the generator needs "
                            + size
                            + ".");
        }
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            JsonNode v = z.get(i);
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                throw invalidValue(file, i, v, "is not a finite number.");
            }
            if (Math.abs(v.asDouble()) > MAX_ABS) {
                throw invalidValue(
                        file,
                        i,
                        v,
                        "is too large: values above "
                                + MAX_ABS
                                + " overflow the generator's normalisation, and latent values are"
                                + " normally within -5 to 5.");
            }
            out[i] = (float) v.asDouble();
        }
        return out;
    }

    private static IllegalArgumentException invalidValue(
            Path file, int index, JsonNode value, String problem) {
        return new IllegalArgumentException(
                "Latent file " + file + ": value " + index + " (" + value + ") " + problem);
    }

    public static void write(Path file, float[] z) throws IOException {
        var node = ModelFolder.JSON.createObjectNode();
        var array = node.putArray("z");
        for (float v : z) {
            array.add(v);
        }
        org.latentnav.io.AtomicFiles.writeBytes(file, ModelFolder.JSON.writeValueAsBytes(node));
    }
}
