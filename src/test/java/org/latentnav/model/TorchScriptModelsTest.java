package org.latentnav.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentnav.engine.Engines;
import org.latentnav.testing.TorchScriptFixtures;

/** Loads the TorchScript fixtures and compares DJL's outputs and gradients with PyTorch's. */
class TorchScriptModelsTest {
    /** Largest difference allowed between DJL 2.7.1 and PyTorch 1.13 results in float32. */
    private static final float TOLERANCE = 1e-5f;

    @TempDir Path dir;
    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = Engines.pytorch().newBaseManager(Device.cpu());
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    private NDArray expected(String name) {
        return TorchScriptFixtures.array(manager, name);
    }

    private static void assertClose(
            NDArray expected, NDArray actual, float tolerance, String what) {
        assertEquals(expected.getShape(), actual.getShape(), what + " shape");
        float difference = expected.sub(actual).abs().max().getFloat();
        assertTrue(difference <= tolerance, what + " differs from PyTorch by " + difference);
    }

    @Test
    void generatorMatchesPython() {
        try (Generator g =
                Models.loadGenerator(TorchScriptFixtures.path("generator"), Device.cpu())) {
            assertInstanceOf(TorchScriptGenerator.class, g);
            assertEquals(16, g.latentSize());
            assertEquals(6, g.numWs());
            assertEquals(16, g.resolution());
            assertTrue(g.hasMappingNetwork());
            assertClose(expected("mapping"), g.mapping(expected("z")), TOLERANCE, "mapping");
            assertClose(expected("synthesis"), g.synthesis(expected("ws")), TOLERANCE, "synthesis");
        }
    }

    @Test
    void generatorGradientMatchesPython() {
        try (Generator g =
                Models.loadGenerator(TorchScriptFixtures.path("generator"), Device.cpu())) {
            NDArray ws = expected("ws");
            ws.setRequiresGradient(true);
            try (GradientCollector collector = Engines.pytorch().newGradientCollector()) {
                NDArray loss = g.synthesis(ws).mul(expected("weights")).sum();
                collector.backward(loss);
            }
            assertClose(expected("synthesis_grad"), ws.getGradient(), 1e-4f, "d synthesis / d ws");
        }
    }

    @Test
    void wAverageComesFromNpyFile() throws Exception {
        try (Generator g =
                Models.loadGenerator(TorchScriptFixtures.path("generator"), Device.cpu())) {
            float[] file =
                    org.latentnav.io.Npy.read(TorchScriptFixtures.path("generator/w_avg.npy"))
                            .data();
            assertArrayEquals(file, g.wAverage(expected("z")).toFloatArray());
        }
    }

    @Test
    void wAverageIsEstimatedWithoutFile() throws Exception {
        Path copy = TorchScriptFixtures.copy("generator", dir);
        TorchScriptFixtures.editCard(copy, card -> card.remove("wAverage"));
        float[] file = org.latentnav.io.Npy.read(copy.resolve("w_avg.npy")).data();
        try (Generator g = Models.loadGenerator(copy, Device.cpu())) {
            float[] estimate = g.wAverage(expected("z")).toFloatArray();
            for (int i = 0; i < file.length; i++) {
                // Both are means of 4096 samples, drawn by PyTorch and by Java.
                assertEquals(file[i], estimate[i], 0.05f, "component " + i);
            }
        }
    }

    @Test
    void zGeneratorMapsOutputRange() {
        try (Generator g =
                Models.loadGenerator(TorchScriptFixtures.path("generator-z"), Device.cpu())) {
            assertFalse(g.hasMappingNetwork());
            assertEquals(1, g.numWs());
            NDArray z = expected("z");
            assertTrue(g.mapping(z) == z, "w = z without mapping network");
            assertArrayEquals(new float[16], g.wAverage(z).toFloatArray());
            NDArray image = g.synthesis(g.broadcast(z));
            // The module's images are in [0, 1], as the card declares, and LatentNav maps
            // them to [-1, 1].
            assertClose(expected("z_generator").mul(2).sub(1), image, TOLERANCE, "generator");
        }
    }

    @Test
    void fingerprintDependsOnFiles() throws Exception {
        Path copy = TorchScriptFixtures.copy("generator", dir);
        org.latentnav.io.Npy.write(copy.resolve("w_avg.npy"), new float[16], 16);
        TorchScriptFixtures.editCard(
                copy, card -> TorchScriptFixtures.forgetDigest(card, "w_avg.npy"));
        try (Generator a =
                        Models.loadGenerator(TorchScriptFixtures.path("generator"), Device.cpu());
                Generator b =
                        Models.loadGenerator(TorchScriptFixtures.path("generator"), Device.cpu());
                Generator c = Models.loadGenerator(copy, Device.cpu())) {
            assertTrue(a.fingerprint().startsWith("sha256:"), a.fingerprint());
            assertEquals(a.fingerprint(), b.fingerprint());
            assertNotEquals(a.fingerprint(), c.fingerprint());
        }
    }

    @Test
    void discriminatorMatchesPython() {
        try (Discriminator d =
                Models.loadDiscriminator(TorchScriptFixtures.path("discriminator"), Device.cpu())) {
            assertClose(
                    expected("discriminator"), d.logits(expected("images")), TOLERANCE, "logits");
        }
    }

    @Test
    void regressorMatchesPython() {
        try (AttributeRegressor r =
                Models.loadRegressor(TorchScriptFixtures.path("regressor"), Device.cpu())) {
            assertEquals(List.of("Smiling", "Male", "Eyeglasses"), r.attributes());
            assertClose(expected("regressor"), r.logits(expected("images")), TOLERANCE, "logits");
        }
    }

