package org.latentnav.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.latentnav.model.InvalidModelException;

/**
 * A binary file that starts with a magic line and ends with the SHA-256 of everything before it. It
 * is written atomically, and reading verifies the digest first, so a truncated or altered file is
 * rejected before any of it is used.
 */
public final class DigestFile {
    private static final int DIGEST_BYTES = 32;

    private DigestFile() {}

    /** Writer of the body that follows the magic line. */
    @FunctionalInterface
    public interface Body {
        void writeTo(DataOutputStream out) throws IOException;
    }

    public static void write(Path file, String magic, Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(magic(magic));
            body.writeTo(out);
        }
        byte[] content = bytes.toByteArray();
        byte[] digest = sha256(content);
        AtomicFiles.write(
                file,
                out -> {
                    out.write(content);
                    out.write(digest);
                });
    }

    /** Verifies the file and returns a stream positioned after the magic line. */
    public static DataInputStream open(Path file, String magic, String what) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidModelException(what + " not found: " + file + ".");
        }
        byte[] all = Files.readAllBytes(file);
        byte[] expected = magic(magic);
        if (all.length < expected.length + DIGEST_BYTES
                || !Arrays.equals(Arrays.copyOf(all, expected.length), expected)) {
            throw new InvalidModelException(
                    what
                            + " "
                            + file
                            + " is truncated or not a LatentNav "
                            + what.toLowerCase()
                            + " ("
                            + all.length
                            + " bytes). Delete it to start again.");
        }
        byte[] content = Arrays.copyOf(all, all.length - DIGEST_BYTES);
        if (!Arrays.equals(sha256(content), Arrays.copyOfRange(all, content.length, all.length))) {
            throw new InvalidModelException(
                    what
                            + " "
                            + file
                            + " is truncated or corrupt (its SHA-256 does not match)."
                            + " Delete it to start again, or restore it from a backup.");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(content));
        in.skipNBytes(expected.length);
        return in;
    }

    private static byte[] magic(String magic) {
        return (magic + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
