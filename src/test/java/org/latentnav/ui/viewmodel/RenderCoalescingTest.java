package org.latentnav.ui.viewmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.latentnav.testing.DeferredTaskExecutor;
import org.latentnav.testing.SharedDemoModels;
import org.latentnav.testing.TestServices;
import org.latentnav.ui.service.AppServices;
import org.latentnav.ui.service.RenderResult;
import org.latentnav.ui.task.SynchronousTaskExecutor;

/** Slider changes that arrive while the inference worker is busy produce one render. */
@ExtendWith(SharedDemoModels.class)
class RenderCoalescingTest {
    @Test
    void manyChangesRenderOnceWithFinalValues(@TempDir Path user) {
        DeferredTaskExecutor inference = new DeferredTaskExecutor();
        AppServices services =
                TestServices.create(
                        SharedDemoModels.path(), user, inference, new SynchronousTaskExecutor());
        EditorViewModel editor = new EditorViewModel(services);
        editor.refreshCatalog();
        inference.runAll();
        int framesBefore = editor.framesShown();

        // 200 changes, as a one-second drag at 200 events per second would send them.
        AttributeViewModel red = editor.attributes().get(0);
        AttributeViewModel green = editor.attributes().get(1);
        for (int i = 1; i <= 200; i++) {
            red.setEpsilon(i / 200.0);
            green.setEpsilon(-i / 400.0);
        }
        assertEquals(1, inference.queued(), "one render task is queued for 400 changes");
        inference.runAll();

        assertEquals(framesBefore + 1, editor.framesShown(), "exactly one more frame");
        RenderResult frame = editor.frameProperty().get();
        assertArrayEquals(new float[] {1f, -0.5f}, frame.request().epsilon());
        services.close();
        inference.runAll();
    }
}
