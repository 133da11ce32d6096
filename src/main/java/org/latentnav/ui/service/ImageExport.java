package org.latentnav.ui.service;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.latentnav.io.AtomicFiles;
import org.latentnav.io.Images;

/** Writes rendered pixels as PNG files and animated GIFs; every file is written atomically. */
public final class ImageExport {
    private static final String GIF_METADATA = "javax_imageio_gif_image_1.0";

    private ImageExport() {}

    /** Wraps packed ARGB pixels of a square image in a new RGB image. */
    public static BufferedImage toImage(int[] argb, int side) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, side, side, argb, 0, side);
        return image;
    }

    /**
     * Writes the edited image, or with {@code strip} the original and the edited image side by
     * side, each upscaled by the integer {@code scale} with nearest-neighbour sampling.
     */
    public static void savePng(RenderResult result, boolean strip, int scale, Path file)
            throws IOException {
        BufferedImage edited = Images.scale(toImage(result.edited(), result.resolution()), scale);
        BufferedImage image = edited;
        if (strip) {
            BufferedImage original =
                    Images.scale(toImage(result.original(), result.resolution()), scale);
            image = Images.row(original, edited);
        }
        Images.writePng(image, file);
    }

    /**
     * Writes frames as a GIF that loops forever. With {@code pingPong} the frames play forward and
     * then backward, so the loop has no jump.
     *
     * @param delayMillis the time each frame shows, rounded to 10 ms as GIF requires
     */
    public static void writeGif(
            List<int[]> frames, int side, int scale, int delayMillis, boolean pingPong, Path file)
            throws IOException {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("A GIF needs at least one frame");
        }
        List<int[]> sequence = new ArrayList<>(frames);
        if (pingPong) {
            for (int i = frames.size() - 2; i > 0; i--) {
                sequence.add(frames.get(i));
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try {
            AtomicFiles.write(
                    file,
                    out -> {
                        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                            writer.setOutput(stream);
                            writer.prepareWriteSequence(null);
                            for (int[] frame : sequence) {
                                BufferedImage image = Images.scale(toImage(frame, side), scale);
                                IIOMetadata metadata = frameMetadata(writer, image, delayMillis);
                                writer.writeToSequence(new IIOImage(image, null, metadata), null);
                            }
                            writer.endWriteSequence();
                        }
                    });
        } finally {
            writer.dispose();
        }
    }

    /** Builds per-frame metadata: the delay and, on every frame, the NETSCAPE2.0 loop block. */
    private static IIOMetadata frameMetadata(
            ImageWriter writer, BufferedImage image, int delayMillis) throws IOException {
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata metadata =
                writer.getDefaultImageMetadata(
                        ImageTypeSpecifier.createFromRenderedImage(image), param);
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(GIF_METADATA);

        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(Math.max(1, delayMillis / 10)));
        control.setAttribute("transparentColorIndex", "0");

        IIOMetadataNode extensions = child(root, "ApplicationExtensions");
        IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
        loop.setAttribute("applicationID", "NETSCAPE");
        loop.setAttribute("authenticationCode", "2.0");
        // Sub-block 1 with a loop count of 0 (little-endian) means loop forever.
        loop.setUserObject(new byte[] {1, 0, 0});
        extensions.appendChild(loop);

        metadata.setFromTree(GIF_METADATA, root);
        return metadata;
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
