package org.latentnav.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.latentnav.io.Images;

/**
 * A DJL dataset over a CelebA-format folder (LatentNav's avatar faces or real CelebA). Each record
 * is an image [3, R, R] in [-1, 1] (centre-cropped to a square and resized to R) and the chosen
 * attributes as 0 / 1 floats. With {@code optCache(true)} images are decoded once, at the model
 * resolution, and kept in memory as bytes (3 R^2 bytes each).
 */
public final class CelebADataset extends RandomAccessDataset {
    private final CelebAIndex index;
    private final List<String> attributes;
    private final int[] columns;
    private final List<Integer> rows;
    private final int resolution;
    private final boolean cache;
    private byte[][] cached;

    private CelebADataset(Builder builder) throws IOException {
        super(builder);
        this.index = CelebAIndex.read(builder.root);
        this.attributes =
                builder.attributes != null
                        ? List.copyOf(builder.attributes)
                        : index.attributeNames();
        this.columns = index.columns(attributes);
        this.rows = index.rows(builder.split);
        this.resolution = builder.resolution;
        this.cache = builder.cache;
        if (rows.isEmpty()) {
            throw new DatasetException(
                    "The " + builder.split + " split of " + builder.root + " has no images.");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> attributes() {
        return attributes;
    }

    public int resolution() {
        return resolution;
    }

    /** Checks that every image exists and, with caching, decodes them all. */
    @Override
    public void prepare(Progress progress) throws IOException {
        List<String> missing = new ArrayList<>();
        for (int row : rows) {
            if (!Files.isRegularFile(index.imageDir().resolve(index.image(row)))) {
                missing.add(index.image(row));
            }
        }
        if (!missing.isEmpty()) {
            throw new DatasetException(
                    missing.size()
                            + " image(s) listed in "
                            + CelebAIndex.ATTRIBUTES
                            + " are missing from "
                            + index.imageDir()
                            + ", for example "
                            + missing.subList(0, Math.min(3, missing.size()))
                            + ".");
        }
        if (cache && cached == null) {
            byte[][] images = new byte[rows.size()][];
            for (int i = 0; i < rows.size(); i++) {
                images[i] = toBytes(load(i));
            }
            cached = images;
        }
    }

    @Override
    public Record get(NDManager manager, long i) throws IOException {
        float[] pixels = image((int) i);
        NDList data = new NDList(manager.create(pixels, new Shape(3, resolution, resolution)));
        NDList labels = new NDList(manager.create(labels((int) i)));
        return new Record(data, labels);
    }

    /** Returns image {@code i} of this split as CHW floats in [-1, 1]. */
    public float[] image(int i) throws IOException {
        if (cached != null) {
            byte[] bytes = cached[i];
            float[] out = new float[bytes.length];
            for (int k = 0; k < bytes.length; k++) {
                out[k] = (bytes[k] & 0xFF) / 127.5f - 1f;
            }
            return out;
        }
        return Images.toChw(load(i));
    }

    /** Returns the chosen attributes of image {@code i} as 0 / 1. */
    public float[] labels(int i) {
        float[] all = index.labels(rows.get(i));
        float[] out = new float[columns.length];
        for (int k = 0; k < columns.length; k++) {
            out[k] = all[columns[k]];
        }
        return out;
    }

    public String imageName(int i) {
        return index.image(rows.get(i));
    }

    @Override
    protected long availableSize() {
        return rows.size();
    }

    private BufferedImage load(int i) throws IOException {
        Path file = index.imageDir().resolve(index.image(rows.get(i)));
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new DatasetException("Cannot decode image " + file + ": " + e.getMessage());
        }
        if (image == null) {
            throw new DatasetException("Image " + file + " is missing or not a PNG/JPEG file.");
        }
        return squareResize(image, resolution);
    }

    /** Centre-crops to a square and resizes to {@code size}, halving first for large factors. */
    static BufferedImage squareResize(BufferedImage image, int size) {
        int side = Math.min(image.getWidth(), image.getHeight());
        BufferedImage current =
                image.getSubimage(
                        (image.getWidth() - side) / 2, (image.getHeight() - side) / 2, side, side);
        while (current.getWidth() / 2 >= size) {
            current = draw(current, current.getWidth() / 2);
        }
        return current.getWidth() == size && current.getType() == BufferedImage.TYPE_INT_RGB
                ? current
                : draw(current, size);
    }

    private static BufferedImage draw(BufferedImage source, int size) {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(
                RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(source, 0, 0, size, size, null);
        g.dispose();
        return out;
    }

    private static byte[] toBytes(BufferedImage image) {
        int w = image.getWidth();
        int plane = w * image.getHeight();
        int[] argb = image.getRGB(0, 0, w, image.getHeight(), null, 0, w);
        byte[] out = new byte[3 * plane];
        for (int i = 0; i < plane; i++) {
            out[i] = (byte) (argb[i] >> 16);
            out[plane + i] = (byte) (argb[i] >> 8);
            out[2 * plane + i] = (byte) argb[i];
        }
        return out;
    }

    /** Builder of {@link CelebADataset}. */
    public static final class Builder extends BaseBuilder<Builder> {
        Path root;
        List<String> attributes;
        Split split = Split.TRAIN;
        int resolution = 64;
        boolean cache;

        @Override
        protected Builder self() {
            return this;
        }

        public Builder root(Path root) {
            this.root = root;
            return this;
        }

        /** Selects attributes by name, in this order (default: every column of the file). */
        public Builder attributes(List<String> attributes) {
            this.attributes = attributes;
            return this;
        }

        public Builder split(Split split) {
            this.split = split;
            return this;
        }

        public Builder resolution(int resolution) {
            this.resolution = resolution;
            return this;
        }

        public Builder cache(boolean cache) {
            this.cache = cache;
            return this;
        }

        public CelebADataset build() throws IOException {
            if (root == null) {
                throw new IllegalArgumentException("No dataset folder given.");
            }
            if (sampler == null) {
                setSampling(32, true);
            }
            return new CelebADataset(this);
        }
    }
}
