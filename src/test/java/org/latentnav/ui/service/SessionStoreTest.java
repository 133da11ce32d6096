package org.latentnav.ui.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionStoreTest {
    @TempDir Path dir;
    private final SessionStore store = new SessionStore();

    private static SessionFile session() {
        SessionFile session = new SessionFile();
        session.generator = new SessionFile.ModelReference("generator", "abc", "sha256:01");
        session.directions = new SessionFile.ModelReference("directions", "def", null);
        session.regressor = new SessionFile.ModelReference("regressor", "123", null);
        session.seed = 42L;
        session.z = new float[] {0.5f, -1.25f, 3f};
        session.truncation = 0.6f;
        session.sliders.add(new SessionFile.Slider("Smiling", 0.4, false));
        session.sliders.add(new SessionFile.Slider("Age", -0.2, true));
        return session;
    }

    @Test
    void roundTripKeepsEveryField() throws Exception {
        Path file = dir.resolve("session.json");
        store.write(file, session());

        SessionFile read = store.read(file);
        assertEquals("generator", read.generator.id);
        assertEquals("abc", read.generator.sha256);
        assertEquals("def", read.directions.sha256);
        assertEquals(42L, read.seed);
        assertArrayEquals(new float[] {0.5f, -1.25f, 3f}, read.z);
        assertEquals(0.6f, read.truncation);
        assertEquals("Age", read.sliders.get(1).attribute);
        assertEquals(-0.2, read.sliders.get(1).epsilon);
        assertTrue(read.sliders.get(1).held);
    }

    @Test
    void writeLeavesNoTemporaryFile() throws Exception {
        store.write(dir.resolve("a.json"), session());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "missing z | \"z\" | \"y\" | the latent \"z\" is missing",
                "epsilon out of range | \"epsilon\" : 0.4 | \"epsilon\" : 1.5 | epsilon 1.5",
                "truncation zero | \"truncation\" : 0.6 | \"truncation\" : 0 | truncation 0.0",
                "missing generator id | \"id\" : \"generator\" | \"id\" : \"\" | generator id",
                "newer format | \"formatVersion\" : 1 | \"formatVersion\" : 9 | Update LatentNav",
                "duplicate slider | \"Age\" | \"Smiling\" | two sliders",
                "not json | { | [ | Invalid session file"
            })
    void invalidFileIsRejected(String name, String from, String to, String expected)
            throws Exception {
        Path file = dir.resolve("bad.json");
        store.write(file, session());
        String json = Files.readString(file).replaceAll("\\s*:\\s*", " : ");
        String pattern = from.replaceAll("\\s*:\\s*", " : ");
        assertTrue(json.contains(pattern), "test setup: " + pattern + " in " + json);
        Files.writeString(file, json.replaceFirst(java.util.regex.Pattern.quote(pattern), to));

        SessionStore.InvalidSessionException e =
                assertThrows(SessionStore.InvalidSessionException.class, () -> store.read(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void missingFileIsRejected() {
        Path file = dir.resolve("none.json");
        SessionStore.InvalidSessionException e =
                assertThrows(SessionStore.InvalidSessionException.class, () -> store.read(file));
        assertTrue(e.getMessage().startsWith("Session file not found"), e.getMessage());
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Path file = dir.resolve("empty.json");
        Files.writeString(file, "");
        assertThrows(SessionStore.InvalidSessionException.class, () -> store.read(file));
    }
}
