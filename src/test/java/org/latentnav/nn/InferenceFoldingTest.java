package org.latentnav.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentnav.engine.Engines;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.DjlGenerator;
import org.latentnav.model.DjlRegressor;
import org.latentnav.model.ModelFolder;
import org.latentnav.model.Models;
import org.latentnav.testing.TinyModels;

/**
 * The inference shortcuts of frozen models give the same numbers as the plain forward pass:
 * BatchNorm folded into convolutions ({@link FoldedBlock}) and the generator's cached weight terms
 * ({@link FrozenTerms}).
 */
class InferenceFoldingTest {
    @TempDir Path dir;

    /** Replaces every parameter with random values, so that no term is trivially 0 or 1. */
    private static void randomise(Block block, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray a = p.getValue().getArray();
            float[] values = new float[(int) a.size()];
            boolean variance = p.getKey().endsWith("runningVar");
            for (int i = 0; i < values.length; i++) {
                values[i] =
                        variance
                                ? (float) (0.2 + random.nextDouble())
                                : (float) (random.nextDouble() - 0.5);
            }
            a.set(values);
        }
    }

    private static float maxDifference(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    private static float maxAbs(NDArray a) {
        return a.abs().max().getFloat();
    }

    @Test
    void foldedRegressorsMatchTheirBlocks() {
        for (RegressorArchitecture architecture :
                List.of(RegressorArchitecture.MOBILENETV2, RegressorArchitecture.RESNET50)) {
            try (DjlRegressor r =
                            Models.newRegressor(
                                    architecture, 32, List.of("A", "B", "C"), 1, Device.cpu());
                    NDManager m = Engines.pytorch().newBaseManager(Device.cpu())) {
                randomise(r.block(), 7);
                NDArray images = m.randomUniform(-1, 1, new Shape(3, 3, 32, 32));
                NDArray plainLogits = r.logits(images, false);
                NDArray plainFeatures = r.penultimate(images);

                // MobileNetV2 has 53 convolutions, each followed by a BatchNorm; ResNet-50 has 53
                // too, but at 32 px its stem convolution has none.
                int pairs = r.foldForInference();
                assertEquals(
                        architecture == RegressorArchitecture.MOBILENETV2 ? 53 : 52,
                        pairs,
                        architecture + " folded pairs");
                NDArray foldedLogits = r.logits(images, false);
                NDArray foldedFeatures = r.penultimate(images);
                float scale = 1 + maxAbs(plainLogits);
                assertTrue(
                        maxDifference(plainLogits, foldedLogits) < 1e-4 * scale,
                        architecture
                                + " logits moved by "
                                + maxDifference(plainLogits, foldedLogits));
                assertTrue(
                        maxDifference(plainFeatures, foldedFeatures)
                                < 1e-4 * (1 + maxAbs(plainFeatures)),
                        architecture + " penultimate features differ");
                // The folded copy has its own weights: the running statistics above were not
                // the initial 0 and 1, so an unfolded BatchNorm would give other numbers.
                assertTrue(maxAbs(plainLogits) > 0);
            }
        }
    }

    @Test
    void foldedMobileNetKeepsInputGradient() {
        try (DjlRegressor regressor =
                        Models.newRegressor(
                                RegressorArchitecture.MOBILENETV2,
                                32,
                                List.of("A", "B", "C"),
                                1,
                                Device.cpu());
                NDManager manager = Engines.pytorch().newBaseManager(Device.cpu())) {
            randomise(regressor.block(), 5);
            regressor.block().freezeParameters(true);
            Shape shape = new Shape(2, 3, 32, 32);
            try (FoldedBlock folded = FoldedBlock.fold(regressor.block(), shape, manager)) {
                // Every ReLU6 of DJL's MobileNetV2 (36 at this DJL version) runs as a clamp
                // while no gradient is recorded.
                assertEquals(36, folded.clampedActivations());
                NDArray images = manager.randomUniform(-1, 1, shape);
                ParameterStore store = new ParameterStore(manager, false);
                NDArray plain =
                        inputGradient(
                                images, x -> regressor.block().forward(store, x, false).head());
                NDArray foldedGradient = inputGradient(images, x -> folded.forward(x).head());
                float relative =
                        plain.sub(foldedGradient).norm().getFloat() / plain.norm().getFloat();
                assertTrue(relative < 1e-3f, "input gradients differ by " + relative);
                assertTrue(maxAbs(plain) > 0);
            }
        }
    }

    @Test
    void relu6ClampsOnlyWithoutGradients() {
        SequentialBlock block = new SequentialBlock().add(Activation.relu6Block());
        try (NDManager manager = Engines.pytorch().newBaseManager(Device.cpu())) {
            Shape shape = new Shape(1, 4);
            block.initialize(manager, DataType.FLOAT32, shape);
            try (FoldedBlock folded = FoldedBlock.fold(block, shape, manager)) {
                assertEquals(1, folded.clampedActivations());
                NDArray values = manager.create(new float[] {-1f, 3f, 6f, 9f}, shape);
                float[] plain = folded.forward(new NDList(values)).head().toFloatArray();
                assertArrayEquals(new float[] {0f, 3f, 6f, 6f}, plain);

                // At exactly 6, DJL's min(relu(x), 6) splits the gradient between the tied
                // operands (0.5), where a clamp passes all of it. The recorded pass must be DJL's.
                NDArray x = values.duplicate();
                x.setRequiresGradient(true);
                try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
                    gc.backward(folded.forward(new NDList(x.mul(1f))).head().sum());
                }
                assertArrayEquals(new float[] {0f, 1f, 0.5f, 0f}, x.getGradient().toFloatArray());
            }
        }
    }

    private static NDArray inputGradient(NDArray images, Function<NDList, NDArray> network) {
        NDArray x = images.duplicate();
        x.setRequiresGradient(true);
        try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
            NDArray logits = network.apply(new NDList(x));
            // Weights that differ per output, so that no gradient cancels out.
            gc.backward(logits.mul(logits.getManager().arange(1f, 1f + logits.size(1))).sum());
        }
        return x.getGradient().duplicate();
    }

    @Test
    void loadedRegressorFoldsAndPassesGradients() throws Exception {
        Path folder = dir.resolve("regressor");
        try (DjlRegressor r =
                        Models.newRegressor(
                                RegressorArchitecture.MOBILENETV2,
                                32,
                                List.of("A", "B"),
                                1,
                                Device.cpu());
                NDManager m = Engines.pytorch().newBaseManager(Device.cpu())) {
            randomise(r.block(), 11);
            ModelFolder.save(folder, r.card(), r.block());
            NDArray images = m.randomUniform(0, 1, new Shape(2, 3, 32, 32));
            NDArray expected = r.logits(images, false);
            try (AttributeRegressor loaded = Models.loadRegressor(folder, Device.cpu())) {
                DjlRegressor folded = (DjlRegressor) loaded;
                assertEquals(53, folded.foldForInference(), "loading folds the regressor");
                images.setRequiresGradient(true);
                try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
                    NDArray logits = folded.logits(images);
                    assertTrue(maxDifference(expected, logits) < 1e-4 * (1 + maxAbs(expected)));
                    gc.backward(logits.sum());
                }
                assertTrue(maxAbs(images.getGradient()) > 0, "no gradient reached the input");
                // Training mode would move the running statistics that the folded copy froze.
                assertThrows(IllegalStateException.class, () -> folded.logits(images, true));
            }
        }
    }

    @Test
    void cachedTermsFollowLoadedWeights() throws Exception {
        try (DjlGenerator g = TinyModels.generator(5);
                DjlGenerator other = TinyModels.generator(6);
                NDManager m = Engines.pytorch().newBaseManager(Device.cpu())) {
            randomise(g.block(), 21);
            randomise(other.block(), 22);
            StyleGan2Generator net = (StyleGan2Generator) g.block();
            ParameterStore ps = new ParameterStore(m, false);
            NDArray z = m.randomNormal(new Shape(2, TinyModels.CONFIG.latentSize()));
            NDArray ws = g.broadcast(net.mapping(ps, z, false));
            NDArray plain = net.synthesis(ps, ws, false);
            StyleGan2Generator otherNet = (StyleGan2Generator) other.block();
            NDArray plainOther =
                    otherNet.synthesis(ps, other.broadcast(otherNet.mapping(ps, z, false)), false);

            net.freezeParameters(true);
            net.cacheFrozenTerms(m);
            NDArray cachedWs = g.broadcast(net.mapping(ps, z, false));
            NDArray cached = net.synthesis(ps, cachedWs, false);
            assertTrue(maxDifference(ws, cachedWs) < 1e-4 * (1 + maxAbs(ws)), "mapping differs");
            assertTrue(
                    maxDifference(plain, cached) < 1e-4 * (1 + maxAbs(plain)),
                    "cached synthesis differs by " + maxDifference(plain, cached));

            // Loading other weights replaces the arrays: the stale terms must not be used.
            byte[] bytes = ModelFolder.parameterBytes(other.block());
            net.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes)));
            // A ParameterStore keeps the arrays it has handed out; a new one returns the loaded
            // ones.
            ps = new ParameterStore(m, false);
            NDArray reloaded = net.synthesis(ps, g.broadcast(net.mapping(ps, z, false)), false);
            assertTrue(
                    maxDifference(plainOther, reloaded) < 1e-4 * (1 + maxAbs(plainOther)),
                    "reloaded generator used the old cached terms");
            assertTrue(maxDifference(plain, reloaded) > 1e-3, "the two generators should differ");
        }
    }

    @Test
    void biasedConvolutionFoldsAndStopIsRejected() {
        SequentialBlock block =
                new SequentialBlock()
                        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).build())
                        .add(BatchNorm.builder().build())
                        .add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(2).build());
        try (NDManager m = Engines.pytorch().newBaseManager(Device.cpu())) {
            block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 8, 8));
            randomise(block, 31);
            NDArray x = m.randomUniform(-1, 1, new Shape(2, 3, 8, 8));
            NDArray plain =
                    block.forward(new ParameterStore(m, false), new NDList(x), false).head();
            try (FoldedBlock folded = FoldedBlock.fold(block, new Shape(2, 3, 8, 8), m)) {
                assertEquals(1, folded.fusedPairs());
                NDArray out = folded.forward(new NDList(x)).head();
                assertTrue(maxDifference(plain, out) < 1e-4 * (1 + maxAbs(plain)));
                assertThrows(
                        IllegalArgumentException.class,
                        () -> folded.forwardChildren(new NDList(x), 1));
                assertEquals(
                        new Shape(2, 4 * 6 * 6),
                        folded.forwardChildren(new NDList(x), 3).head().getShape());
            }
        }
    }
}
