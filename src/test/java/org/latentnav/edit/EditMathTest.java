package org.latentnav.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.latentnav.engine.Engines;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.DjlGenerator;
import org.latentnav.testing.TinyModels;

class EditMathTest {
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

    @ParameterizedTest(name = "alpha {0} epsilon {1} -> delta {2}")
    @CsvSource({
        "0.0, -1.0, 0.0",
        "0.0, 1.0, 1.0",
        "1.0, -1.0, -1.0",
        "1.0, 1.0, 0.0",
        "0.3, 1.0, 0.7",
        "0.3, -1.0, -0.3",
        "0.3, 0.5, 0.5",
        "0.8, 0.5, 0.2",
        "0.6, 0.0, 0.0"
    })
    void deltaClipsTargetIntoUnitRange(float alpha, float epsilon, float expected) {
        NDArray delta =
                Navigator.delta(
                        manager.create(new float[] {alpha}), manager.create(new float[] {epsilon}));
        assertEquals(expected, delta.getFloat(0), 1e-6f);
    }

    @ParameterizedTest
    @EnumSource(LatentSpace.class)
    void zeroEpsilonLeavesImageUnchanged(LatentSpace space) {
        for (DirectionKind kind : DirectionKind.values()) {
            try (DirectionSet directions =
                    DirectionSet.create(
                            generator,
                            TinyModels.ATTRIBUTES,
                            space,
                            kind,
                            0,
                            generator.numWs(),
                            Device.cpu())) {
                Navigator navigator = new Navigator(generator, regressor, directions);
                NDArray z = manager.randomNormal(new Shape(3, generator.latentSize()));
                NDArray original = navigator.render(navigator.wPlus(z, 0.7f));
                NDArray alpha = navigator.alpha(original);
                NDArray delta = Navigator.delta(alpha, manager.zeros(alpha.getShape()));
                NDArray edited = navigator.render(navigator.editedWPlus(z, delta, 0.7f, false));

                assertArrayEquals(new float[6], delta.toFloatArray(), space + " " + kind);
                assertArrayEquals(
                        original.toFloatArray(), edited.toFloatArray(), space + " " + kind);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(LatentSpace.class)
    void nonZeroEpsilonChangesImage(LatentSpace space) {
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
            NDArray original = navigator.render(navigator.wPlus(z, 1f));
            NDArray delta = manager.create(new float[] {0.5f, 0f}, new Shape(1, 2));
            NDArray edited = navigator.render(navigator.editedWPlus(z, delta, 1f, false));
            assertFalse(Arrays.equals(original.toFloatArray(), edited.toFloatArray()));
        }
    }

    @org.junit.jupiter.api.Test
    void layerRangeLimitsWPlusEdit() {
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
            NDArray moved = navigator.editedWPlus(z, delta, 1f, false).sub(navigator.wPlus(z, 1f));
            float[] perLayer = moved.abs().sum(new int[] {2}).toFloatArray();
            for (int layer = 0; layer < perLayer.length; layer++) {
                boolean inside = layer >= 2 && layer < 4;
                assertEquals(
                        inside,
                        perLayer[layer] > 0,
                        "layer " + layer + " moved " + perLayer[layer]);
            }
        }
    }
}
