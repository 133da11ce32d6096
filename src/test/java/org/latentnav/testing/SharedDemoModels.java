package org.latentnav.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An extension that provides one {@link DemoModels} folder to every test class of a test run:
 * written before the first class that uses it, deleted when the run ends. Test classes register it
 * with {@code @ExtendWith} and read the folder from {@link #path()}.
 */
public final class SharedDemoModels implements BeforeAllCallback {
    private static final String KEY = SharedDemoModels.class.getName();
    private static volatile Path path;

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store store =
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
        path = store.getOrComputeIfAbsent(KEY, key -> create(), Folder.class).path;
    }

    /** Returns the shared folder; valid after {@link #beforeAll}. */
    public static Path path() {
        if (path == null) {
            throw new IllegalStateException("Register SharedDemoModels with @ExtendWith first");
        }
        return path;
    }

    private static Folder create() {
        try {
            Path dir = Files.createTempDirectory("latentnav-demo-models");
            DemoModels.write(dir, 12);
            return new Folder(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the demo models failed", e);
        }
    }

    /** The folder, deleted when JUnit closes the root store. */
    private static final class Folder implements ExtensionContext.Store.CloseableResource {
        private final Path path;

        Folder(Path path) {
            this.path = path;
        }

        @Override
        public void close() throws IOException {
            DemoModels.deleteTree(path);
        }
    }
}
