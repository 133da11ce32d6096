package org.latentnav.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentnav.edit.DirectionKind;
import org.latentnav.edit.DirectionSet;
import org.latentnav.edit.LatentSpace;
import org.latentnav.engine.Engines;
import org.latentnav.nn.GeneratorConfig;
import org.latentnav.testing.TinyModels;

class ModelFolderTest {
    @TempDir Path dir;

    @Test
    void generatorRoundTripRendersSameImage() throws IOException {
        try (DjlGenerator g = TinyModels.generator(1);
                NDManager m = Engines.pytorch().newBaseManager()) {
            ModelFolder.save(dir, g.card(), g.block());
            try (Generator loaded = Models.loadGenerator(dir, Device.cpu())) {
                NDArray z = m.randomNormal(new Shape(2, 16));
                // The loaded generator computes its weight terms once (FrozenTerms), in another
                // order of float operations than the fresh one: equal up to rounding.
                assertArrayEquals(
                        g.synthesis(g.broadcast(g.mapping(z))).toFloatArray(),
                        loaded.synthesis(loaded.broadcast(loaded.mapping(z))).toFloatArray(),
                        1e-5f);
                assertEquals(g.fingerprint(), loaded.fingerprint());
            }
        }
    }

    @Test
    void missingCardIsNamed() {
        InvalidModelException e =
                assertThrows(
                        InvalidModelException.class, () -> Models.loadGenerator(dir, Device.cpu()));
        assertTrue(e.getMessage().contains(dir.resolve("model.json").toString()), e.getMessage());
    }

    @Test
    void fileGivenAsFolderIsNamed() throws IOException {
        Path file = dir.resolve("model.json");
        Files.writeString(file, "{}");
        InvalidModelException e =
                assertThrows(
                        InvalidModelException.class,
                        () -> Models.loadGenerator(file, Device.cpu()));
        assertTrue(e.getMessage().contains("is a file"), e.getMessage());
    }

    @Test
    void malformedCardIsRejected() throws IOException {
        Files.writeString(dir.resolve("model.json"), "{\"role\": \"generator\", ");
        InvalidModelException e =
                assertThrows(
                        InvalidModelException.class, () -> Models.loadGenerator(dir, Device.cpu()));
        assertTrue(e.getMessage().startsWith("Invalid model card"), e.getMessage());
    }

    @Test
    void weightsOutsideFolderAreRejected() throws IOException {
        try (DjlGenerator g = TinyModels.generator(1)) {
            ModelFolder.save(dir, g.card(), g.block());
        }
        String card = Files.readString(dir.resolve("model.json"));
        for (String name : new String[] {"../weights.params", "/etc/passwd", "a/../../x"}) {
            Files.writeString(
                    dir.resolve("model.json"),
                    card.replace("\"file\" : \"weights.params\"", "\"file\" : \"" + name + "\""));
            InvalidModelException e =
                    assertThrows(
                            InvalidModelException.class,
                            () -> Models.loadGenerator(dir, Device.cpu()),
                            name);
            assertTrue(
                    e.getMessage().contains("not a file inside the model folder"), e.getMessage());
        }
    }

    @Test
    void missingWeightsAreNamed() throws IOException {
        try (DjlGenerator g = TinyModels.generator(1)) {
            ModelFolder.save(dir, g.card(), g.block());
        }
        Files.delete(dir.resolve("weights.params"));
        InvalidModelException e =
                assertThrows(
                        InvalidModelException.class, () -> Models.loadGenerator(dir, Device.cpu()));
        assertTrue(e.getMessage().contains("Weights file not found"), e.getMessage());
    }

    @Test
    void cardFieldErrorNamesFieldAndLine() throws IOException {
        Files.writeString(dir.resolve("model.json"), "{\n  \"role\": \"painter\"\n}");
        InvalidModelException e =
                assertThrows(
                        InvalidModelException.class, () -> Models.loadGenerator(dir, Device.cpu()));
        assertTrue(e.getMessage().contains("field \"role\""), e.getMessage());
        assertTrue(e.getMessage().contains("(line 2"), e.getMessage());
        assertFalse(e.getMessage().contains("org.latentnav"), e.getMessage());
    }

