package org.latentnav.ui.view;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.latentnav.ui.EditorApp;
import org.latentnav.ui.service.AppPaths;
import org.latentnav.ui.service.AppServices;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window opens and explains the problem when the models folder has no usable models. */
@ExtendWith(ApplicationExtension.class)
class MissingModelsWindowTest {
    @TempDir static Path dir;
    private AppServices services;
    private MainWindow window;

    @Start
    void start(Stage stage) throws IOException {
        // Only a broken direction set: the window must name it and give the reason it was skipped.
        Path broken = dir.resolve("models/directions-broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("model.json"), "{\"role\": ");
        services =
                EditorApp.createServices(new AppPaths(dir.resolve("models"), dir.resolve("user")));
        window = new MainWindow(services);
        window.show(stage);
    }

    @AfterEach
    void tearDown() {
        window.stop();
        services.close();
    }

    @Test
    void missingFolderShowsMessage(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        Label problem = robot.lookup("#problem").queryAs(Label.class);

        assertTrue(problem.isVisible());
        assertTrue(problem.getText().startsWith("No usable models"), problem.getText());
        assertTrue(problem.getText().contains(dir.resolve("models").toString()), problem.getText());
    }

    @Test
    void brokenFolderIsNamedWithReason(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        String text = robot.lookup("#problem").queryAs(Label.class).getText();

        assertTrue(text.contains("Skipped:"), text);
        assertTrue(text.contains(dir.resolve("models/directions-broken").toString()), text);
    }
}
