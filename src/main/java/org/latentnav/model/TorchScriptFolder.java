package org.latentnav.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Checks of TorchScript model folders shared by the four roles: the module map, the files and their
 * digests, the attribute names, and the probe inputs and outputs. Every problem raises an {@link
 * InvalidModelException} that names the card or file and the value to change.
 */
final class TorchScriptFolder {
    static final String FORMAT = "torchscript";
    static final String DJL_FORMAT = "djl";

    /** Batch size of the probe forward pass run when a folder is loaded. */
    static final int PROBE_BATCH = 2;

    private TorchScriptFolder() {}

    /** Returns whether the card's weights are TorchScript; rejects unknown formats. */
    static boolean isTorchScript(Path dir, ModelCard card) {
        String format = card.weights.format == null ? DJL_FORMAT : card.weights.format.trim();
        if (format.equalsIgnoreCase(FORMAT)) {
            return true;
        }
        if (format.equalsIgnoreCase(DJL_FORMAT)) {
            return false;
        }
        throw invalid(dir, "weights.format is '" + format + "'; use djl or torchscript.");
    }

    static InvalidModelException invalid(Path dir, String problem) {
        return new InvalidModelException(
                "Invalid model card " + Models.cardPath(dir) + ": " + problem);
    }

    /**
     * Returns the file of each module named in the card's {@code torchscript} map, checking that
     * the keys form one of {@code layouts}.
     */
    static Map<String, Path> moduleFiles(Path dir, ModelCard card, List<List<String>> layouts) {
        Map<String, String> modules = card.torchscript;
        List<String> described = new ArrayList<>();
        for (List<String> layout : layouts) {
            described.add("{" + String.join(", ", layout) + "}");
        }
        if (modules == null || modules.isEmpty()) {
            throw invalid(
                    dir,
                    "weights.format is torchscript but the \"torchscript\" map of module files is"
                            + " missing. Name the files of "
                            + String.join(" or ", described)
                            + ".");
        }
        boolean matches =
                layouts.stream()
                        .anyMatch(
                                l -> l.size() == modules.size() && modules.keySet().containsAll(l));
        if (!matches) {
            throw invalid(
                    dir,
                    "the \"torchscript\" map names the modules "
                            + modules.keySet()
                            + "; a "
                            + card.role.id()
                            + " needs "
                            + String.join(" or ", described)
                            + ".");
        }
        Map<String, Path> files = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : modules.entrySet()) {
            files.put(
                    entry.getKey(),
                    resolve(dir, entry.getValue(), "torchscript." + entry.getKey()));
        }
        return files;
    }

    /** Resolves a file named by the card, which must stay inside the model folder. */
    static Path resolve(Path dir, String name, String field) {
        if (name == null || name.isBlank()) {
            throw invalid(dir, "\"" + field + "\" names no file.");
        }
        Path file = dir.resolve(name).normalize();
        if (!file.startsWith(dir.normalize())) {
            throw invalid(dir, "\"" + field + "\" (" + name + ") points outside the model folder.");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidModelException(
                    "File not found: "
                            + file
                            + " (named by \""
                            + field
                            + "\" in "
                            + Models.cardPath(dir)
                            + ").");
        }
        return file;
    }

    /**
     * Checks each file against the size and sha256 listed for it in weights.files. Files not listed
     * there are not checked. Returns a fingerprint of the files' contents: the first 16 hex digits
     * of the sha256 of their sorted names and digests.
     */
    static String verifyFiles(Path dir, ModelCard card, List<Path> files) {
        Map<String, ModelCard.FileDigest> expected =
                card.weights.files == null ? Map.of() : card.weights.files;
        Map<String, String> digests = new TreeMap<>();
        for (Path file : files) {
            String name = dir.normalize().relativize(file).toString();
            String sha256 = sha256(file);
            ModelCard.FileDigest digest = expected.get(name);
            if (digest != null) {
                checkDigest(dir, file, digest, sha256);
            }
            digests.put(name, sha256);
        }
        StringBuilder text = new StringBuilder();
        digests.forEach(
                (name, sha256) -> text.append(name).append(' ').append(sha256).append('\n'));
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        return "sha256:" + ModelFolder.sha256(bytes).substring(0, 16);
    }

    private static void checkDigest(
            Path dir, Path file, ModelCard.FileDigest digest, String sha256) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new InvalidModelException("Failed to read " + file + ": " + e, e);
        }
        if (digest.bytes != null && digest.bytes != size) {
            throw new InvalidModelException(
                    "File "
                            + file
                            + " has "
                            + size
                            + " bytes but "
                            + Models.cardPath(dir)
                            + " expects "
                            + digest.bytes
                            + ": the file is truncated or was replaced. Copy the model folder again.");
        }
        if (digest.sha256 != null && !digest.sha256.equalsIgnoreCase(sha256)) {
            throw new InvalidModelException(
                    "File "
                            + file
                            + " does not match the sha256 in "
                            + Models.cardPath(dir)
                            + ": the file is corrupt or belongs to another model. Copy the model"
                            + " folder again.");
        }
    }

    private static String sha256(Path file) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new InvalidModelException("Failed to read " + file + ": " + e, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Returns the attribute names: from {@code attributesFile} if set (then {@code attributes}, if
     * also set, must be the same list), else {@code attributes}.
     */
    static List<String> attributes(Path dir, ModelCard card) {
        List<String> listed = card.attributes == null ? List.of() : card.attributes;
        if (card.attributesFile == null) {
            if (listed.isEmpty()) {
                throw invalid(dir, "neither \"attributes\" nor \"attributesFile\" is set.");
            }
            return listed.stream().map(String::trim).toList();
        }
        Path file = resolve(dir, card.attributesFile, "attributesFile");
        List<String> names = AttributeNames.read(file);
        if (!listed.isEmpty() && !listed.stream().map(String::trim).toList().equals(names)) {
            throw invalid(
                    dir,
                    "\"attributes\" "
                            + listed
                            + " differs from the names in "
                            + file
                            + " "
                            + names
                            + ". Remove one of the two.");
        }
        return names;
    }

    /** Returns a required positive integer field of the card. */
    static int requirePositive(Path dir, Integer value, String field) {
        if (value == null || value < 1) {
            throw invalid(dir, "\"" + field + "\" is missing or below 1.");
        }
        return value;
    }

    /** Returns probe latents [B, m] drawn from N(0, I) with a fixed seed. */
    static NDArray probeLatents(NDManager manager, int latentSize) {
        SplittableRandom random = new SplittableRandom(20210503L);
        float[] values = new float[PROBE_BATCH * latentSize];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, new Shape(PROBE_BATCH, latentSize));
    }

    /** Returns probe images [B, 3, R, R] drawn uniformly from [-1, 1] with a fixed seed. */
    static NDArray probeImages(NDManager manager, int resolution) {
        SplittableRandom random = new SplittableRandom(20210504L);
        float[] values = new float[PROBE_BATCH * 3 * resolution * resolution];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return manager.create(values, new Shape(PROBE_BATCH, 3, resolution, resolution));
    }

    /** Rejects a probe output of another shape than {@code expected} or with non-finite values. */
    static void checkOutput(TorchScriptModule module, NDArray output, Shape expected, String hint) {
        if (!output.getShape().equals(expected)) {
            throw new InvalidModelException(
                    "TorchScript module '"
                            + module.key()
                            + "' ("
                            + module.file()
                            + ") returned shape "
                            + output.getShape()
                            + " for the probe, expected "
                            + expected
                            + ". "
                            + hint);
        }
        checkFinite(module, output);
    }

    static void checkFinite(TorchScriptModule module, NDArray output) {
        boolean finite;
        try (NDArray infinite = output.isInfinite();
                NDArray nan = output.isNaN();
                NDArray bad = infinite.logicalOr(nan);
                NDArray any = bad.any()) {
            finite = !any.getBoolean();
        }
        if (!finite) {
            throw new InvalidModelException(
                    "TorchScript module '"
                            + module.key()
                            + "' ("
                            + module.file()
                            + ") returned NaN or infinite values for the probe input.");
        }
    }

    /** Loads each module file, closing those already loaded if one fails. */
    static Map<String, TorchScriptModule> loadModules(Map<String, Path> files, Device device) {
        Map<String, TorchScriptModule> modules = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Path> entry : files.entrySet()) {
                modules.put(
                        entry.getKey(),
                        TorchScriptModule.load(entry.getKey(), entry.getValue(), device));
            }
            return modules;
        } catch (RuntimeException e) {
            modules.values().forEach(TorchScriptModule::close);
            throw e;
        }
    }
}