    @Test
    void cardDescribingLargerNetworkIsNotCalledTruncated() throws IOException {
        try (DjlGenerator g = TinyModels.generator(1)) {
            ModelFolder.save(dir, g.card(), g.block());
        }
        ModelCard card = ModelFolder.readCard(dir);
        card.resolution = card.resolution * 2;
        card.hyperParameters.put("resolution", card.resolution);
        ModelFolder.writeCard(dir, card);
        InvalidModelException e =
                assertThrows(
                        InvalidModelException.class, () -> Models.loadGenerator(dir, Device.cpu()));
        assertTrue(e.getMessage().contains("is intact"), e.getMessage());
    }

    @Test
    void truncatedWeightsAreRejected() throws IOException {
        try (DjlGenerator g = TinyModels.generator(1)) {
            ModelFolder.save(dir, g.card(), g.block());
        }
        Path weights = dir.resolve("weights.params");
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, Arrays.copyOf(bytes, bytes.length - 100));
        InvalidModelException e =
                assertThrows(
                        InvalidModelException.class, () -> Models.loadGenerator(dir, Device.cpu()));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        // Without the size and checksum in the card, the parser still reports the early end.
        ModelCard card = ModelFolder.readCard(dir);
        card.weights.bytes = null;
        card.weights.sha256 = null;
        ModelFolder.writeCard(dir, card);
        e =
                assertThrows(
                        InvalidModelException.class, () -> Models.loadGenerator(dir, Device.cpu()));
        assertTrue(e.getMessage().contains(weights.toString()), e.getMessage());
    }

    @Test
    void wrongShapeIsRejected() throws IOException {
        try (DjlGenerator g = TinyModels.generator(1)) {
            ModelFolder.save(dir, g.card(), g.block());
        }
        ModelCard card = ModelFolder.readCard(dir);
        card.hyperParameters.put("channelBase", 128);
        card.weights.sha256 = null;
        ModelFolder.writeCard(dir, card);
        InvalidModelException e =
                assertThrows(
                        InvalidModelException.class, () -> Models.loadGenerator(dir, Device.cpu()));
        assertTrue(e.getMessage().contains("shape"), e.getMessage());
    }

    @Test
    void attributeCountMustMatchHead() throws IOException {
        try (DjlRegressor r = TinyModels.vggRegressor(1)) {
            ModelFolder.save(dir, r.card(), r.block());
        }
        ModelCard card = ModelFolder.readCard(dir);
        card.attributes = List.of("Red", "Green", "Blue");
        ModelFolder.writeCard(dir, card);
        InvalidModelException e =
                assertThrows(
                        InvalidModelException.class, () -> Models.loadRegressor(dir, Device.cpu()));
        assertTrue(e.getMessage().contains("3 attributes"), e.getMessage());
        assertTrue(e.getMessage().contains("2 outputs"), e.getMessage());

        card.hyperParameters.remove("outputs");
        ModelFolder.writeCard(dir, card);
        e =
                assertThrows(
                        InvalidModelException.class, () -> Models.loadRegressor(dir, Device.cpu()));
        assertTrue(e.getMessage().contains("shape"), e.getMessage());
    }

    @Test
    void wrongRoleIsRejected() throws IOException {
        try (DjlGenerator g = TinyModels.generator(1)) {
            ModelFolder.save(dir, g.card(), g.block());
        }
        InvalidModelException e =
                assertThrows(
                        InvalidModelException.class, () -> Models.loadRegressor(dir, Device.cpu()));
        assertTrue(e.getMessage().contains("describes a generator"), e.getMessage());
    }

    @Test
    void directionsRefuseOtherGenerator() throws IOException {
        try (DjlGenerator g = TinyModels.generator(1);
                DjlGenerator other = TinyModels.generator(2)) {
            try (DirectionSet set =
                    DirectionSet.create(
                            g,
                            TinyModels.ATTRIBUTES,
                            LatentSpace.W_PLUS,
                            DirectionKind.LOCAL,
                            0,
                            6,
                            Device.cpu())) {
                set.save(dir);
            }
            try (DirectionSet loaded = DirectionSet.load(dir, Device.cpu())) {
                loaded.checkCompatible(g);
                InvalidModelException e =
                        assertThrows(
                                InvalidModelException.class, () -> loaded.checkCompatible(other));
                assertTrue(e.getMessage().contains("was trained for generator"), e.getMessage());
            }
        }
        try (DjlGenerator bigger =
                        Models.newGenerator(new GeneratorConfig(32, 2, 16, 64, 16), Device.cpu());
                DirectionSet loaded = DirectionSet.load(dir, Device.cpu())) {
            InvalidModelException e =
                    assertThrows(InvalidModelException.class, () -> loaded.checkCompatible(bigger));
            assertTrue(e.getMessage().contains("latent size 16"), e.getMessage());
        }
    }

    @Test
    void savingKeepsPreviousFilesWhenFolderIsReadOnly() throws IOException {
        try (DjlGenerator g = TinyModels.generator(1)) {
            ModelFolder.save(dir, g.card(), g.block());
            String before = Files.readString(dir.resolve("model.json"), StandardCharsets.UTF_8);
            dir.toFile().setWritable(false);
            try {
                if (Files.isWritable(dir)) {
                    return; // Running as a user that ignores permissions (root); nothing to check.
                }
                assertThrows(IOException.class, () -> ModelFolder.save(dir, g.card(), g.block()));
            } finally {
                dir.toFile().setWritable(true);
            }
            assertEquals(
                    before, Files.readString(dir.resolve("model.json"), StandardCharsets.UTF_8));
        }
    }

    /**
     * Writes generator A into the test folder, and generator B's card as the card a save of B left
     * waiting, with B's weights too when {@code weightsReplaced}. Returns the two fingerprints.
     */
    private String[] saveStoppedAfterCard(boolean weightsReplaced) throws IOException {
        Path other = dir.resolveSibling(dir.getFileName() + "-b");
        try (DjlGenerator a = TinyModels.generator(1);
                DjlGenerator b = TinyModels.generator(2)) {
            ModelFolder.save(dir, a.card(), a.block());
            ModelFolder.save(other, b.card(), b.block());
            Files.copy(other.resolve("model.json"), dir.resolve(ModelFolder.PENDING_CARD_FILE));
            if (weightsReplaced) {
                Files.copy(
                        other.resolve("weights.params"),
                        dir.resolve("weights.params"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            assertFalse(a.fingerprint().equals(b.fingerprint()), "two generators, one fingerprint");
            return new String[] {a.fingerprint(), b.fingerprint()};
        }
    }

    @Test
    void saveStoppedBeforeWeightsKeepsOldModel() throws IOException {
        String[] fingerprints = saveStoppedAfterCard(false);
        try (Generator loaded = Models.loadGenerator(dir, Device.cpu())) {
            assertEquals(fingerprints[0], loaded.fingerprint());
        }
        // Readers leave the waiting card alone, since a save in another process may own it.
        assertTrue(Files.exists(dir.resolve(ModelFolder.PENDING_CARD_FILE)));
    }

    @Test
    void saveStoppedAfterWeightsLoadsNewModel() throws IOException {
        String[] fingerprints = saveStoppedAfterCard(true);
        try (Generator loaded = Models.loadGenerator(dir, Device.cpu())) {
            assertEquals(fingerprints[1], loaded.fingerprint());
        }
        assertEquals(
                ModelFolder.sha256(Files.readAllBytes(dir.resolve("weights.params"))),
                ModelFolder.readCard(dir).weights.sha256);
    }
}
