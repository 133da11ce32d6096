package org.latentnav.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Checks of common option values, with messages that say what to use instead. */
final class OutputChecks {
    private OutputChecks() {}

    static void truncation(float psi) {
        if (!(psi > 0f && psi <= 1f)) {
            throw new IllegalArgumentException(
                    "Invalid --truncation " + psi + ": use a value in (0, 1], for example 0.7.");
        }
    }

    /** Rejects a whole-number option below {@code min}. */
    static void atLeast(String option, int value, int min, String reason) {
        if (value < min) {
            throw new IllegalArgumentException(
                    "Invalid "
                            + option
                            + " "
                            + value
                            + ": use "
                            + min
                            + " or more ("
                            + reason
                            + ").");
        }
    }

    /**
     * Checks that files can be written in the run folder {@code out} before any data is loaded.
     * Folders it creates for the check are removed again, so a run rejected later leaves none.
     */
    static void writableFolder(String option, Path out) {
        if (Files.isRegularFile(out)) {
            throw new IllegalArgumentException(
                    option + " " + out + " is a file: give a folder for the run's outputs.");
        }
        java.util.List<Path> created = new java.util.ArrayList<>();
        try {
            for (Path p = out.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
                created.add(0, p);
            }
            Files.createDirectories(out);
            Path probe = Files.createTempFile(out, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (java.io.IOException | SecurityException e) {
            throw new IllegalArgumentException(
                    "Cannot write to "
                            + option
                            + " "
                            + out
                            + " ("
                            + org.latentnav.io.AtomicFiles.deepestMessage(e)
                            + "): pick a folder you can write to.",
                    e);
        } finally {
            for (int i = created.size() - 1; i >= 0; i--) {
                try {
                    Files.deleteIfExists(created.get(i));
                } catch (java.io.IOException e) {
                    break;
                }
            }
        }
    }

    static void scale(int scale) {
        if (scale < 1 || scale > 64) {
            throw new IllegalArgumentException(
                    "Invalid --scale " + scale + ": use a whole number from 1 to 64.");
        }
    }

    /** Rejects an output that is a folder or not named .png before any work starts. */
    static void pngFile(Path out) {
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException(
                    "--out "
                            + out
                            + " is a folder: give a file name such as "
                            + out.resolve("face.png")
                            + ".");
        }
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new IllegalArgumentException(
                    "--out " + out + " must end in .png: LatentNav writes PNG images.");
        }
    }
}
