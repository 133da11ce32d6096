package org.latentnav.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.latentnav.edit.DirectionSet;
import org.latentnav.io.AtomicFiles;
import org.latentnav.model.InvalidModelException;
import org.latentnav.model.ModelFolder;

/**
 * A direction-training checkpoint in one file: a magic line, a JSON header (configuration and
 * position), the direction parameters, the Adam state, and a SHA-256 of everything before it.
 * The file is replaced atomically, and a truncated or altered file fails the digest check.
 */
public final class Checkpoint {
    public static final String FILE = "checkpoint.bin";
    private static final byte[] MAGIC = "LATENTNAV-CHECKPOINT-1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST_BYTES = 32;

    /** The JSON header. */
    public static final class Header {
        public DirectionTrainingConfig config;
        /** Number of finished epochs; training resumes at this epoch. */
        public int epochsDone;
        public long globalStep;
        public String generatorFingerprint;
    }

    private Checkpoint() {}

    public static void write(Path file, Header header, DirectionSet directions, AdamState adam)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            byte[] json = ModelFolder.JSON.writeValueAsBytes(header);
            out.writeInt(json.length);
            out.write(json);
            directions.block().saveParameters(out);
            adam.save(out);
        }
        byte[] body = bytes.toByteArray();
        byte[] digest = sha256(body);
        AtomicFiles.write(
                file,
                out -> {
                    out.write(body);
                    out.write(digest);
                });
    }

    /** Reads only the header, after verifying the whole file. */
    public static Header readHeader(Path file) {
        try (DataInputStream in = open(file)) {
            return header(file, in);
        } catch (IOException e) {
            throw corrupt(file, e);
        }
    }

    /** Restores directions and optimizer state; returns the header. */
    public static Header restore(Path file, DirectionSet directions, AdamState adam, NDManager manager) {
        try (DataInputStream in = open(file)) {
            Header header = header(file, in);
            directions.block().loadParameters(manager, in);
            adam.load(in);
            return header;
        } catch (IOException | MalformedModelException e) {
            throw corrupt(file, e);
        }
    }

    private static Header header(Path file, DataInputStream in) throws IOException {
        int length = in.readInt();
        byte[] json = new byte[length];
        in.readFully(json);
        return ModelFolder.JSON.readValue(json, Header.class);
    }

    private static DataInputStream open(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < MAGIC.length + DIGEST_BYTES
                || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new InvalidModelException(
                    "Checkpoint "
                            + file
                            + " is not a LatentNav checkpoint or is truncated ("
                            + all.length
                            + " bytes). Delete it to start the run again.");
        }
        byte[] body = Arrays.copyOf(all, all.length - DIGEST_BYTES);
        byte[] digest = Arrays.copyOfRange(all, all.length - DIGEST_BYTES, all.length);
        if (!Arrays.equals(sha256(body), digest)) {
            throw new InvalidModelException(
                    "Checkpoint "
                            + file
                            + " is truncated or corrupt (its SHA-256 does not match). Delete it"
                            + " to restart the run, or restore it from a backup.");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        in.skipNBytes(MAGIC.length);
        return in;
    }

    private static InvalidModelException corrupt(Path file, Exception e) {
        if (e instanceof InvalidModelException) {
            return (InvalidModelException) e;
        }
        String why = e instanceof EOFException ? "it ends early" : e.getMessage();
        return new InvalidModelException(
                "Checkpoint " + file + " cannot be read: " + why + ". Delete it to restart the run.", e);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
