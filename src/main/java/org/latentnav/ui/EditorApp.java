package org.latentnav.ui;

import ai.djl.Device;
import java.util.concurrent.Executor;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.latentnav.ui.service.AppPaths;
import org.latentnav.ui.service.AppServices;
import org.latentnav.ui.service.DjlEditingService;
import org.latentnav.ui.service.DjlTrainingService;
import org.latentnav.ui.service.ModelCatalog;
import org.latentnav.ui.service.SessionStore;
import org.latentnav.ui.task.ThreadTaskExecutor;
import org.latentnav.ui.view.MainWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application of the LatentNav editor. Models come from {@code LATENTNAV_MODELS} (or
 * {@code ./models}) and from the user folder {@code LATENTNAV_HOME} (default {@code ~/.latentnav});
 * inference runs on CPU.
 */
public final class EditorApp extends Application {
    private static final Logger logger = LoggerFactory.getLogger(EditorApp.class);

    private AppServices services;
    private MainWindow window;

    /** Starts the JavaFX runtime and shows the editor; returns when the window is closed. */
    public static void launchEditor(String... args) {
        Application.launch(EditorApp.class, args);
    }

    /** Creates the services with one inference worker and one training worker. */
    public static AppServices createServices(AppPaths paths) {
        Executor ui = Platform::runLater;
        return new AppServices(
                paths,
                new ModelCatalog(paths.catalogRoots()),
                new DjlEditingService(Device.cpu()),
                new DjlTrainingService(Device.cpu()),
                new SessionStore(),
                new ThreadTaskExecutor("inference", ui),
                new ThreadTaskExecutor("training", ui));
    }

    @Override
    public void start(Stage stage) {
        AppPaths paths = AppPaths.fromEnvironment();
        logger.info(
                "Editor starting: models folder {}, user folder {}",
                paths.modelsDir().toAbsolutePath(),
                paths.userDir().toAbsolutePath());
        services = createServices(paths);
        window = new MainWindow(services);
        window.show(stage);
    }

    @Override
    public void stop() {
        logger.info("Editor stopping");
        if (window != null) {
            window.stop();
        }
        if (services != null) {
            services.close();
        }
    }
}
