package org.latentnav.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir Path dir;

    @Test
    void failedWriteKeepsPreviousFileAndLeavesNoTemporary() throws IOException {
        Path file = dir.resolve("session.json");
        AtomicFiles.writeBytes(file, "old".getBytes());
        // A writer that fails half-way, as a full disk would.
        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                AtomicFiles.write(
                                        file,
                                        out -> {
                                            out.write("new and partial".getBytes());
                                            throw new IOException("No space left on device");
                                        }));
        assertTrue(e.getMessage().startsWith("Cannot write " + file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertEquals("old", Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void failedWriteNamesTheInnermostReason() throws IOException {
        Path file = dir.resolve("face.png");
        // ImageIO reports a full disk this way: a generic message around the system's reason.
        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                AtomicFiles.write(
                                        file,
                                        out -> {
                                            throw new javax.imageio.IIOException(
                                                    "I/O error writing PNG file!",
                                                    new IOException("No space left on device"));
                                        }));
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void successfulWriteReplacesFile() throws IOException {
        Path file = dir.resolve("a.bin");
        AtomicFiles.writeBytes(file, new byte[] {1, 2});
        AtomicFiles.writeBytes(file, new byte[] {3});
        assertEquals(1, Files.size(file));
    }

    @Test
    void newFileIsReadableByOthers() throws IOException {
        Path file = dir.resolve("face.png");
        AtomicFiles.writeBytes(file, new byte[] {1});
        assertEquals(
                "rw-r--r--",
                java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(file)));
    }

    @Test
    void missingParentFolderIsCreated() throws IOException {
        Path file = dir.resolve("a/b/c.txt");
        AtomicFiles.writeBytes(file, "x".getBytes());
        assertEquals("x", Files.readString(file));
    }
}
