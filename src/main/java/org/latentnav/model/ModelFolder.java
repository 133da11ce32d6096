package org.latentnav.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.latentnav.io.AtomicFiles;

/**
 * Reads and writes model folders: {@code model.json} (a {@link ModelCard}) beside the weights file
 * it names. Every check names the file and says what to do.
 */
public final class ModelFolder {
    public static final String CARD_FILE = "model.json";

    /** The card that {@link #save} writes before the weights and renames to model.json after. */
    static final String PENDING_CARD_FILE = "model.json.next";

    public static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFolder() {}

    /**
     * Returns whether the card's weights are a TorchScript file, as the loaders read its
     * weights.format (case and spaces ignored, missing means djl).
     *
     * @throws InvalidModelException for any other format
     */
    public static boolean isTorchScript(Path dir, ModelCard card) {
        return TorchScriptFolder.isTorchScript(dir, card);
    }

    public static ModelCard readCard(Path dir) {
        Path file = dir.resolve(CARD_FILE);
        Path pending = dir.resolve(PENDING_CARD_FILE);
        if (Files.isRegularFile(pending) && pendingMatches(dir, pending)) {
            file = pending;
        }
        if (Files.isRegularFile(dir)) {
            throw new InvalidModelException(
                    dir
                            + " is a file; give the model folder that holds model.json and the weights.");
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidModelException(
                    "Model folder not found: "
                            + dir
                            + ". Check the path or copy the folder there.");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidModelException(
                    "Model card not found: "
                            + file
                            + ". A model folder needs a model.json beside its weights.");
        }
        ModelCard card;
        try {
            card = JSON.readValue(file.toFile(), ModelCard.class);
        } catch (JsonProcessingException e) {
            throw new InvalidModelException(
                    "Invalid model card " + file + ": " + describe(e) + ".", e);
        } catch (IOException e) {
            throw new InvalidModelException("Cannot read model card " + file + ": " + e, e);
        }
        if (card.role == null) {
            throw new InvalidModelException(
                    "Invalid model card " + file + ": the field \"role\" is missing.");
        }
        if (card.formatVersion > ModelCard.FORMAT_VERSION) {
            throw new InvalidModelException(
                    "Model card "
                            + file
                            + " has format version "
                            + card.formatVersion
                            + "; this LatentNav reads up to "
                            + ModelCard.FORMAT_VERSION
                            + ". Update LatentNav.");
        }
        if (card.weights == null || card.weights.file == null) {
            throw new InvalidModelException(
                    "Invalid model card " + file + ": \"weights.file\" is missing.");
        }
        if (!insideFolder(card.weights.file)) {
            throw new InvalidModelException(
                    "Invalid model card "
                            + file
                            + ": \"weights.file\" is '"
                            + card.weights.file
                            + "', which is not a file inside the model folder. Name the weights"
                            + " file relative to the folder, such as weights.params.");
        }
        return card;
    }

