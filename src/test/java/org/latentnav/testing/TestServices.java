package org.latentnav.testing;

import ai.djl.Device;
import java.nio.file.Path;
import org.latentnav.ui.service.AppPaths;
import org.latentnav.ui.service.AppServices;
import org.latentnav.ui.service.DjlEditingService;
import org.latentnav.ui.service.DjlTrainingService;
import org.latentnav.ui.service.ModelCatalog;
import org.latentnav.ui.service.SessionStore;
import org.latentnav.ui.task.SynchronousTaskExecutor;
import org.latentnav.ui.task.TaskExecutor;

/** Builds {@link AppServices} on the real DJL services for tests. */
public final class TestServices {
    private TestServices() {}

    /** Services whose workers run every task on the calling thread. */
    public static AppServices synchronous(Path models, Path user) {
        return create(models, user, new SynchronousTaskExecutor(), new SynchronousTaskExecutor());
    }

    public static AppServices create(
            Path models, Path user, TaskExecutor inference, TaskExecutor training) {
        AppPaths paths = new AppPaths(models, user);
        return new AppServices(
                paths,
                new ModelCatalog(paths.catalogRoots()),
                new DjlEditingService(Device.cpu()),
                new DjlTrainingService(Device.cpu()),
                new SessionStore(),
                inference,
                training);
    }
}
