package org.latentnav.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Record;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentnav.engine.Engines;

class CelebADatasetTest {
    static final Path SAMPLE = Path.of("resources/avatar-sample");

    @TempDir Path dir;

    @Test
    void sampleSplitsAndLabelsLoad() throws IOException {
        List<String> names = List.of("Smiling", "Eyeglasses", "Male");
        int total = 0;
        for (Split split : List.of(Split.TRAIN, Split.VALIDATION, Split.TEST)) {
            CelebADataset set =
                    CelebADataset.builder()
                            .root(SAMPLE)
                            .split(split)
                            .attributes(names)
                            .resolution(32)
                            .build();
            set.prepare(null);
            total += set.size();
            assertEquals(names, set.attributes());
        }
        assertEquals(300, total);

        CelebADataset train =
                CelebADataset.builder()
                        .root(SAMPLE)
                        .attributes(names)
                        .resolution(32)
                        .cache(true)
                        .build();
        train.prepare(null);
        assertEquals(240, train.size());
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            Record record = train.get(manager, 0);
            assertEquals(new Shape(3, 32, 32), record.getData().head().getShape());
            float[] pixels = record.getData().head().toFloatArray();
            for (float p : pixels) {
                assertTrue(p >= -1f && p <= 1f, "pixel " + p);
            }
            float[] labels = record.getLabels().head().toFloatArray();
            for (float l : labels) {
                assertTrue(l == 0f || l == 1f, "label " + l);
            }
        }
    }

    @Test
    void cachedAndUncachedImagesAgree() throws IOException {
        CelebADataset plain = CelebADataset.builder().root(SAMPLE).resolution(64).build();
        CelebADataset cached =
                CelebADataset.builder().root(SAMPLE).resolution(64).cache(true).build();
        cached.prepare(null);
        assertArrayEquals(plain.image(3), cached.image(3), 1e-6f);
    }

    /** Writes a CelebA-style fixture: JPEGs, CRLF lines, runs of spaces, trailing spaces. */
    private Path celebaFixture(int images, String countLine) throws IOException {
        Path root = dir.resolve("celeba");
        Files.createDirectories(root.resolve("img_align_celeba"));
        StringBuilder attrs = new StringBuilder(countLine + "\r\n");
        attrs.append("5_o_Clock_Shadow Arched_Eyebrows Smiling Eyeglasses \r\n");
        StringBuilder partition = new StringBuilder();
        for (int i = 1; i <= images; i++) {
            String name = String.format("%06d.jpg", i);
            BufferedImage img = new BufferedImage(178, 218, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(i % 2 == 0 ? Color.RED : Color.BLUE);
            g.fillRect(0, 0, 178, 218);
            g.dispose();
            ImageIO.write(img, "jpg", root.resolve("img_align_celeba").resolve(name).toFile());
            String smile = i % 2 == 0 ? " 1" : "-1";
            attrs.append(name).append("  -1  1 ").append(smile).append(" -1\r\n");
            partition.append(name).append(' ').append(i <= images - 1 ? 0 : 2).append("\r\n");
        }
        Files.writeString(root.resolve("list_attr_celeba.txt"), attrs, StandardCharsets.US_ASCII);
        Files.writeString(
                root.resolve("list_eval_partition.txt"), partition, StandardCharsets.US_ASCII);
        return root;
    }

    @Test
    void realCelebaLayoutWithJpegAndCrlfLoads() throws IOException {
        Path root = celebaFixture(4, "4");
        CelebADataset set =
                CelebADataset.builder()
                        .root(root)
                        .attributes(List.of("Smiling ", "Eyeglasses"))
                        .resolution(16)
                        .build();
        set.prepare(null);
        assertEquals(3, set.size());
        assertArrayEquals(new float[] {0f, 0f}, set.labels(0));
        assertArrayEquals(new float[] {1f, 0f}, set.labels(1));
        float[] red = set.image(1);
        assertTrue(
                red[0] > 0.8f && red[16 * 16] < -0.8f,
                "red channel " + red[0] + ", green " + red[256]);
        CelebADataset test =
                CelebADataset.builder().root(root).split(Split.TEST).resolution(16).build();
        assertEquals(1, test.size());
        assertEquals("000004.jpg", test.imageName(0));
    }

    @Test
    void unknownAttributeIsNamed() throws IOException {
        Path root = celebaFixture(2, "2");
        DatasetException e =
                assertThrows(
                        DatasetException.class,
                        () ->
                                CelebADataset.builder()
                                        .root(root)
                                        .attributes(List.of("Smiling", "Blue_Eyes"))
                                        .build());
        assertTrue(e.getMessage().contains("Blue_Eyes"), e.getMessage());
    }

    @Test
    void countMismatchIsReported() throws IOException {
        Path root = celebaFixture(2, "5");
        DatasetException e =
                assertThrows(
                        DatasetException.class, () -> CelebADataset.builder().root(root).build());
        assertTrue(e.getMessage().contains("declares 5 images"), e.getMessage());
    }

    @Test
    void shortRowIsReportedWithLine() throws IOException {
        Path root = celebaFixture(2, "2");
        Path attrs = root.resolve("list_attr_celeba.txt");
        Files.writeString(
                attrs,
                Files.readString(attrs).replace("000002.jpg  -1  1  1 -1", "000002.jpg  -1  1"));
        DatasetException e =
                assertThrows(
                        DatasetException.class, () -> CelebADataset.builder().root(root).build());
        assertTrue(e.getMessage().contains("line 4"), e.getMessage());
        assertTrue(e.getMessage().contains("found 2 values"), e.getMessage());
    }

    @Test
    void missingImageIsNamed() throws IOException {
        Path root = celebaFixture(3, "3");
        Files.delete(root.resolve("img_align_celeba/000002.jpg"));
        CelebADataset set = CelebADataset.builder().root(root).build();
        DatasetException e = assertThrows(DatasetException.class, () -> set.prepare(null));
        assertTrue(e.getMessage().contains("000002.jpg"), e.getMessage());
    }

    @Test
    void folderWithoutLabelsServesImagesOnly() throws IOException {
        Path root = celebaFixture(3, "3");
        Files.delete(root.resolve("list_attr_celeba.txt"));
        Files.delete(root.resolve("list_eval_partition.txt"));
        Files.writeString(root.resolve("img_align_celeba/notes.txt"), "not an image");
        CelebADataset set = CelebADataset.builder().root(root).resolution(16).build();
        set.prepare(null);
        assertEquals(3, set.size());
        assertEquals(List.of(), set.attributes());
        assertEquals("000001.jpg", set.imageName(0));
        DatasetException e =
                assertThrows(
                        DatasetException.class,
                        () ->
                                CelebADataset.builder()
                                        .root(root)
                                        .attributes(List.of("Smiling"))
                                        .build());
        assertTrue(e.getMessage().contains("has no list_attr_celeba.txt"), e.getMessage());
    }
}
