package org.latentnav.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.latentnav.testing.SharedDemoModels;
import org.latentnav.ui.EditorApp;
import org.latentnav.ui.service.AppPaths;
import org.latentnav.ui.service.AppServices;
import org.latentnav.ui.service.RenderResult;
import org.latentnav.ui.viewmodel.AttributeViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real editor window under Monocle's headless platform with the demo models. */
@ExtendWith({SharedDemoModels.class, ApplicationExtension.class})
class EditorWindowTest {
    private static final int TIMEOUT_SECONDS = 60;

    @TempDir static Path user;
    private AppServices services;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        services = EditorApp.createServices(new AppPaths(SharedDemoModels.path(), user));
        window = new MainWindow(services);
        window.show(stage);
    }

    @AfterEach
    void tearDown() {
        window.stop();
        services.close();
    }

    private static void waitUntil(String what, Supplier<Boolean> condition)
            throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> condition.get());
        } catch (TimeoutException e) {
            throw new TimeoutException(
                    "Timed out after " + TIMEOUT_SECONDS + " s waiting for " + what);
        }
    }

    private AttributeViewModel red() {
        return window.editor().attributes().get(0);
    }

    private RenderResult frame() {
        return window.editor().frameProperty().get();
    }

    private void waitForFirstFrame() throws TimeoutException {
        waitUntil("the first frame", () -> frame() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void sliderDragChangesImage(FxRobot robot) throws TimeoutException {
        waitForFirstFrame();
        int[] before = frame().edited();
        double valueBefore = red().editedProperty().get();
        Label values = robot.lookup("#values-Red").queryAs(Label.class);
        String textBefore = values.getText();

        Slider slider = robot.lookup("#slider-Red").queryAs(Slider.class);
        Node thumb = slider.lookup(".thumb");
        // Small steps with a wait after each, so that a busy UI thread handles every drag event.
        robot.moveTo(thumb);
        robot.press(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        for (int i = 0; i < 6; i++) {
            robot.moveBy(20, 0);
            WaitForAsyncUtils.waitForFxEvents();
        }
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(red().epsilon() > 0.2, "epsilon after the drag: " + red().epsilon());
        float dragged = (float) red().epsilon();
        waitUntil("a frame of the dragged slider", () -> frame().request().epsilon()[0] == dragged);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(Arrays.equals(before, frame().edited()), "the edited image changes");
        assertNotEquals(valueBefore, red().editedProperty().get(), "the predicted value moves");
        assertNotEquals(textBefore, values.getText());
        assertTrue(window.editor().canUndoProperty().get(), "the drag is undoable");
    }

    @Test
    void arrowKeysMoveSlider(FxRobot robot) throws TimeoutException {
        waitForFirstFrame();
        int[] before = frame().edited();
        double valueBefore = red().editedProperty().get();

        Slider slider = robot.lookup("#slider-Red").queryAs(Slider.class);
        robot.interact(slider::requestFocus);
        robot.type(KeyCode.RIGHT, 4);

        assertEquals(0.2, red().epsilon(), 1e-9, "four steps of 0.05");
        waitUntil(
                "a frame at epsilon 0.2",
                () -> Math.abs(frame().request().epsilon()[0] - 0.2f) < 1e-6);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(Arrays.equals(before, frame().edited()), "the edited image changes");
        assertNotEquals(valueBefore, red().editedProperty().get(), "the predicted value moves");

        // Each key press is one undo step; Ctrl+Z is a scene accelerator.
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertEquals(0.15, red().epsilon(), 1e-9);
    }

    @Test
    void trainingStartsAndCancels(FxRobot robot) throws TimeoutException {
        waitForFirstFrame();
        robot.clickOn("#tab-training");
        var settings = window.training().settings();
        robot.interact(
                () -> {
                    settings.runNameProperty().set("window-test");
                    settings.samplesPerEpochProperty().set(4000);
                    settings.epochsProperty().set(2);
                });

        robot.clickOn("#training-start");
        waitUntil("training progress", () -> window.training().progressProperty().get() > 0);
        // The label follows the progress value on a later FX pulse, so wait for it as well.
        Label progress = robot.lookup("#training-progress-text").queryAs(Label.class);
        waitUntil("the epoch text", () -> progress.getText().startsWith("Epoch "));
        assertTrue(progress.getText().startsWith("Epoch 1 of 2"), progress.getText());

        robot.clickOn("#training-cancel");
        waitUntil("the run to stop", () -> !window.training().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        Label status = robot.lookup("#training-status").queryAs(Label.class);
        assertTrue(status.getText().startsWith("Cancelled"), status.getText());
        assertFalse(robot.lookup("#training-resume").queryAs(Button.class).isDisabled());
        assertFalse(robot.lookup("#training-start").queryAs(Button.class).isDisabled());
    }
}