    @Test
    void regressorGradientMatchesPython() {
        try (AttributeRegressor r =
                Models.loadRegressor(TorchScriptFixtures.path("regressor"), Device.cpu())) {
            NDArray images = expected("images");
            images.setRequiresGradient(true);
            try (GradientCollector collector = Engines.pytorch().newGradientCollector()) {
                collector.backward(r.logits(images).sum());
            }
            assertClose(
                    expected("regressor_grad"), images.getGradient(), 1e-4f, "d logits / d images");
        }
    }

    @Test
    void featuresMatchPython() {
        try (FeatureExtractor f =
                Models.loadFeatureExtractor(TorchScriptFixtures.path("features"), Device.cpu())) {
            NDList maps = f.features(expected("images"));
            assertEquals(4, maps.size());
            for (int i = 0; i < 4; i++) {
                assertClose(expected("features_" + i), maps.get(i), TOLERANCE, "map " + i);
            }
        }
    }

    /**
     * DJL's own forward with training=true calls module.train(). A module traced in evaluation mode
     * keeps its BatchNorm in evaluation behaviour anyway, because tracing fixes it.
     */
    @Test
    void tracedBatchNormIgnoresTrainingFlag() {
        try (TorchScriptRegressor r =
                (TorchScriptRegressor)
                        Models.loadRegressor(TorchScriptFixtures.path("regressor"), Device.cpu())) {
            PtSymbolBlock block = (PtSymbolBlock) r.block();
            NDArray input = ImageNormalization.IMAGENET.apply(expected("images"));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray evaluation = block.forward(store, new NDList(input), false).head();
            NDArray training = block.forward(store, new NDList(input), true).head();
            NDArray trainingAgain = block.forward(store, new NDList(input), true).head();
            NDArray evaluationAfter = block.forward(store, new NDList(input), false).head();

            assertClose(expected("regressor"), evaluation, TOLERANCE, "evaluation");
            assertClose(evaluation, training, 0f, "training=true");
            assertClose(evaluation, trainingAgain, 0f, "second training=true");
            // Changed running statistics would change the evaluation output.
            assertClose(evaluation, evaluationAfter, 0f, "evaluation after training calls");
        }
    }

    /**
     * A scripted module, unlike a traced one, switches BatchNorm and dropout with module.train().
     * The TorchScript models run it in evaluation mode in every call, also while a gradient
     * collector records.
     */
    @Test
    void scriptedBatchNormStaysInEvaluationMode() {
        Path folder = TorchScriptFixtures.path("regressor-scripted");
        try (AttributeRegressor r = Models.loadRegressor(folder, Device.cpu())) {
            NDArray images = expected("images");
            NDArray before = r.logits(images);
            assertClose(expected("regressor"), before, TOLERANCE, "scripted logits");

            NDArray recorded;
            NDArray input = images.duplicate();
            input.setRequiresGradient(true);
            try (GradientCollector collector = Engines.pytorch().newGradientCollector()) {
                recorded = r.logits(input.mul(1f));
                collector.backward(recorded.sum());
            }
            assertClose(before, recorded, 0f, "logits while recording");
            assertClose(expected("regressor_grad"), input.getGradient(), 1e-4f, "gradient");
            assertClose(before, r.logits(images), 0f, "logits after recording");
        }
    }

    /**
     * Shows why the TorchScript models bypass PtSymbolBlock.forward: after a call with
     * training=false, a call with training=true puts a scripted module in training mode, which uses
     * batch statistics and overwrites the running statistics.
     */
    @Test
    void djlTrainingFlagChangesScriptedBatchNorm() {
        Path folder = TorchScriptFixtures.path("regressor-scripted");
        try (TorchScriptRegressor r =
                (TorchScriptRegressor) Models.loadRegressor(folder, Device.cpu())) {
            PtSymbolBlock block = (PtSymbolBlock) r.block();
            NDArray input = ImageNormalization.IMAGENET.apply(expected("images"));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray evaluation = block.forward(store, new NDList(input), false).head();
            NDArray training = block.forward(store, new NDList(input), true).head();
            NDArray evaluationAfter = r.logits(expected("images"));

            assertClose(expected("regressor"), evaluation, TOLERANCE, "evaluation");
            float trainingDifference = training.sub(evaluation).abs().max().getFloat();
            assertTrue(trainingDifference > 1e-3f, "training=true changed nothing");
            float statisticsDifference = evaluationAfter.sub(evaluation).abs().max().getFloat();
            assertTrue(statisticsDifference > 1e-4f, "running statistics did not change");
        }
    }

    @Test
    void parametersAreFrozenAtLoad() {
        try (Generator g =
                Models.loadGenerator(TorchScriptFixtures.path("generator"), Device.cpu())) {
            assertFalse(g.block().getParameters().isEmpty());
            g.block()
                    .getParameters()
                    .forEach(p -> assertFalse(p.getValue().getArray().hasGradient(), p.getKey()));
        }
    }

    @Test
    void probeRunsOnBatchOfTwo() {
        try (Generator g =
                Models.loadGenerator(TorchScriptFixtures.path("generator"), Device.cpu())) {
            NDArray z = manager.randomNormal(new Shape(5, 16));
            assertEquals(
                    new Shape(5, 3, 16, 16), g.synthesis(g.broadcast(g.mapping(z))).getShape());
        }
    }
}
