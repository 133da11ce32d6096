package org.latentnav.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentnav.engine.Engines;
import org.latentnav.io.Npy;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.Generator;
import org.latentnav.model.InvalidModelException;
import org.latentnav.model.Models;
import org.latentnav.testing.TorchScriptFixtures;

class DirectionImportTest {
    private static final List<String> ATTRIBUTES = List.of("Smiling", "Male", "Eyeglasses");

    @TempDir Path dir;

    private static Generator generator(String name) {
        return Models.loadGenerator(TorchScriptFixtures.path(name), Device.cpu());
    }

    @Test
    void walksBecomeWPlusDirections() throws IOException {
        Npy.Array walks = TorchScriptFixtures.expected("walks");
        try (Generator g = generator("generator")) {
            assertEquals(LatentSpace.W_PLUS, DirectionImport.defaultSpace(walks, g));
            try (DirectionSet set =
                    DirectionImport.fromWalks(
                            g, walks, ATTRIBUTES, LatentSpace.W_PLUS, 0, 6, Device.cpu())) {
                set.save(dir.resolve("directions"));
            }
            try (DirectionSet loaded = DirectionSet.load(dir.resolve("directions"), Device.cpu())) {
                assertEquals(ATTRIBUTES, loaded.attributes());
                assertEquals(LatentSpace.W_PLUS, loaded.space());
                assertEquals(DirectionKind.GLOBAL, loaded.kind());
                assertEquals(g.fingerprint(), loaded.card().generatorFingerprint);
                float[] stored =
                        loaded.block().getParameters().get("directions").getArray().toFloatArray();
                assertArrayEquals(walks.data(), stored);
                loaded.checkCompatible(g);
            }
        }
    }

    /** An edit with the imported set moves w+ by delta times the walks, row by row. */
    @Test
    void editMovesWPlusAlongWalks() {
        Npy.Array walks = TorchScriptFixtures.expected("walks");
        try (Generator g = generator("generator");
                AttributeRegressor r =
                        Models.loadRegressor(TorchScriptFixtures.path("regressor"), Device.cpu());
                DirectionSet set =
                        DirectionImport.fromWalks(
                                g, walks, ATTRIBUTES, LatentSpace.W_PLUS, 0, 6, Device.cpu());
                NDManager manager = Engines.pytorch().newBaseManager(Device.cpu())) {
            Navigator navigator = new Navigator(g, r, set);
            NDArray z = TorchScriptFixtures.array(manager, "z");
            NDArray delta =
                    manager.create(new float[] {0.5f, 0f, -0.25f, 0f, 1f, 0f}, new Shape(2, 3));
            NDArray moved = navigator.editedWPlus(z, delta, 1f, false).sub(navigator.wPlus(z, 1f));
            NDArray walkArray = manager.create(walks.data(), new Shape(3, 6 * 16));
            NDArray expected = delta.matMul(walkArray).reshape(2, 6, 16);
            assertTrue(
                    moved.sub(expected).abs().max().getFloat() < 1e-6f,
                    "w+ moved by another amount");

            NDArray zero = manager.zeros(new Shape(2, 3));
            NDArray original = navigator.render(navigator.wPlus(z, 0.7f));
            NDArray unedited = navigator.render(navigator.editedWPlus(z, zero, 0.7f, false));
            assertArrayEquals(original.toFloatArray(), unedited.toFloatArray());
        }
    }

    @Test
    void flatWalksMoveW() {
        float[] data = new float[3 * 16];
        data[5] = 1f;
        Npy.Array walks = new Npy.Array(new long[] {3, 16}, data);
        try (Generator g = generator("generator")) {
            assertEquals(LatentSpace.W, DirectionImport.defaultSpace(walks, g));
            try (DirectionSet set =
                    DirectionImport.fromWalks(
                            g, walks, ATTRIBUTES, LatentSpace.W, 0, 6, Device.cpu())) {
                assertEquals(LatentSpace.W, set.space());
            }
        }
    }

    @Test
    void attributeCountMustMatchRows() {
        Npy.Array walks = TorchScriptFixtures.expected("walks");
        try (Generator g = generator("generator")) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    DirectionImport.fromWalks(
                                            g,
                                            walks,
                                            List.of("Smiling", "Male"),
                                            LatentSpace.W_PLUS,
                                            0,
                                            6,
                                            Device.cpu()));
            assertTrue(
                    e.getMessage().contains("3 directions but 2 attribute names"), e.getMessage());
        }
    }

    @Test
    void walksOfOtherGeneratorShapeAreRejected() {
        Npy.Array walks = TorchScriptFixtures.expected("walks");
        try (Generator g = generator("generator-z")) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    DirectionImport.fromWalks(
                                            g,
                                            walks,
                                            ATTRIBUTES,
                                            LatentSpace.W_PLUS,
                                            0,
                                            1,
                                            Device.cpu()));
            assertTrue(e.getMessage().contains("[3, 6, 16] do not fit w+"), e.getMessage());
            assertTrue(e.getMessage().contains("need [3, 1, 16]"), e.getMessage());
        }
    }

    @Test
    void nonFiniteWalksAreRejected() {
        float[] data = new float[3 * 16];
        data[7] = Float.NaN;
        Npy.Array walks = new Npy.Array(new long[] {3, 16}, data);
        try (Generator g = generator("generator")) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    DirectionImport.fromWalks(
                                            g,
                                            walks,
                                            ATTRIBUTES,
                                            LatentSpace.W,
                                            0,
                                            6,
                                            Device.cpu()));
            assertTrue(
                    e.getMessage().contains("non-finite value (NaN) at flat index 7"),
                    e.getMessage());
        }
    }

    @Test
    void directionsForOtherGeneratorAreRejected() throws IOException {
        Path other = TorchScriptFixtures.copy("generator", dir);
        TorchScriptFixtures.editCard(
                other, card -> TorchScriptFixtures.forgetDigest(card, "w_avg.npy"));
        Npy.write(other.resolve("w_avg.npy"), new float[16], 16);
        Npy.Array walks = TorchScriptFixtures.expected("walks");
        try (Generator g = generator("generator");
                Generator otherGenerator = Models.loadGenerator(other, Device.cpu());
                AttributeRegressor r =
                        Models.loadRegressor(TorchScriptFixtures.path("regressor"), Device.cpu());
                DirectionSet set =
                        DirectionImport.fromWalks(
                                g, walks, ATTRIBUTES, LatentSpace.W_PLUS, 0, 6, Device.cpu())) {
            InvalidModelException e =
                    assertThrows(
                            InvalidModelException.class,
                            () -> new Navigator(otherGenerator, r, set));
            assertTrue(
                    e.getMessage().contains("was trained for generator " + g.fingerprint()),
                    e.getMessage());
            assertTrue(
                    e.getMessage()
                            .contains(
                                    "not for the loaded generator " + otherGenerator.fingerprint()),
                    e.getMessage());
        }
    }

    @Test
    void wPlusSetRejectsZGenerator() {
        Npy.Array walks = TorchScriptFixtures.expected("walks");
        try (Generator g = generator("generator");
                Generator z = generator("generator-z");
                DirectionSet set =
                        DirectionImport.fromWalks(
                                g, walks, ATTRIBUTES, LatentSpace.W_PLUS, 0, 6, Device.cpu())) {
            InvalidModelException e =
                    assertThrows(InvalidModelException.class, () -> set.checkCompatible(z));
            assertTrue(
                    e.getMessage()
                            .contains("expects a generator with latent size 16 and 6 w layers"),
                    e.getMessage());
        }
    }
}
