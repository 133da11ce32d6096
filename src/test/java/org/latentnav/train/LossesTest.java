package org.latentnav.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.latentnav.engine.Engines;

class LossesTest {
    private static NDManager manager;

    @BeforeAll
    static void setUp() {
        manager = Engines.pytorch().newBaseManager();
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    @Test
    void bceIsFiniteForExactZeroAndOne() {
        NDArray p = manager.create(new float[] {0f, 1f, 0f, 1f});
        NDArray t = manager.create(new float[] {0f, 1f, 1f, 0f});
        float loss = Losses.bce(p, t).getFloat();
        assertTrue(Float.isFinite(loss), "loss " + loss);
        // Two confident mistakes at the clamp: p = 0 costs -log(1e-7) = 16.12, and p = 1 costs
        // -log(1 - 0.99999988) = 15.94 because 1 - 1e-7 rounds to 0.99999988 in float32.
        assertEquals((16.118f + 15.942f) / 4, loss, 0.01f);
    }

    @Test
    void bceWithLogitsMatchesBceAndStaysFinite() {
        NDArray logits = manager.create(new float[] {-2f, 0.5f, 3f});
        NDArray t = manager.create(new float[] {0.1f, 0.7f, 1f});
        float fromLogits = Losses.bceWithLogits(logits, t).getFloat();
        float fromProbabilities = Losses.bce(logits.getNDArrayInternal().sigmoid(), t).getFloat();
        assertEquals(fromProbabilities, fromLogits, 1e-5f);

        NDArray extreme = manager.create(new float[] {-1e4f, 1e4f, -1e30f, 1e30f});
        NDArray wrong = manager.create(new float[] {1f, 0f, 1f, 0f});
        float loss = Losses.bceWithLogits(extreme, wrong).getFloat();
        assertTrue(Float.isFinite(loss), "loss " + loss);
    }

    @ParameterizedTest
    @EnumSource(Losses.DiscLoss.class)
    void discriminatorLossIsFiniteForExtremeLogits(Losses.DiscLoss kind) {
        NDArray logits = manager.create(new float[] {-1e4f, -88f, 0f, 88f, 1e4f});
        float loss = Losses.discriminator(logits, kind).getFloat();
        assertTrue(Float.isFinite(loss), kind + " loss " + loss);
    }

    @Test
    void discriminatorLossesMatchTheirDefinitions() {
        NDArray logits = manager.create(new float[] {0.3f});
        double d = 1 / (1 + Math.exp(-0.3));
        assertEquals(
                Math.log(1 - d),
                Losses.discriminator(logits, Losses.DiscLoss.PAPER).getFloat(),
                1e-6);
        assertEquals(
                -Math.log(d),
                Losses.discriminator(logits, Losses.DiscLoss.NON_SATURATING).getFloat(),
                1e-6);
    }

    @Test
    void softplusIsStableAndExact() {
        NDArray x = manager.create(new float[] {-100f, -1f, 0f, 1f, 100f});
        float[] y = Losses.softplus(x).toFloatArray();
        assertEquals(Math.log1p(Math.exp(-1)), y[1], 1e-6);
        assertEquals(Math.log(2), y[2], 1e-6);
        assertEquals(100f, y[4], 1e-4f);
        assertTrue(y[0] >= 0f && y[0] < 1e-30);
    }

    @Test
    void contentLossIsZeroForEqualFeaturesAndGrowsWithDistance() {
        NDArray a = manager.randomNormal(new ai.djl.ndarray.types.Shape(2, 3, 4, 4));
        NDList same = new NDList(a, a);
        assertEquals(0f, Losses.content(same, same).getFloat(), 1e-3f);
        NDList moved = new NDList(a.add(1f), a.add(2f));
        // RMS distances 1 and 2 average to 1.5.
        assertEquals(1.5f, Losses.content(moved, same).getFloat(), 1e-4f);
    }

    @Test
    void contentGradientMatchesElementwiseForm() {
        NDArray edited = manager.randomNormal(new Shape(2, 3, 4, 4));
        NDArray original = manager.randomNormal(new Shape(2, 3, 4, 4));
        NDArray vector = manager.randomNormal(new Shape(2, 5));
        NDArray shiftedVector = vector.add(0.5f);
        NDArray[] gradients = new NDArray[2];
        float[] values = new float[2];
        for (int k = 0; k < 2; k++) {
            NDArray editedMap = edited.duplicate();
            NDArray editedVector = vector.duplicate();
            editedMap.setRequiresGradient(true);
            editedVector.setRequiresGradient(true);
            try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
                NDArray loss;
                if (k == 0) {
                    loss =
                            Losses.content(
                                    new NDList(editedMap, editedVector),
                                    new NDList(original, shiftedVector));
                } else {
                    // The definition, element by element.
                    NDArray mapDistance = editedMap.sub(original).square().mean().add(1e-8f).sqrt();
                    NDArray vectorDistance =
                            editedVector.sub(shiftedVector).square().mean().add(1e-8f).sqrt();
                    loss = mapDistance.add(vectorDistance).div(2);
                }
                values[k] = loss.getFloat();
                gc.backward(loss);
            }
            gradients[k] = editedMap.getGradient().duplicate();
        }
        assertEquals(values[1], values[0], 1e-5f);
        assertTrue(gradients[0].sub(gradients[1]).abs().max().getFloat() < 1e-6f);
        assertTrue(gradients[0].abs().max().getFloat() > 1e-3f, "the gradient must not vanish");
    }

    @Test
    void contentGradientIsFiniteForEqualFeatures() {
        NDArray features = manager.randomNormal(new Shape(2, 3));
        NDArray edited = features.duplicate();
        edited.setRequiresGradient(true);
        try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
            gc.backward(Losses.content(new NDList(edited), new NDList(features)));
        }
        float[] gradient = edited.getGradient().toFloatArray();
        for (float g : gradient) {
            assertTrue(Float.isFinite(g), "gradient " + Arrays.toString(gradient));
        }
    }
}
