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
