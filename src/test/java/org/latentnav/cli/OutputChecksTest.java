package org.latentnav.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run-folder check creates nothing that stays and removes nothing it did not create. */
class OutputChecksTest {
    @TempDir Path dir;

    @Test
    void writableCheckLeavesNoNewFolders() {
        Path out = dir.resolve("a/b/c");
        OutputChecks.writableFolder("--out", out);
        assertFalse(Files.exists(dir.resolve("a")));
    }

    @Test
    void writableCheckKeepsExistingFolders() throws IOException {
        Path existing = Files.createDirectories(dir.resolve("runs/x"));
        OutputChecks.writableFolder("--out", dir.resolve("new/../runs/x"));
        assertTrue(Files.isDirectory(existing));
        assertFalse(Files.exists(dir.resolve("new")));
    }

    @Test
    void danglingLinkIsReportedAndKept() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("runs"), dir.resolve("unmounted"));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> OutputChecks.writableFolder("--out", link.resolve("gan")));
        assertTrue(e.getMessage().startsWith("Cannot write to --out"), e.getMessage());
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void fileIsRejected() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> OutputChecks.writableFolder("--out", file));
        assertTrue(e.getMessage().contains("is a file"), e.getMessage());
    }
}
