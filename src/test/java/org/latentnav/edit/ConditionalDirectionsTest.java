package org.latentnav.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.latentnav.engine.Engines;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.DjlGenerator;
import org.latentnav.testing.TinyModels;
import org.latentnav.train.Seeds;

class ConditionalDirectionsTest {
    private static NDManager manager;
    private static DjlGenerator generator;
    private static AttributeRegressor regressor;

    @BeforeAll
    static void setUp() {
        manager = Engines.pytorch().newBaseManager();
        generator = TinyModels.generator(3);
        regressor = TinyModels.channelMeans(8f);
    }

    @AfterAll
    static void tearDown() {
        generator.close();
        manager.close();
    }

    private static NDArray randomDirections(long seed, int batch, int count, int size) {
        float[] values = Seeds.gaussian(new SplittableRandom(seed), batch * count * size);
        return manager.create(values, new Shape(batch, count, size));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static float[] row(NDArray directions, int sample, int index) {
        return directions.get(new NDIndex("{}, {}, :", sample, index)).toFloatArray();
    }

    @Test
    void movingRowsAreOrthogonalToHeldRow() {
        NDArray directions = randomDirections(1, 2, 3, 8);
        NDArray projected =
                ConditionalDirections.project(directions, new boolean[] {false, true, false});

        for (int b = 0; b < 2; b++) {
            float[] held = row(directions, b, 1);
            for (int moving : new int[] {0, 2}) {
                float[] original = row(directions, b, moving);
                float[] result = row(projected, b, moving);
                assertEquals(0, dot(result, held), 1e-4, "sample " + b + " row " + moving);

                // The result is the original minus its projection on the held direction.
                double scale = dot(original, held) / dot(held, held);
                for (int k = 0; k < original.length; k++) {
                    assertEquals(original[k] - scale * held[k], result[k], 1e-4, "element " + k);
                }
            }
            assertArrayEquals(new float[8], row(projected, b, 1), 1e-6f, "held row " + b);
        }
    }

    @Test
    void twoNonOrthogonalHeldRowsAreBothRemoved() {
        NDArray directions = randomDirections(2, 1, 4, 6);
        NDArray projected =
                ConditionalDirections.project(directions, new boolean[] {true, false, true, false});

        float[] first = row(directions, 0, 0);
        float[] second = row(directions, 0, 2);
        assertTrue(Math.abs(dot(first, second)) > 0.1, "test rows should not be orthogonal");
        for (int moving : new int[] {1, 3}) {
            float[] result = row(projected, 0, moving);
            assertEquals(0, dot(result, first), 1e-4, "row " + moving + " along held row 0");
            assertEquals(0, dot(result, second), 1e-4, "row " + moving + " along held row 2");
            assertTrue(dot(result, result) > 1e-3, "row " + moving + " vanished");
        }
    }

    @Test
    void dependentHeldRowsGiveFiniteResult() {
        float[] base = {1f, 2f, 0f, -1f};
        float[] values = new float[3 * 4];
        for (int k = 0; k < 4; k++) {
            values[k] = base[k];
            values[4 + k] = 2f * base[k];
            values[8 + k] = k == 2 ? 3f : 1f;
        }
        NDArray directions = manager.create(values, new Shape(1, 3, 4));
        NDArray projected =
                ConditionalDirections.project(directions, new boolean[] {true, true, false});

        float[] result = row(projected, 0, 2);
        for (float v : result) {
            assertTrue(Float.isFinite(v), Arrays.toString(result));
        }
        assertEquals(0, dot(result, base), 1e-5);
        assertEquals(3f, result[2], 1e-5f, "the component orthogonal to the held span stays");
    }

    @Test
    void nothingHeldReturnsInput() {
        NDArray directions = randomDirections(3, 1, 2, 4);
        assertSame(directions, ConditionalDirections.project(directions, new boolean[2]));
    }

    @Test
    void wrongFlagCountIsRejected() {
        NDArray directions = randomDirections(4, 1, 2, 4);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ConditionalDirections.project(directions, new boolean[3]));
        assertTrue(e.getMessage().contains("3"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(
            value = LatentSpace.class,
            names = {"W", "W_PLUS"})
    void heldAttributeDoesNotMoveLatent(LatentSpace space) {
        try (DirectionSet directions =
                DirectionSet.create(
                        generator,
                        TinyModels.ATTRIBUTES,
                        space,
                        DirectionKind.GLOBAL,
                        0,
                        generator.numWs(),
                        Device.cpu())) {
            Navigator navigator = new Navigator(generator, regressor, directions);
            NDArray z = manager.randomNormal(new Shape(1, generator.latentSize()));
            NDArray delta = manager.create(new float[] {0.8f, 0.6f}, new Shape(1, 2));
            boolean[] held = {false, true};

            NDArray base = navigator.wPlus(z, 0.7f);
            NDArray edited = navigator.editedWPlus(z, delta, 0.7f, held);
            float[] heldDirection = directions.directions(z, false).get("0, 1, :").toFloatArray();
            float[] move = edited.sub(base).toFloatArray();
            if (space == LatentSpace.W) {
                move = Arrays.copyOf(move, generator.latentSize());
            }
            double length = Math.sqrt(dot(move, move));

            assertTrue(length > 1e-4, "the moving attribute should still move the latent");
            assertEquals(0, dot(move, heldDirection) / length, 1e-4);
        }
    }

    @Test
    void heldDeltaIsIgnored() {
        try (DirectionSet directions =
                DirectionSet.create(
                        generator,
                        TinyModels.ATTRIBUTES,
                        LatentSpace.W_PLUS,
                        DirectionKind.LOCAL,
                        0,
                        generator.numWs(),
                        Device.cpu())) {
            Navigator navigator = new Navigator(generator, regressor, directions);
            NDArray z = manager.randomNormal(new Shape(2, generator.latentSize()));
            boolean[] held = {true, false};
            NDArray withHeldDelta = manager.create(new float[] {0.9f, 0.4f, -0.5f, 0.2f});
            NDArray withoutHeldDelta = manager.create(new float[] {0f, 0.4f, 0f, 0.2f});

            float[] a =
                    navigator.editedWPlus(z, withHeldDelta.reshape(2, 2), 1f, held).toFloatArray();
            float[] b =
                    navigator
                            .editedWPlus(z, withoutHeldDelta.reshape(2, 2), 1f, held)
                            .toFloatArray();
            assertArrayEquals(b, a, 1e-6f);
        }
    }

    @Test
    void conditionalEditKeepsLayerRange() {
        try (DirectionSet directions =
                DirectionSet.create(
                        generator,
                        TinyModels.ATTRIBUTES,
                        LatentSpace.W_PLUS,
                        DirectionKind.GLOBAL,
                        2,
                        4,
                        Device.cpu())) {
            Navigator navigator = new Navigator(generator, regressor, directions);
            NDArray z = manager.randomNormal(new Shape(1, generator.latentSize()));
            NDArray delta = manager.create(new float[] {1f, 1f}, new Shape(1, 2));
            NDArray moved =
                    navigator
                            .editedWPlus(z, delta, 1f, new boolean[] {true, false})
                            .sub(navigator.wPlus(z, 1f));
            float[] perLayer = moved.abs().sum(new int[] {2}).toFloatArray();
            for (int layer = 0; layer < perLayer.length; layer++) {
                boolean inside = layer >= 2 && layer < 4;
                assertEquals(inside, perLayer[layer] > 0, "layer " + layer);
            }
            assertFalse(Float.isNaN(perLayer[2]));
        }
    }
}
