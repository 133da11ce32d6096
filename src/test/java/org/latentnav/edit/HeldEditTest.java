package org.latentnav.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.latentnav.engine.Engines;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.DjlGenerator;
import org.latentnav.testing.TinyModels;
import org.latentnav.train.Seeds;

/**
 * The closed-loop hold of {@link Navigator#editHolding}, on a tiny generator and a regressor whose
 * attributes are the mean red and green values of the image.
 */
class HeldEditTest {
    private static final float PSI = 0.7f;
    private static final boolean[] HOLD_GREEN = {false, true};

    private static NDManager manager;
    private static DjlGenerator generator;
    private static AttributeRegressor regressor;

    @BeforeAll
    static void setUp() {
        manager = Engines.pytorch().newBaseManager();
        generator = TinyModels.generator(5);
        regressor = TinyModels.channelMeans(2f);
    }

    @AfterAll
    static void tearDown() {
        generator.close();
        manager.close();
    }

    private static DirectionSet directions() {
        return DirectionSet.create(
                generator,
                TinyModels.ATTRIBUTES,
                LatentSpace.W_PLUS,
                DirectionKind.GLOBAL,
                0,
                generator.numWs(),
                Device.cpu());
    }

    private static NDArray latents(long seed, int batch) {
        return manager.create(
                Seeds.gaussian(new SplittableRandom(seed), batch * generator.latentSize()),
                new Shape(batch, generator.latentSize()));
    }

    /**
     * Sets each direction to the regressor's gradient for its attribute at w+ of {@code z}, divided
     * by the gradient's squared norm, so that a step of c changes the attribute by about c to first
     * order, as trained directions do. Red's direction also gets half of Green's, so that moving
     * Red alone moves Green. The projection then removes Green's first-order change, and the
     * correction has to remove what the generator's curvature leaves.
     */
    private static void calibrate(DirectionSet set, Navigator navigator, NDArray z) {
        NDArray[] gradients = new NDArray[2];
        for (int attribute = 0; attribute < 2; attribute++) {
            NDArray w = navigator.wPlus(z, PSI);
            w.setRequiresGradient(true);
            try (GradientCollector collector = Engines.pytorch().newGradientCollector()) {
                NDArray value =
                        navigator
                                .alpha(generator.synthesis(w))
                                .get(new NDIndex(":, {}", attribute))
                                .sum();
                collector.backward(value);
            }
            NDArray g = w.getGradient().reshape(1, -1);
            gradients[attribute] = g.div(g.square().sum()).duplicate();
        }
        NDArray rows = gradients[0].add(gradients[1].mul(0.5f)).concat(gradients[1], 0);
        NDArray parameter = set.block().getParameters().get("directions").getArray();
        set.block().freezeParameters(true);
        parameter.set(new NDIndex(":, :"), rows);
    }

