package org.latentnav.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import org.latentnav.edit.DirectionSet;
import org.latentnav.io.DigestFile;
import org.latentnav.model.InvalidModelException;
import org.latentnav.model.ModelFolder;

/**
 * A direction-training checkpoint in one {@link DigestFile}: a JSON header (configuration and
 * position), the direction parameters and the Adam state.
 */
public final class Checkpoint {
    public static final String FILE = "checkpoint.bin";
    private static final String MAGIC = "LATENTNAV-DIRECTIONS-CHECKPOINT-1";

    /** The JSON header. */
    public static final class Header {
        public DirectionTrainingConfig config;

        /** Number of finished epochs; training resumes at this epoch. */
        public int epochsDone;

        public long globalStep;
        public String generatorFingerprint;

        /** The regressor the run trains through, as its weight hash or id; null in older ones. */
        public String regressor;
    }

    private Checkpoint() {}

    public static void write(Path file, Header header, DirectionSet directions, AdamState adam)
            throws IOException {
        DigestFile.write(
                file,
                MAGIC,
                out -> {
                    writeJson(out, header);
                    directions.block().saveParameters(out);
                    adam.save(out);
                });
    }

    /** Reads the header after verifying the whole file. */
    public static Header readHeader(Path file) {
        try (DataInputStream in = DigestFile.open(file, MAGIC, "Checkpoint")) {
            return readJson(in, Header.class);
        } catch (IOException e) {
            throw new InvalidModelException(
                    "Checkpoint " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Restores directions and optimizer state; returns the header. */
    public static Header restore(
            Path file, DirectionSet directions, AdamState adam, NDManager manager) {
        try (DataInputStream in = DigestFile.open(file, MAGIC, "Checkpoint")) {
            Header header = readJson(in, Header.class);
            directions.block().loadParameters(manager, in);
            adam.load(in);
            return header;
        } catch (IOException | MalformedModelException e) {
            String why = e instanceof EOFException ? "it ends early" : e.getMessage();
            throw new InvalidModelException(
                    "Checkpoint "
                            + file
                            + " cannot be read: "
                            + why
                            + ". Delete it to restart the run.",
                    e);
        }
    }

    public static void writeJson(java.io.DataOutputStream out, Object value) throws IOException {
        byte[] json = ModelFolder.JSON.writeValueAsBytes(value);
        out.writeInt(json.length);
        out.write(json);
    }

    public static <T> T readJson(DataInputStream in, Class<T> type) throws IOException {
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        return ModelFolder.JSON.readValue(json, type);
    }
}
