package org.latentnav.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.latentnav.io.AtomicFiles;
import picocli.CommandLine.Model.CommandSpec;

/** Checks of common option values, with messages that say what to use instead. */
final class OutputChecks {
    private OutputChecks() {}

    static void truncation(float psi) {
        if (!(psi > 0f && psi <= 1f)) {
            throw new IllegalArgumentException(
                    "Invalid --truncation " + psi + ": use a value in (0, 1], for example 0.7.");
        }
    }

    /**
     * Returns the index of an attribute that {@code option} names; an unknown name raises an error
     * that lists the set's attributes.
     */
    static int attribute(String option, String name, List<String> attributes) {
        int index = attributes.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(
                    "Unknown attribute '"
                            + name
                            + "' in "
                            + option
                            + ": the direction set has "
                            + attributes
                            + ".");
        }
        return index;
    }

    /** Rejects a list option that was given but names nothing, as {@code --hold ,} does. */
    static void namesGiven(CommandSpec spec, String option, List<String> names, String example) {
        if (names.isEmpty() && spec.commandLine().getParseResult().hasMatchedOption(option)) {
            throw new IllegalArgumentException(
                    option
                            + " was given without an attribute: name one or more, such as "
                            + option
                            + " "
                            + example
                            + ".");
        }
    }

    /**
     * Returns one flag per attribute, set for each attribute that {@code option} names. Names are
     * trimmed, and a name given twice sets its flag once.
     */
    static boolean[] attributeFlags(String option, List<String> names, List<String> attributes) {
        boolean[] flags = new boolean[attributes.size()];
        for (String name : names) {
            flags[attribute(option, name.trim(), attributes)] = true;
        }
        return flags;
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
        Path target = out.toAbsolutePath().normalize();
        List<Path> missing = new ArrayList<>();
        for (Path p = target; p != null && Files.notExists(p, LinkOption.NOFOLLOW_LINKS); ) {
            missing.add(0, p);
            p = p.getParent();
        }
        // Only folders that this call itself created are removed afterwards.
        List<Path> created = new ArrayList<>();
        try {
            for (Path p : missing) {
                try {
                    Files.createDirectory(p);
                    created.add(p);
                } catch (FileAlreadyExistsException e) {
                    // Another process made it meanwhile; it is not ours to remove.
                }
            }
            Path probe = Files.createTempFile(target, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(
                    "Cannot write to "
                            + option
                            + " "
                            + out
                            + " ("
                            + AtomicFiles.deepestMessage(e)
                            + "): pick a folder you can write to.",
                    e);
        } finally {
            for (int i = created.size() - 1; i >= 0; i--) {
                try {
                    Files.delete(created.get(i));
                } catch (IOException e) {
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
