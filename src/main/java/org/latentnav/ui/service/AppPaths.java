package org.latentnav.ui.service;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.latentnav.cli.ModelPaths;

/**
 * The folders the editor reads and writes: the shipped models folder, and a user folder with {@code
 * models/} (extra models), {@code runs/} (training runs started from the editor) and {@code
 * sessions/}.
 *
 * @param modelsDir the shipped models folder
 * @param userDir the user folder, {@code ~/.latentnav} unless {@code LATENTNAV_HOME} is set
 */
public record AppPaths(Path modelsDir, Path userDir) {
    /** Returns the folders from {@code LATENTNAV_MODELS} and {@code LATENTNAV_HOME}. */
    public static AppPaths fromEnvironment() {
        String home = System.getenv("LATENTNAV_HOME");
        Path userDir =
                home != null && !home.isBlank()
                        ? Paths.get(home)
                        : Paths.get(System.getProperty("user.home"), ".latentnav");
        return new AppPaths(ModelPaths.modelsDir(), userDir);
    }

    public Path userModelsDir() {
        return userDir.resolve("models");
    }

    public Path runsDir() {
        return userDir.resolve("runs");
    }

    public Path sessionsDir() {
        return userDir.resolve("sessions");
    }

    /** Returns the folders that the model catalog scans, in the order pickers list them. */
    public List<ModelCatalog.Root> catalogRoots() {
        return List.of(
                new ModelCatalog.Root(modelsDir, "models", false),
                new ModelCatalog.Root(userModelsDir(), "user", false),
                new ModelCatalog.Root(runsDir(), "run", true));
    }
}
