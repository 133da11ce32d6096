package org.latentnav.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentnav.data.CelebADataset;

/** Training steps of the GAN at 16 px on the avatar sample. */
class GanTrainerTest {
    private static GanConfig tinyConfig() {
        GanConfig config = new GanConfig();
        config.resolution = 16;
        config.latentSize = 16;
        config.channelBase = 64;
        config.channelMax = 16;
        config.batchSize = 4;
        config.r1Interval = 2;
        return config;
    }

    private static List<float[]> weights(GanTrainer trainer) {
        List<float[]> values = new ArrayList<>();
        for (Pair<String, Parameter> p : trainer.discriminator().net().getParameters()) {
            values.add(p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    @Test
    void discriminatorLearnsOnlyItsOwnGradients() throws Exception {
        CelebADataset data =
                CelebADataset.builder()
                        .root(Path.of("resources/avatar-sample"))
                        .resolution(16)
                        .build();
        data.prepare(null);
        try (GanTrainer trainer = new GanTrainer(tinyConfig(), data, Device.cpu())) {
            for (int step = 0; step < 3; step++) {
                List<float[]> before = weights(trainer);
                double[] losses = trainer.step();
                assertTrue(Double.isFinite(losses[0]), "discriminator loss " + losses[0]);
                assertTrue(Double.isFinite(losses[1]), "generator loss " + losses[1]);
                List<float[]> after = weights(trainer);
                int moved = 0;
                for (int i = 0; i < before.size(); i++) {
                    moved += Arrays.equals(before.get(i), after.get(i)) ? 0 : 1;
                }
                // A discriminator left frozen after the generator's step would not move.
                assertTrue(moved > before.size() / 2, "step " + step + ": " + moved + " moved");
                // The generator's step must leave no gradient on the discriminator's weights,
                // or the next discriminator update would add it to its own.
                for (Pair<String, Parameter> p : trainer.discriminator().net().getParameters()) {
                    NDArray weight = p.getValue().getArray();
                    assertTrue(weight.hasGradient(), p.getKey() + " left frozen");
                    try (NDArray gradient = weight.getGradient()) {
                        assertEquals(
                                0f,
                                gradient.abs().sum().getFloat(),
                                p.getKey() + " kept a gradient after step " + step);
                    }
                }
            }
            assertFalse(trainer.nonFiniteSteps() > 0);
        }
    }
}
