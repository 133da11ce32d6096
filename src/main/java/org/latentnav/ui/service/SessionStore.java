package org.latentnav.ui.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.latentnav.io.AtomicFiles;

/** Reads and writes {@link SessionFile}s; reading checks every field and names the problem. */
public final class SessionStore {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A session file that cannot be used; the message names the file and the problem. */
    public static final class InvalidSessionException extends Exception {
        public InvalidSessionException(String message) {
            super(message);
        }

        public InvalidSessionException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Writes a session atomically: a reader sees the old file or the complete new one. */
    public void write(Path file, SessionFile session) throws IOException {
        AtomicFiles.writeBytes(file, JSON.writeValueAsBytes(session));
    }

    /** Reads and checks a session file. */
    public SessionFile read(Path file) throws InvalidSessionException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidSessionException("Session file not found: " + file + ".");
        }
        SessionFile session;
        try {
            session = JSON.readValue(file.toFile(), SessionFile.class);
        } catch (JsonProcessingException e) {
            throw new InvalidSessionException(
                    "Invalid session file " + file + ": " + e.getOriginalMessage() + ".", e);
        } catch (IOException e) {
            throw new InvalidSessionException("Cannot read session file " + file + ": " + e, e);
        }
        if (session == null) {
            throw new InvalidSessionException("Invalid session file " + file + ": it is empty.");
        }
        check(file, session);
        return session;
    }

    private static void check(Path file, SessionFile session) throws InvalidSessionException {
        String prefix = "Invalid session file " + file + ": ";
        if (session.formatVersion > SessionFile.FORMAT_VERSION) {
            throw new InvalidSessionException(
                    "Session file "
                            + file
                            + " has format version "
                            + session.formatVersion
                            + "; this LatentNav reads up to "
                            + SessionFile.FORMAT_VERSION
                            + ". Update LatentNav.");
        }
        checkReference(prefix, "generator", session.generator);
        checkReference(prefix, "directions", session.directions);
        checkReference(prefix, "regressor", session.regressor);
        if (session.z == null || session.z.length == 0) {
            throw new InvalidSessionException(prefix + "the latent \"z\" is missing or empty.");
        }
        for (int i = 0; i < session.z.length; i++) {
            if (!Float.isFinite(session.z[i])) {
                throw new InvalidSessionException(
                        prefix + "z[" + i + "] is " + session.z[i] + ", not a finite number.");
            }
        }
        if (!(session.truncation > 0 && session.truncation <= 1)) {
            throw new InvalidSessionException(
                    prefix + "truncation " + session.truncation + " is outside (0, 1].");
        }
        Set<String> seen = new HashSet<>();
        for (SessionFile.Slider slider : session.sliders) {
            if (slider == null || slider.attribute == null || slider.attribute.isBlank()) {
                throw new InvalidSessionException(prefix + "a slider has no attribute name.");
            }
            if (!(slider.epsilon >= -1 && slider.epsilon <= 1)) {
                throw new InvalidSessionException(
                        prefix
                                + "slider "
                                + slider.attribute
                                + " has epsilon "
                                + slider.epsilon
                                + "; use a value in [-1, 1].");
            }
            if (!seen.add(slider.attribute)) {
                throw new InvalidSessionException(
                        prefix + "attribute " + slider.attribute + " has two sliders.");
            }
        }
    }

    private static void checkReference(String prefix, String role, SessionFile.ModelReference ref)
            throws InvalidSessionException {
        if (ref == null || ref.id == null || ref.id.isBlank()) {
            throw new InvalidSessionException(prefix + "the " + role + " id is missing.");
        }
    }
}