    /** Serialises the parameters of an initialised block to bytes. */
    public static byte[] parameterBytes(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot serialise parameters in memory", e);
        }
        return bytes.toByteArray();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** True when {@code name} is a relative path that stays inside the folder it is resolved in. */
    private static boolean insideFolder(String name) {
        try {
            Path path = Path.of(name).normalize();
            return !path.isAbsolute() && !path.toString().isEmpty() && !path.startsWith("..");
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** Returns the fingerprint of a block's weights: the first 16 hex digits of their sha256. */
    public static String fingerprint(Block block) {
        return "sha256:" + sha256(parameterBytes(block)).substring(0, 16);
    }

    /**
     * Writes the block's parameters and the card into {@code dir}; the card's weight size and
     * sha256 are filled in. Each file is replaced atomically.
     */
    public static void save(Path dir, ModelCard card, Block block) throws IOException {
        byte[] bytes = parameterBytes(block);
        card.weights.format = "djl";
        card.weights.sha256 = sha256(bytes);
        card.weights.bytes = (long) bytes.length;
        Files.createDirectories(dir);
        // Card and weights are two files. So that a stop between two renames never leaves a card
        // beside weights it does not describe, the new card waits as model.json.next until the
        // new weights are in place, and readCard reads a waiting card that matches them.
        Path pending = dir.resolve(PENDING_CARD_FILE);
        AtomicFiles.writeBytes(pending, JSON.writeValueAsBytes(card));
        AtomicFiles.writeBytes(dir.resolve(card.weights.file), bytes);
        AtomicFiles.rename(pending, dir.resolve(CARD_FILE));
    }

    /** Replaces the card of a folder whose weights stay as they are. */
    public static void writeCard(Path dir, ModelCard card) throws IOException {
        Files.deleteIfExists(dir.resolve(PENDING_CARD_FILE));
        AtomicFiles.writeBytes(dir.resolve(CARD_FILE), JSON.writeValueAsBytes(card));
    }

    /**
     * Returns whether the card that {@link #save} left waiting describes the weights on disk. Then
     * the save replaced the weights and stopped before it renamed the card, so the waiting card is
     * the right one to read. Otherwise the weights were never replaced and model.json is still
     * correct. Readers change nothing here: a save may be running in another process, and taking
     * its file away would make it fail.
     */
    private static boolean pendingMatches(Path dir, Path pending) {
        try {
            ModelCard waiting = JSON.readValue(pending.toFile(), ModelCard.class);
            Path weights =
                    waiting.weights == null || waiting.weights.file == null
                            ? null
                            : dir.resolve(waiting.weights.file);
            return weights != null
                    && Files.isRegularFile(weights)
                    && waiting.weights.sha256 != null
                    && waiting.weights.sha256.equals(sha256(Files.readAllBytes(weights)));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Loads the weights named by the card into an initialised block after checking the sha256, then
     * checks that every parameter kept the shape the card's architecture implies.
     */
    public static void loadWeights(Path dir, ModelCard card, Block block, NDManager manager) {
        Path file = dir.resolve(card.weights.file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidModelException(
                    "Weights file not found: "
                            + file
                            + " (named in "
                            + dir.resolve(CARD_FILE)
                            + ").");
        } catch (IOException e) {
            throw new InvalidModelException("Cannot read weights " + file + ": " + e, e);
        }
        if (card.weights.bytes != null && card.weights.bytes != bytes.length) {
            throw new InvalidModelException(
                    "Weights file "
                            + file
                            + " has "
                            + bytes.length
                            + " bytes but model.json expects "
                            + card.weights.bytes
                            + ": the file is truncated or was replaced. Copy the model folder again.");
        }
        if (card.weights.sha256 != null && !card.weights.sha256.equals(sha256(bytes))) {
            throw new InvalidModelException(
                    "Weights file "
                            + file
                            + " does not match the sha256 in model.json: the file is corrupt or"
                            + " belongs to another model. Copy the model folder again.");
        }
        Map<String, Shape> expected = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            expected.put(p.getKey(), p.getValue().getArray().getShape());
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            block.loadParameters(manager, in);
        } catch (EOFException e) {
            boolean checked = card.weights.sha256 != null || card.weights.bytes != null;
            throw new InvalidModelException(
                    checked
                            ? "Weights file "
                                    + file
                                    + " is intact but holds fewer values than the network that"
                                    + " model.json describes: check the card's sizes (such as"
                                    + " resolution, latentSize, channel counts) against the"
                                    + " weights."
                            : "Weights file "
                                    + file
                                    + " ends early: it is truncated, or model.json describes a"
                                    + " larger network. Copy the model folder again.",
                    e);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new InvalidModelException(
                    "Weights file "
                            + file
                            + " cannot be read as "
                            + card.architecture
                            + ": "
                            + e.getMessage(),
                    e);
        }
        for (Pair<String, Parameter> p : block.getParameters()) {
            Shape want = expected.get(p.getKey());
            Shape got = p.getValue().getArray().getShape();
            if (!got.equals(want)) {
                throw new InvalidModelException(
                        "Weights file "
                                + file
                                + ": parameter "
                                + p.getKey()
                                + " has shape "
                                + got
                                + " but model.json describes a model that needs "
                                + want
                                + ". Check hyperParameters and attributes in model.json.");
            }
        }
    }

    /**
     * Describes a JSON error in the card's terms: the field, the line and column, and Jackson's
     * reason without Java class names.
     */
    static String describe(JsonProcessingException e) {
        StringBuilder out = new StringBuilder();
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            out.append("field \"");
            for (com.fasterxml.jackson.databind.JsonMappingException.Reference r :
                    mapping.getPath()) {
                if (r.getFieldName() != null) {
                    out.append(out.charAt(out.length() - 1) == '"' ? "" : ".");
                    out.append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    out.append('[').append(r.getIndex()).append(']');
                }
            }
            out.append("\": ");
        }
        String reason = e.getOriginalMessage() == null ? "unreadable JSON" : e.getOriginalMessage();
        // "`org.latentnav.model.ModelRole`" reads better as "ModelRole".
        out.append(reason.replaceAll("`(?:[a-z0-9_]+\\.)+([A-Za-z0-9_$]+)`", "$1"));
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            out.append(" (line ")
                    .append(e.getLocation().getLineNr())
                    .append(", column ")
                    .append(e.getLocation().getColumnNr())
                    .append(')');
        }
        return out.toString();
    }
}
