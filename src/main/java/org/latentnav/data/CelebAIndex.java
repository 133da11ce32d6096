package org.latentnav.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed label files of a CelebA-format folder: {@code list_attr_celeba.txt} (a count line, a
 * line of attribute names, then one row per image of 1 / -1 values), optional {@code
 * list_eval_partition.txt} and optional soft scores in {@code list_attr_soft.txt}. Columns may be
 * separated by runs of spaces or tabs, names may carry trailing spaces and lines may end in CRLF,
 * as in the files distributed with CelebA.
 */
public final class CelebAIndex {
    public static final String ATTRIBUTES = "list_attr_celeba.txt";
    public static final String PARTITION = "list_eval_partition.txt";
    public static final String SOFT = "list_attr_soft.txt";

    private final Path root;
    private final Path imageDir;
    private final List<String> attributeNames;
    private final List<String> images = new ArrayList<>();
    private final List<float[]> labels = new ArrayList<>();
    private final Map<String, Integer> partition = new HashMap<>();

    private CelebAIndex(Path root, Path imageDir, List<String> attributeNames) {
        this.root = root;
        this.imageDir = imageDir;
        this.attributeNames = attributeNames;
    }

    /**
     * Reads the label files of {@code root}; images live in {@code img/} or {@code
     * img_align_celeba/}.
     */
    public static CelebAIndex read(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new DatasetException("Dataset folder not found: " + root + ".");
        }
        Path imageDir = root.resolve("img");
        if (!Files.isDirectory(imageDir)) {
            imageDir = root.resolve("img_align_celeba");
        }
        if (!Files.isDirectory(imageDir)) {
            throw new DatasetException(
                    "No image folder in " + root + ": expected img/ or img_align_celeba/.");
        }
        Path attrFile = root.resolve(ATTRIBUTES);
        if (!Files.exists(attrFile)) {
            // Without labels the folder still serves GAN training, which uses images only.
            CelebAIndex index = new CelebAIndex(root, imageDir, List.of());
            index.listImages();
            index.readPartition();
            return index;
        }
        List<String> lines = readLines(attrFile);
        if (lines.size() < 2) {
            throw new DatasetException(
                    attrFile + " needs a count line and an attribute-name line.");
        }
        int count;
        try {
            count = Integer.parseInt(lines.get(0).trim());
        } catch (NumberFormatException e) {
            throw new DatasetException(
                    attrFile
                            + " line 1: expected the image count, found '"
                            + lines.get(0).trim()
                            + "'.");
        }
        List<String> names = List.of(lines.get(1).trim().split("\\s+"));
        CelebAIndex index = new CelebAIndex(root, imageDir, names);
        for (int i = 2; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cols = line.split("\\s+");
            if (cols.length != names.size() + 1) {
                throw new DatasetException(
                        attrFile
                                + " line "
                                + (i + 1)
                                + ": expected an image name and "
                                + names.size()
                                + " values, found "
                                + (cols.length - 1)
                                + " values.");
            }
            float[] row = new float[names.size()];
            for (int k = 0; k < row.length; k++) {
                row[k] = parseLabel(cols[k + 1], attrFile, i + 1);
            }
            index.images.add(cols[0]);
            index.labels.add(row);
        }
        if (index.images.size() != count) {
            throw new DatasetException(
                    attrFile
                            + " declares "
                            + count
                            + " images on line 1 but lists "
                            + index.images.size()
                            + ". Regenerate the file or fix the count.");
        }
        index.readPartition();
        return index;
    }

    /** Indexes the image files of a folder without a label file, by name, with no labels. */
    private void listImages() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(imageDir)) {
            files.filter(Files::isRegularFile)
                    .map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("(?i).+\\.(png|jpe?g)"))
                    .sorted()
                    .forEach(
                            name -> {
                                images.add(name);
                                labels.add(new float[0]);
                            });
        }
        if (images.isEmpty()) {
            throw new DatasetException(
                    "No images in "
                            + imageDir
                            + " and no "
                            + ATTRIBUTES
                            + " in "
                            + root
                            + ": add PNG or JPEG files.");
        }
    }

    private static float parseLabel(String value, Path file, int line) {
        if (value.equals("1")) {
            return 1f;
        }
        if (value.equals("-1") || value.equals("0")) {
            return 0f;
        }
        throw new DatasetException(
                file + " line " + line + ": invalid label '" + value + "', expected 1 or -1.");
    }

    private void readPartition() throws IOException {
        Path file = root.resolve(PARTITION);
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines = readLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cols = line.split("\\s+");
            if (cols.length != 2) {
                throw new DatasetException(
                        file + " line " + (i + 1) + ": expected 'name partition'.");
            }
            try {
                partition.put(cols[0], Integer.parseInt(cols[1]));
            } catch (NumberFormatException e) {
                throw new DatasetException(
                        file + " line " + (i + 1) + ": invalid partition '" + cols[1] + "'.");
            }
        }
        if (partition.size() != images.size()) {
            throw new DatasetException(
                    file
                            + " lists "
                            + partition.size()
                            + " images but "
                            + (attributeNames.isEmpty()
                                    ? imageDir + " holds "
                                    : ATTRIBUTES + " lists ")
                            + images.size()
                            + ".");
        }
    }

    private static List<String> readLines(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException("Label file not found: " + file + ".");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).replace("\r", "");
        return List.of(text.split("\n", -1));
    }

    /** Returns the column of each name, or throws naming the unknown ones. */
    public int[] columns(List<String> wanted) {
        int[] cols = new int[wanted.size()];
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            cols[i] = attributeNames.indexOf(wanted.get(i).trim());
            if (cols[i] < 0) {
                unknown.add(wanted.get(i));
            }
        }
        if (!unknown.isEmpty() && attributeNames.isEmpty()) {
            throw new DatasetException(
                    root
                            + " has no "
                            + ATTRIBUTES
                            + ", so it has no attribute labels for "
                            + unknown
                            + ". Add that file (a count line, a line of attribute names, then a"
                            + " name and a 1 or -1 per attribute for each image); only GAN"
                            + " training reads a folder without it.");
        }
        if (!unknown.isEmpty()) {
            throw new DatasetException(
                    "Unknown attribute(s) "
                            + unknown
                            + " in "
                            + root.resolve(ATTRIBUTES)
                            + "; it has "
                            + attributeNames
                            + ".");
        }
        return cols;
    }

    /** Returns the row numbers in {@code split}; without a partition file every row is TRAIN. */
    public List<Integer> rows(Split split) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            int p = partition.getOrDefault(images.get(i), 0);
            if (split.contains(p)) {
                out.add(i);
            }
        }
        return out;
    }

    public Path root() {
        return root;
    }

    public Path imageDir() {
        return imageDir;
    }

    public List<String> attributeNames() {
        return attributeNames;
    }

    public int size() {
        return images.size();
    }

    public String image(int row) {
        return images.get(row);
    }

    public float[] labels(int row) {
        return labels.get(row);
    }
}
