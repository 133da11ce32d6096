package org.latentnav.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.latentnav.ui.service.RenderRequest;
import org.latentnav.ui.service.RenderResult;

class RenderStatusTest {
    private static RenderResult frame(int corrections, double milliseconds) {
        RenderRequest request =
                new RenderRequest(new float[4], 0.7f, new float[2], new boolean[] {true, false});
        int[] pixels = new int[4];
        float[] values = new float[2];
        return new RenderResult(
                request,
                2,
                pixels,
                pixels,
                pixels,
                values,
                values,
                values,
                corrections,
                milliseconds);
    }

    @Test
    void statusNamesTheHoldCorrectionsARenderIncluded() {
        assertEquals("", MainWindow.renderText(null));
        assertEquals("render 9.5 ms", MainWindow.renderText(frame(0, 9.46)));
        assertEquals("render 18.0 ms incl. 1 hold correction", MainWindow.renderText(frame(1, 18)));
        assertEquals(
                "render 27.3 ms incl. 2 hold corrections", MainWindow.renderText(frame(2, 27.25)));
    }
}
