package org.latentnav.io;

import ai.djl.ndarray.NDArray;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Conversions between image tensors in [-1, 1] and {@link BufferedImage}, and PNG writing. */
public final class Images {
    static {
        // Without a disk cache ImageIO writes straight to the stream: no temporary file, and no
        // shutdown hook that prints a stack trace after a failed write.
        ImageIO.setUseCache(false);
    }

    private Images() {}

    /** Converts images [B, 3, H, W] in [-1, 1] to one RGB image per sample. */
    public static BufferedImage[] toImages(NDArray images) {
        long[] shape = images.getShape().getShape();
        int batch = (int) shape[0];
        int height = (int) shape[2];
        int width = (int) shape[3];
        float[] values = images.toFloatArray();
        BufferedImage[] out = new BufferedImage[batch];
        int plane = height * width;
        for (int b = 0; b < batch; b++) {
            int[] argb = new int[plane];
            toArgb(values, b * 3 * plane, plane, argb);
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            img.setRGB(0, 0, width, height, argb, 0, width);
            out[b] = img;
        }
        return out;
    }

    /**
     * Writes packed RGB pixels of one CHW image in [-1, 1], starting at {@code offset} of {@code
     * values}, into {@code argb} (length {@code plane}).
     */
    public static void toArgb(float[] values, int offset, int plane, int[] argb) {
        for (int i = 0; i < plane; i++) {
            int r = toByte(values[offset + i]);
            int g = toByte(values[offset + plane + i]);
            int b = toByte(values[offset + 2 * plane + i]);
            argb[i] = 0xFF000000 | (r << 16) | (g << 8) | b;
        }
    }

    static int toByte(float v) {
        float scaled = (v + 1f) * 127.5f;
        if (!(scaled > 0f)) {
            return 0;
        }
        return scaled >= 255f ? 255 : Math.round(scaled);
    }

    /** Converts an image to CHW floats in [-1, 1]. */
    public static float[] toChw(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        int plane = w * h;
        float[] out = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            out[i] = ((p >> 16) & 0xFF) / 127.5f - 1f;
            out[plane + i] = ((p >> 8) & 0xFF) / 127.5f - 1f;
            out[2 * plane + i] = (p & 0xFF) / 127.5f - 1f;
        }
        return out;
    }

    /** Lays out rows of equally sized images with a gap of {@code gap} pixels. */
    public static BufferedImage grid(List<BufferedImage[]> rows, int gap) {
        int cell = rows.get(0)[0].getWidth();
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(1);
        int width = columns * cell + (columns + 1) * gap;
        int height = rows.size() * cell + (rows.size() + 1) * gap;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).length; c++) {
                g.drawImage(rows.get(r)[c], gap + c * (cell + gap), gap + r * (cell + gap), null);
            }
        }
        g.dispose();
        return out;
    }

    /** Writes a PNG atomically: the old file stays intact if anything fails. */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        AtomicFiles.write(
                file,
                out -> {
                    if (!ImageIO.write(image, "png", out)) {
                        throw new IOException("No PNG writer is available in this JVM");
                    }
                });
    }

    /** Upscales by an integer factor with nearest-neighbour sampling (1 returns the image). */
    public static BufferedImage scale(BufferedImage image, int factor) {
        if (factor <= 1) {
            return image;
        }
        BufferedImage out =
                new BufferedImage(
                        image.getWidth() * factor,
                        image.getHeight() * factor,
                        BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }

    /** Places images side by side with a gap. */
    public static BufferedImage row(BufferedImage... images) {
        return grid(List.<BufferedImage[]>of(images), 4);
    }

    /** Returns a left-right mirrored copy of a CHW image with 3 channels of side {@code side}. */
    public static float[] mirrorChw(float[] image, int side) {
        float[] out = new float[image.length];
        int plane = side * side;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    out[c * plane + y * side + x] = image[c * plane + y * side + (side - 1 - x)];
                }
            }
        }
        return out;
    }
}
