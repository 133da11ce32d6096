package org.latentnav.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentnav.testing.TorchScriptFixtures;

/** Broken TorchScript model folders are rejected with messages that name the problem. */
class TorchScriptRejectionTest {
    @TempDir Path dir;

    private Path copy(String name, Consumer<ObjectNode> edit) {
        Path copy = TorchScriptFixtures.copy(name, dir);
        TorchScriptFixtures.editCard(copy, edit);
        return copy;
    }

    private static void assertMessage(InvalidModelException e, String... parts) {
        for (String part : parts) {
            assertTrue(
                    e.getMessage().contains(part), "missing '" + part + "' in: " + e.getMessage());
        }
    }

    private static InvalidModelException loadGenerator(Path folder) {
        return assertThrows(
                InvalidModelException.class,
                () -> Models.loadGenerator(folder, Device.cpu()).close());
    }

    private static InvalidModelException loadRegressor(Path folder) {
        return assertThrows(
                InvalidModelException.class,
                () -> Models.loadRegressor(folder, Device.cpu()).close());
    }

    @Test
    void wrongLatentSizeFailsProbe() {
        Path folder = copy("generator", card -> card.put("latentSize", 17));
        assertMessage(loadGenerator(folder), "module 'mapping'", "mapping.pt", "(2, 17)");
    }

    @Test
    void tooFewWRowsFailProbe() {
        Path folder = copy("generator", card -> card.put("numWs", 5));
        assertMessage(loadGenerator(folder), "module 'synthesis'", "(2, 5, 16)");
    }

    @Test
    void wrongResolutionFailsProbe() {
        Path folder = copy("generator", card -> card.put("resolution", 32));
        assertMessage(
                loadGenerator(folder),
                "returned shape (2, 3, 16, 16)",
                "expected (2, 3, 32, 32)",
                "resolution");
    }

    @Test
    void wrongOutputRangeIsRejected() {
        Path folder = copy("generator", card -> card.putArray("outputRange").add(0.0).add(0.1));
        assertMessage(loadGenerator(folder), "outputRange [0.0, 0.1]", "far outside");
    }

    @Test
    void invalidOutputRangeIsRejected() {
        Path folder = copy("generator", card -> card.putArray("outputRange").add(1.0).add(-1.0));
        assertMessage(loadGenerator(folder), "\"outputRange\" is [1.0, -1.0]", "low < high");
    }

    @Test
    void unknownModuleLayoutIsRejected() {
        Path folder =
                copy(
                        "generator",
                        card ->
                                ((ObjectNode) card.get("torchscript"))
                                        .put("generator", "mapping.pt"));
        assertMessage(
                loadGenerator(folder),
                "[mapping, synthesis, generator]",
                "{mapping, synthesis} or {generator}");
    }

    @Test
    void missingModuleMapIsRejected() {
        Path folder = copy("generator", card -> card.remove("torchscript"));
        assertMessage(loadGenerator(folder), "\"torchscript\" map", "missing");
    }

    @Test
    void unknownWeightsFormatIsRejected() {
        Path folder =
                copy("generator", card -> ((ObjectNode) card.get("weights")).put("format", "onnx"));
        assertMessage(loadGenerator(folder), "weights.format is 'onnx'", "djl or torchscript");
    }

    @Test
    void missingModuleFileIsNamed() throws IOException {
        Path folder = TorchScriptFixtures.copy("generator", dir);
        Files.delete(folder.resolve("synthesis.pt"));
        assertMessage(
                loadGenerator(folder), "File not found", "synthesis.pt", "torchscript.synthesis");
    }

    @Test
    void fileOutsideFolderIsRejected() {
        Path folder =
                copy(
                        "generator",
                        card -> ((ObjectNode) card.get("torchscript")).put("synthesis", "../x.pt"));
        assertMessage(loadGenerator(folder), "points outside the model folder");
    }

    @Test
    void changedModuleFailsChecksum() throws IOException {
        Path folder = TorchScriptFixtures.copy("generator", dir);
        Path file = folder.resolve("synthesis.pt");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        assertMessage(loadGenerator(folder), "synthesis.pt", "does not match the sha256");
    }

    @Test
    void truncatedModuleIsRejected() throws IOException {
        Path folder = TorchScriptFixtures.copy("generator", dir);
        Path file = folder.resolve("synthesis.pt");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));
        assertMessage(loadGenerator(folder), "synthesis.pt", "truncated");
    }

    @Test
    void nonTorchScriptFileIsRejected() throws IOException {
        Path folder =
                copy("generator", card -> TorchScriptFixtures.forgetDigest(card, "synthesis.pt"));
        Files.writeString(folder.resolve("synthesis.pt"), "not a TorchScript archive");
        assertMessage(
                loadGenerator(folder),
                "Failed to load TorchScript file",
                "synthesis.pt",
                "tools/export");
    }

    @Test
    void wrongMeanWSizeIsRejected() throws IOException {
        Path folder =
                copy("generator", card -> TorchScriptFixtures.forgetDigest(card, "w_avg.npy"));
        org.latentnav.io.Npy.write(folder.resolve("w_avg.npy"), new float[8], 8);
        assertMessage(loadGenerator(folder), "w_avg.npy", "latent size is 16");
    }

    @Test
    void zGeneratorWithSeveralWRowsIsRejected() {
        Path folder = copy("generator-z", card -> card.put("numWs", 6));
        assertMessage(loadGenerator(folder), "\"numWs\" is 6", "one w row");
    }

    @Test
    void regressorWithTooFewNamesIsRejected() throws IOException {
        Path folder =
                copy(
                        "regressor",
                        card -> TorchScriptFixtures.forgetDigest(card, "list_attr_names.txt"));
        Files.writeString(folder.resolve("list_attr_names.txt"), "Smiling\nMale\n");
        assertMessage(
                loadRegressor(folder),
                "returns 3 logits per image",
                "names 2 attributes",
                "list_attr_names.txt");
    }

    @Test
    void regressorNamesMustAgree() {
        Path folder =
                copy(
                        "regressor",
                        card ->
                                card.putArray("attributes")
                                        .add("Smiling")
                                        .add("Young")
                                        .add("Eyeglasses"));
        assertMessage(
                loadRegressor(folder), "differs from the names in", "[Smiling, Male, Eyeglasses]");
    }

    @Test
    void regressorWithoutNamesIsRejected() {
        Path folder = copy("regressor", card -> card.remove("attributesFile"));
        assertMessage(loadRegressor(folder), "neither \"attributes\" nor \"attributesFile\"");
    }

    @Test
    void wrongRoleIsRejected() {
        InvalidModelException e = loadGenerator(TorchScriptFixtures.path("regressor"));
        assertMessage(e, "describes a regressor", "generator was expected");
    }

    @Test
    void discriminatorWithWrongResolutionFailsProbe() {
        Path folder = copy("discriminator", card -> card.put("resolution", 32));
        InvalidModelException e =
                assertThrows(
                        InvalidModelException.class,
                        () -> Models.loadDiscriminator(folder, Device.cpu()).close());
        assertMessage(e, "module 'discriminator'", "(2, 3, 32, 32)");
    }

    @Test
    void featuresWithWrongLayerCountAreRejected() {
        Path folder =
                copy(
                        "features",
                        card ->
                                ((ObjectNode) card.get("hyperParameters"))
                                        .putArray("layers")
                                        .add("conv1_2"));
        InvalidModelException e =
                assertThrows(
                        InvalidModelException.class,
                        () -> Models.loadFeatureExtractor(folder, Device.cpu()).close());
        assertMessage(e, "returns 4 feature maps", "names [conv1_2]");
    }
}