    @Test
    void zeroRoundsGiveProjectedEdit() {
        try (DirectionSet set = directions()) {
            Navigator navigator = new Navigator(generator, regressor, set);
            NDArray z = latents(1, 3);
            NDArray alpha = navigator.alpha(navigator.render(navigator.wPlus(z, PSI)));
            NDArray delta =
                    manager.create(new float[] {0.5f, 0f, -0.4f, 0f, 0.3f, 0f}, new Shape(3, 2));

            Navigator.HeldEdit edit =
                    navigator.editHolding(z, alpha, delta, PSI, HOLD_GREEN, 0, 0f);

            NDArray projected = navigator.render(navigator.editedWPlus(z, delta, PSI, HOLD_GREEN));
            assertArrayEquals(projected.toFloatArray(), edit.images().toFloatArray(), 1e-6f);
            assertEquals(0, edit.rounds());
            float[] expected = alpha.sub(edit.values()).abs().get(":, 1").toFloatArray();
            assertArrayEquals(expected, edit.heldError().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void correctionRestoresHeldAttribute() {
        try (DirectionSet set = directions()) {
            Navigator navigator = new Navigator(generator, regressor, set);
            NDArray z = latents(2, 1);
            calibrate(set, navigator, z);
            NDArray alpha = navigator.alpha(navigator.render(navigator.wPlus(z, PSI)));
            NDArray delta = manager.create(new float[] {0.05f, 0f}, new Shape(1, 2));

            NDArray free =
                    navigator.alpha(navigator.render(navigator.editedWPlus(z, delta, PSI, false)));
            float unheld = Math.abs(free.getFloat(0, 1) - alpha.getFloat(0, 1));
            float projected =
                    navigator
                            .editHolding(z, alpha, delta, PSI, HOLD_GREEN, 0, 0f)
                            .heldError()
                            .getFloat(0);
            Navigator.HeldEdit corrected =
                    navigator.editHolding(z, alpha, delta, PSI, HOLD_GREEN, 3, 0f);

            assertTrue(unheld > 0.02f, "moving Red alone should move Green, moved " + unheld);
            assertTrue(
                    projected > 1e-3f, "the projection should leave some error, got " + projected);
            assertTrue(
                    corrected.heldError().getFloat(0) < 0.5f * projected,
                    "held error "
                            + corrected.heldError().getFloat(0)
                            + " after correction, "
                            + projected
                            + " before");
            assertTrue(
                    Math.abs(corrected.values().getFloat(0, 0) - alpha.getFloat(0, 0)) > 0.01f,
                    "Red should still move");
        }
    }

    @Test
    void keepsBestRoundPerSample() {
        try (DirectionSet set = directions()) {
            set.block().freezeParameters(true);
            set.block().getParameters().get("directions").getArray().muli(60f);
            Navigator navigator = new Navigator(generator, regressor, set);
            NDArray z = latents(3, 6);
            NDArray alpha = navigator.alpha(navigator.render(navigator.wPlus(z, PSI)));
            float[] eps = new float[12];
            for (int b = 0; b < 6; b++) {
                eps[2 * b] = b % 2 == 0 ? 0.8f : -0.8f;
            }
            NDArray delta = Navigator.delta(alpha, manager.create(eps, new Shape(6, 2)));

            Navigator.HeldEdit projection =
                    navigator.editHolding(z, alpha, delta, PSI, HOLD_GREEN, 0, 0f);
            float[] before = projection.heldError().toFloatArray();
            Navigator.HeldEdit after =
                    navigator.editHolding(z, alpha, delta, PSI, HOLD_GREEN, 4, 0f);

            assertEquals(4, after.rounds());
            float[] kept = after.keptRound().toFloatArray();
            float[] projected = projection.images().toFloatArray();
            float[] images = after.images().toFloatArray();
            int plane = images.length / kept.length;
            for (int b = 0; b < kept.length; b++) {
                assertTrue(kept[b] >= 0, "kept round " + kept[b]);
                assertTrue(kept[b] <= 4, "kept round " + kept[b]);
                boolean same =
                        Arrays.equals(
                                Arrays.copyOfRange(images, b * plane, (b + 1) * plane),
                                Arrays.copyOfRange(projected, b * plane, (b + 1) * plane));
                assertEquals(kept[b] == 0, same, "sample " + b + " kept round " + kept[b]);
            }
            float[] error = after.heldError().toFloatArray();
            for (int b = 0; b < error.length; b++) {
                assertTrue(
                        error[b] <= before[b] + 1e-6f,
                        "sample " + b + ": " + error[b] + " > " + before[b]);
            }
            assertArrayEquals(
                    navigator.alpha(after.images()).toFloatArray(),
                    after.values().toFloatArray(),
                    1e-5f);
        }
    }

    @Test
    void roundsFreeTheirActivations() {
        try (DirectionSet set = directions()) {
            set.block().freezeParameters(true);
            set.block().getParameters().get("directions").getArray().muli(60f);
            Navigator navigator = new Navigator(generator, regressor, set);
            NDArray z = latents(6, 2);
            NDArray alpha = navigator.alpha(navigator.render(navigator.wPlus(z, PSI)));
            NDArray delta = manager.create(new float[] {0.8f, 0f, -0.8f, 0f}, new Shape(2, 2));
            int[] live = new int[2];
            int[] rounds = {2, 12};
            for (int i = 0; i < 2; i++) {
                try (NDManager sub = manager.newSubManager()) {
                    NDArray zs = z.toDevice(Device.cpu(), true);
                    zs.attach(sub);
                    NDArray a = alpha.duplicate();
                    a.attach(sub);
                    NDArray d = delta.duplicate();
                    d.attach(sub);
                    Navigator.HeldEdit edit =
                            navigator.editHolding(zs, a, d, PSI, HOLD_GREEN, rounds[i], 0f);
                    assertEquals(rounds[i], edit.rounds());
                    live[i] = sub.getManagedArrays().size();
                }
            }
            // Without the per-round scope every round would leave a synthesis's worth of arrays.
            assertTrue(
                    live[1] - live[0] < 10 * 10,
                    "arrays left: " + live[0] + " after 2 rounds, " + live[1] + " after 12");
        }
    }

    @Test
    void stopsOnceWithinTolerance() {
        try (DirectionSet set = directions()) {
            Navigator navigator = new Navigator(generator, regressor, set);
            NDArray z = latents(4, 2);
            NDArray alpha = navigator.alpha(navigator.render(navigator.wPlus(z, PSI)));
            NDArray delta = manager.create(new float[] {0.5f, 0f, 0.5f, 0f}, new Shape(2, 2));

            assertEquals(
                    0, navigator.editHolding(z, alpha, delta, PSI, HOLD_GREEN, 5, 1f).rounds());
            Navigator.HeldEdit none =
                    navigator.editHolding(z, alpha, delta, PSI, new boolean[2], 5, 0f);
            assertEquals(0, none.rounds());
            assertArrayEquals(new float[] {0f, 0f}, none.heldError().toFloatArray());
            assertArrayEquals(
                    navigator.render(navigator.editedWPlus(z, delta, PSI, false)).toFloatArray(),
                    none.images().toFloatArray(),
                    1e-6f);
        }
    }

    @Test
    void rejectsBadArguments() {
        try (DirectionSet set = directions()) {
            Navigator navigator = new Navigator(generator, regressor, set);
            NDArray z = latents(5, 1);
            NDArray alpha = manager.zeros(new Shape(1, 2));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> navigator.editHolding(z, alpha, alpha, PSI, HOLD_GREEN, -1, 0f));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> navigator.editHolding(z, alpha, alpha, PSI, new boolean[3], 1, 0f));
        }
    }
}
