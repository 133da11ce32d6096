package org.latentnav.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.latentnav.io.Npy;
import org.latentnav.model.ModelFolder;

/**
 * The TorchScript fixtures under src/test/resources/torchscript (see the README there): model
 * folders, and inputs and PyTorch outputs in expected/.
 */
public final class TorchScriptFixtures {
    public static final int LATENT = 16;
    public static final int NUM_WS = 6;
    public static final int RESOLUTION = 16;

    private TorchScriptFixtures() {}

    /** Returns the fixture folder or file {@code name}, for example {@code generator}. */
    public static Path path(String name) {
        URL url = TorchScriptFixtures.class.getResource("/torchscript/" + name);
        if (url == null) {
            throw new IllegalStateException("Missing test resource torchscript/" + name);
        }
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads expected/{@code name}.npy. */
    public static Npy.Array expected(String name) {
        try {
            return Npy.read(path("expected/" + name + ".npy"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates an array from expected/{@code name}.npy. */
    public static NDArray array(NDManager manager, String name) {
        Npy.Array a = expected(name);
        return manager.create(a.data(), new Shape(a.shape()));
    }

    /** Copies the fixture folder {@code name} into {@code target} and returns the copy. */
    public static Path copy(String name, Path target) {
        Path source = path(name);
        Path copy = target.resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path destination = copy.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    /** Rewrites the model.json of a copied folder through {@code edit}. */
    public static void editCard(Path dir, Consumer<ObjectNode> edit) {
        Path file = dir.resolve(ModelFolder.CARD_FILE);
        try {
            ObjectNode card = (ObjectNode) ModelFolder.JSON.readTree(file.toFile());
            edit.accept(card);
            Files.write(file, ModelFolder.JSON.writeValueAsBytes(card));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the digest of {@code file} from weights.files, so the file can be edited. */
    public static void forgetDigest(ObjectNode card, String file) {
        ((ObjectNode) card.get("weights").get("files")).remove(file);
    }
}
