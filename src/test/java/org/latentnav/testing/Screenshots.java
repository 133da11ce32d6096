package org.latentnav.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.latentnav.io.Images;
import org.latentnav.ui.EditorApp;
import org.latentnav.ui.service.AppPaths;
import org.latentnav.ui.service.AppServices;
import org.latentnav.ui.view.MainWindow;

/**
 * Opens the editor on the {@link DemoModels}, drives each tab into a typical state and saves a
 * snapshot of the window per tab. Run it under a display (for example {@code xvfb-run}) with the
 * output folder as the argument; a second argument names an existing models folder to use.
 */
public final class Screenshots {
    private Screenshots() {}

    public static void main(String[] args) throws Exception {
        Path out = Paths.get(args.length > 0 ? args[0] : "docs");
        Path models;
        if (args.length > 1) {
            models = Paths.get(args[1]);
        } else {
            models = Files.createTempDirectory("latentnav-screenshot-models");
            DemoModels.write(models, 24);
        }
        Path user = Files.createTempDirectory("latentnav-screenshot-user");
        Files.createDirectories(out);

        CompletableFuture<MainWindow> started = new CompletableFuture<>();
        AppServices services = EditorApp.createServices(new AppPaths(models, user));
        Platform.startup(
                () -> {
                    MainWindow window = new MainWindow(services);
                    window.show(new Stage());
                    started.complete(window);
                });
        MainWindow window = started.get(60, TimeUnit.SECONDS);

        waitFor(() -> window.editor().frameProperty().get() != null);
        // With the shipped models, move an attribute that shows at 64 px and hold another. The
        // demo models have neither name, so they use their first two attributes.
        int moved = attributeIndex(window, "Eyeglasses", 0);
        int heldIndex = attributeIndex(window, "Male", 1);
        fx(
                () -> {
                    window.editor().goToSeed(9);
                    window.editor().attributes().get(moved).setEpsilon(0.8);
                    window.editor().attributes().get(heldIndex).heldProperty().set(true);
                    window.editor().showDifferenceProperty().set(true);
                });
        waitFor(() -> window.editor().frameProperty().get().request().epsilon()[moved] == 0.8f);
        // That frame also rendered the new face's original on cold code paths. Moving the slider
        // away and back makes the status bar show the time of a slider move.
        fx(() -> window.editor().attributes().get(moved).setEpsilon(0.79));
        waitFor(() -> window.editor().frameProperty().get().request().epsilon()[moved] == 0.79f);
        fx(() -> window.editor().attributes().get(moved).setEpsilon(0.8));
        waitFor(() -> window.editor().frameProperty().get().request().epsilon()[moved] == 0.8f);
        snapshot(window, out.resolve("screenshot-editor.png"));

        fx(
                () -> {
                    window.tabs().getSelectionModel().select(2);
                });
        waitFor(() -> !window.comparison().right().rows().isEmpty());
        snapshot(window, out.resolve("screenshot-comparison.png"));

        fx(
                () -> {
                    window.tabs().getSelectionModel().select(1);
                    var settings = window.training().settings();
                    settings.runNameProperty().set("screenshot");
                    settings.samplesPerEpochProperty().set(96);
                    settings.epochsProperty().set(3);
                    settings.learningRateProperty().set(1e-2);
                    window.training().start();
                });
        waitFor(() -> !window.training().runningProperty().get());
        Thread.sleep(300);
        snapshot(window, out.resolve("screenshot-training.png"));

        // The settings dialog blocks in showAndWait, so open it without waiting for the call.
        Platform.runLater(
                () ->
                        ((javafx.scene.control.Button)
                                        window.scene().lookup("#training-settings-button"))
                                .fire());
        waitFor(() -> settingsDialog() != null);
        CompletableFuture<javafx.stage.Window> dialog = new CompletableFuture<>();
        Platform.runLater(() -> dialog.complete(settingsDialog()));
        javafx.stage.Window settings = dialog.get(30, TimeUnit.SECONDS);
        snapshot(settings.getScene(), out.resolve("screenshot-training-settings.png"));
        fx(settings::hide);

        fx(Platform::exit);
        services.close();
        System.exit(0);
    }

    /** Returns the index of the named attribute slider, or {@code fallback} without one. */
    private static int attributeIndex(MainWindow window, String name, int fallback)
            throws Exception {
        CompletableFuture<Integer> index = new CompletableFuture<>();
        Platform.runLater(
                () -> {
                    var attributes = window.editor().attributes();
                    int found = fallback;
                    for (int i = 0; i < attributes.size(); i++) {
                        if (attributes.get(i).name().equals(name)) {
                            found = i;
                        }
                    }
                    index.complete(found);
                });
        return index.get(30, TimeUnit.SECONDS);
    }

    /** Returns the open window whose content is a dialog pane, or null; call on the FX thread. */
    private static javafx.stage.Window settingsDialog() {
        return javafx.stage.Window.getWindows().stream()
                .filter(w -> w.getScene() != null)
                .filter(w -> w.getScene().getRoot() instanceof javafx.scene.control.DialogPane)
                .findFirst()
                .orElse(null);
    }

    private static void fx(Runnable action) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(
                () -> {
                    action.run();
                    done.complete(null);
                });
        done.get(30, TimeUnit.SECONDS);
    }

    private static void waitFor(BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            CompletableFuture<Boolean> value = new CompletableFuture<>();
            Platform.runLater(() -> value.complete(condition.getAsBoolean()));
            if (value.get(30, TimeUnit.SECONDS)) {
                Thread.sleep(300);
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Timed out waiting for the window");
    }

    private static void snapshot(MainWindow window, Path file) throws Exception {
        snapshot(window.scene(), file);
    }

    private static void snapshot(javafx.scene.Scene scene, Path file) throws Exception {
        CompletableFuture<WritableImage> image = new CompletableFuture<>();
        Platform.runLater(() -> image.complete(scene.snapshot(null)));
        try {
            Images.writePng(SwingFXUtils.fromFXImage(image.get(30, TimeUnit.SECONDS), null), file);
        } catch (IOException e) {
            throw new IOException("Writing " + file + " failed", e);
        }
        System.out.println("Wrote " + file);
    }
}
