package org.latentnav.ui.view;

import java.nio.IntBuffer;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * An image view over one reused pixel buffer. {@link #show} copies a frame's packed ARGB pixels
 * into the buffer and marks it dirty, so a new frame allocates nothing unless the resolution or the
 * display size changes. Call it on the JavaFX thread.
 *
 * <p>In pixel view (smooth off) the frame is upscaled here by an integer factor with
 * nearest-neighbour sampling, because the software pipeline filters scaled images even with {@code
 * ImageView.setSmooth(false)}. In smooth view the view scales the frame itself.
 */
final class FrameView extends ImageView {
    private IntBuffer pixels;
    private PixelBuffer<IntBuffer> buffer;
    private int bufferSide;
    private int[] frame;
    private int frameSide;

    FrameView() {
        setPreserveRatio(true);
        setSmooth(false);
        smoothProperty().addListener((p, o, v) -> redraw());
        fitWidthProperty().addListener((p, o, v) -> redraw());
    }

    /** Shows opaque packed ARGB pixels of a square image; null clears the view. */
    void show(int[] argb, int side) {
        frame = argb;
        frameSide = side;
        redraw();
    }

    private void redraw() {
        if (frame == null) {
            setImage(null);
            return;
        }
        int factor = isSmooth() ? 1 : Math.max(1, (int) (getFitWidth() / frameSide));
        int side = frameSide * factor;
        if (buffer == null || side != bufferSide) {
            bufferSide = side;
            pixels = IntBuffer.allocate(side * side);
            buffer = new PixelBuffer<>(side, side, pixels, PixelFormat.getIntArgbPreInstance());
            setImage(new WritableImage(buffer));
        }
        int[] target = pixels.array();
        if (factor == 1) {
            System.arraycopy(frame, 0, target, 0, side * side);
        } else {
            upscale(frame, frameSide, factor, target);
        }
        buffer.updateBuffer(changed -> new Rectangle2D(0, 0, bufferSide, bufferSide));
    }

    private static void upscale(int[] source, int side, int factor, int[] target) {
        int outSide = side * factor;
        for (int y = 0; y < outSide; y++) {
            int sourceRow = (y / factor) * side;
            int targetRow = y * outSide;
            for (int x = 0; x < outSide; x++) {
                target[targetRow + x] = source[sourceRow + x / factor];
            }
        }
    }

    /** Returns a copy of the current frame at its own resolution, or null; for the clipboard. */
    WritableImage copyImage() {
        if (frame == null) {
            return null;
        }
        WritableImage copy = new WritableImage(frameSide, frameSide);
        copy.getPixelWriter()
                .setPixels(
                        0,
                        0,
                        frameSide,
                        frameSide,
                        PixelFormat.getIntArgbInstance(),
                        frame,
                        0,
                        frameSide);
        return copy;
    }
}
