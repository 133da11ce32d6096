package org.latentnav.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.latentnav.engine.Engines;
import org.latentnav.model.DjlDiscriminator;
import org.latentnav.model.DjlGenerator;
import org.latentnav.testing.TinyModels;

class GeneratorShapeTest {
    @Test
    void numWsFollowsResolution() {
        assertEquals(10, GeneratorConfig.defaults().numWs());
        assertEquals(6, TinyModels.CONFIG.numWs());
        assertThrows(IllegalArgumentException.class, () -> new GeneratorConfig(16, 2, 48, 64, 16));
    }

    @Test
    void synthesisProducesImagesOfTheResolution() {
        try (DjlGenerator g = TinyModels.generator(1);
                DjlDiscriminator d = TinyModels.discriminator(2);
                NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray z = m.randomNormal(new Shape(3, 16));
            NDArray w = g.mapping(z);
            assertEquals(new Shape(3, 16), w.getShape());
            NDArray images = g.synthesis(g.broadcast(w));
            assertEquals(new Shape(3, 3, 16, 16), images.getShape());
            assertEquals(new Shape(3), d.logits(images).getShape());
        }
    }

    @Test
    void constNoiseMakesRenderingDeterministic() {
        try (DjlGenerator g = TinyModels.generator(1);
                NDManager m = Engines.pytorch().newBaseManager()) {
            NDArray z = m.randomNormal(new Shape(2, 16));
            float[] first = g.synthesis(g.broadcast(g.mapping(z))).toFloatArray();
            float[] second = g.synthesis(g.broadcast(g.mapping(z))).toFloatArray();
            assertArrayEquals(first, second);
        }
    }

    @Test
    void demodulationKeepsActivationsBounded() {
        // With demodulation, unit-variance inputs give roughly unit-variance outputs whatever
        // the style magnitude; a broken demodulation scales with the style.
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            ModulatedConv2d conv = new ModulatedConv2d(8, 16, 16, 3, true);
            conv.initialize(
                    m,
                    ai.djl.ndarray.types.DataType.FLOAT32,
                    new Shape(1, 16, 8, 8),
                    new Shape(1, 8));
            ai.djl.training.ParameterStore ps = new ai.djl.training.ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(4, 16, 8, 8));
            NDArray small = conv.forward(ps, x, m.randomNormal(new Shape(4, 8)), false);
            NDArray large = conv.forward(ps, x, m.randomNormal(new Shape(4, 8)).mul(100), false);
            float stdSmall = small.square().mean().sqrt().getFloat();
            float stdLarge = large.square().mean().sqrt().getFloat();
            assertTrue(stdSmall > 0.3f && stdSmall < 3f, "std " + stdSmall);
            assertTrue(stdLarge > 0.3f && stdLarge < 3f, "std " + stdLarge);
        }
    }

    @Test
    void inputGainEqualsScaledInput() {
        // Synthesis layers leave their activation's gain to the layers that read them. Each of
        // those must match the plain layer on the scaled input, with and without demodulation.
        for (boolean demodulate : new boolean[] {true, false}) {
            try (NDManager m = Engines.pytorch().newBaseManager()) {
                int kernel = demodulate ? 3 : 1;
                ModulatedConv2d plain = new ModulatedConv2d(8, 6, 5, kernel, demodulate);
                ModulatedConv2d gained =
                        new ModulatedConv2d(
                                8, 6, 5, kernel, demodulate, SynthesisLayer.OUTPUT_GAIN);
                Shape[] shapes = {new Shape(1, 6, 8, 8), new Shape(1, 8)};
                plain.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, shapes);
                gained.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, shapes);
                for (var p : plain.getParameters()) {
                    gained.getParameters()
                            .get(p.getKey())
                            .getArray()
                            .set(p.getValue().getArray().toFloatArray());
                }
                ai.djl.training.ParameterStore ps = new ai.djl.training.ParameterStore(m, false);
                NDArray x = m.randomNormal(new Shape(3, 6, 8, 8));
                NDArray w = m.randomNormal(new Shape(3, 8));
                NDArray expected = plain.forward(ps, x.mul(SynthesisLayer.OUTPUT_GAIN), w, false);
                NDArray actual = gained.forward(ps, x, w, false);
                float error = expected.sub(actual).abs().max().getFloat();
                assertTrue(error < 1e-5f, "demodulate " + demodulate + ": " + error);
                assertTrue(
                        plain.forward(ps, x, w, false).sub(actual).abs().max().getFloat() > 0.01f,
                        "the gain must change the output");
            }
        }
    }
}
