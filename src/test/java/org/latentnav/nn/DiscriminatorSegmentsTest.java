package org.latentnav.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.latentnav.engine.Engines;
import org.latentnav.model.DjlDiscriminator;
import org.latentnav.testing.TinyModels;

/** The discriminator's pass over stacked batches, as the GAN trainer runs fake and real images. */
class DiscriminatorSegmentsTest {
    @Test
    void stackedBatchesScoreAsSeparatePasses() {
        try (DjlDiscriminator d = TinyModels.discriminator(2);
                NDManager m = Engines.pytorch().newBaseManager()) {
            ResidualDiscriminator net = d.net();
            ParameterStore ps = new ParameterStore(m, false);
            NDArray first = m.randomUniform(-1f, 1f, new Shape(8, 3, 16, 16));
            // A batch with another spread, so that its minibatch statistics differ.
            NDArray second = m.randomUniform(-1f, 1f, new Shape(8, 3, 16, 16)).mul(0.2f);
            NDArray stacked = first.concat(second, 0);
            for (boolean training : new boolean[] {false, true}) {
                float[] separate =
                        net.logits(ps, first, training)
                                .concat(net.logits(ps, second, training), 0)
                                .toFloatArray();
                float[] segmented = net.logits(ps, stacked, training, 2).toFloatArray();
                assertArrayEquals(separate, segmented, 1e-5f, "training " + training);
                // As one batch of 16, the groups of the minibatch deviation mix both batches.
                float[] mixed = net.logits(ps, stacked, training).toFloatArray();
                float largest = 0;
                for (int i = 0; i < mixed.length; i++) {
                    largest = Math.max(largest, Math.abs(mixed[i] - separate[i]));
                }
                assertTrue(largest > 1e-3f, "one batch of 16 should differ, by " + largest);
            }
        }
    }

    @Test
    void minibatchGroupsSplitTheBatch() {
        long[][] cases = {{1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 1}, {6, 1}, {8, 4}, {12, 4}, {13, 1}};
        for (long[] c : cases) {
            assertEquals(c[1], ResidualDiscriminator.minibatchGroup(c[0]), "batch " + c[0]);
        }
    }

    @Test
    void rejectsUnevenSplit() {
        try (DjlDiscriminator d = TinyModels.discriminator(2);
                NDManager m = Engines.pytorch().newBaseManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            NDArray images = m.randomUniform(-1f, 1f, new Shape(5, 3, 16, 16));
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> d.net().logits(ps, images, false, 2));
            assertTrue(e.getMessage().contains("5"), e.getMessage());
        }
    }
}
