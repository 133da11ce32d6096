package org.latentnav.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads attribute names from a text file. A file whose first line is a single integer is a CelebA
 * {@code list_attr_celeba.txt}: its second line lists the names, separated by spaces. Any other
 * file has one name per line. Names are trimmed, and blank lines are skipped.
 */
public final class AttributeNames {
    private AttributeNames() {}

    public static List<String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidModelException(
                    "Failed to read attribute names from " + file + ": " + e, e);
        }
        List<String> nonBlank = new ArrayList<>();
        for (String line : lines) {
            String trimmed = line.replace("\uFEFF", "").trim();
            if (!trimmed.isEmpty()) {
                nonBlank.add(trimmed);
            }
        }
        List<String> names;
        if (nonBlank.size() >= 2 && nonBlank.get(0).matches("\\d+")) {
            names = List.of(nonBlank.get(1).split("\\s+"));
        } else {
            names = perLine(file, nonBlank);
        }
        if (names.isEmpty()) {
            throw new InvalidModelException("Attribute names file " + file + " is empty.");
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new InvalidModelException(
                        "Attribute names file " + file + " lists '" + name + "' twice.");
            }
        }
        return names;
    }

    private static List<String> perLine(Path file, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches(".*\\s.*")) {
                throw new InvalidModelException(
                        "Attribute names file "
                                + file
                                + ": '"
                                + lines.get(i)
                                + "' contains whitespace. Put one name per line, or use a CelebA"
                                + " list_attr_celeba.txt whose second line lists the names.");
            }
        }
        return List.copyOf(lines);
    }
}
