package org.latentnav.ui.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageExportTest {
    @Test
    void gifPlaysForwardBackAndLoops(@TempDir Path dir) throws Exception {
        List<int[]> frames = new ArrayList<>();
        for (int f = 0; f < 4; f++) {
            int[] pixels = new int[4 * 4];
            java.util.Arrays.fill(pixels, 0xFF000000 | (f * 60) << 16);
            frames.add(pixels);
        }
        Path file = dir.resolve("sweep.gif");
        ImageExport.writeGif(frames, 4, 2, 80, true, file);

        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in);
            assertEquals(6, reader.getNumImages(true), "4 forward + 2 back");
            assertEquals(8, reader.read(0).getWidth(), "upscaled twice");
            IIOMetadataNode root =
                    (IIOMetadataNode)
                            reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode loop =
                    (IIOMetadataNode) root.getElementsByTagName("ApplicationExtension").item(0);
            assertEquals("NETSCAPE", loop.getAttribute("applicationID"));
            byte[] data = (byte[]) loop.getUserObject();
            assertEquals(0, data[1] | data[2], "loop count 0 loops forever");
            IIOMetadataNode control =
                    (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
            assertEquals("8", control.getAttribute("delayTime"));
        } finally {
            reader.dispose();
        }
        assertTrue(file.toFile().length() > 0);
    }
}
