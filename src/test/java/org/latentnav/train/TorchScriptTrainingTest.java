package org.latentnav.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.latentnav.edit.DirectionKind;
import org.latentnav.edit.DirectionSet;
import org.latentnav.edit.LatentSpace;
import org.latentnav.edit.Navigator;
import org.latentnav.engine.Engines;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.Discriminator;
import org.latentnav.model.FeatureExtractor;
import org.latentnav.model.Generator;
import org.latentnav.model.Models;
import org.latentnav.testing.TinyModels;
import org.latentnav.testing.TorchScriptFixtures;

/** Direction training with G, D, R and F loaded from TorchScript fixtures. */
class TorchScriptTrainingTest {
    private static final List<String> ATTRIBUTES = List.of("Smiling", "Eyeglasses");

    private static Generator generator(String name) {
        return Models.loadGenerator(TorchScriptFixtures.path(name), Device.cpu());
    }

    private static AttributeRegressor regressor() {
        return Models.loadRegressor(TorchScriptFixtures.path("regressor"), Device.cpu());
    }

    private static DirectionTrainingConfig config() {
        DirectionTrainingConfig c = new DirectionTrainingConfig();
        c.attributes = ATTRIBUTES;
        c.samplesPerEpoch = 8;
        c.batchSize = 4;
        c.epochs = 1;
        c.schedule = LearningRateSchedule.constant(1e-2);
        c.seed = 3;
        return c;
    }

    @Test
    void trainingChangesOnlyDirections() throws IOException {
        try (Generator g = generator("generator");
                Discriminator d =
                        Models.loadDiscriminator(
                                TorchScriptFixtures.path("discriminator"), Device.cpu());
                AttributeRegressor r = regressor();
                FeatureExtractor f =
                        Models.loadFeatureExtractor(
                                TorchScriptFixtures.path("features"), Device.cpu())) {
            List<Block> frozen = List.of(g.block(), d.block(), r.block(), f.block());
            List<Map<String, float[]>> before = frozen.stream().map(TinyModels::snapshot).toList();

            DirectionTrainer trainer = new DirectionTrainer(g, d, r, f, config(), Device.cpu());
            List<Double> losses = new java.util.ArrayList<>();
            trainer.addListener(
                    new TrainingListener() {
                        @Override
                        public void onIteration(Iteration it) {
                            losses.add(it.total());
                        }
                    });
            float[] directionsBefore =
                    TinyModels.snapshot(trainer.directions().block()).get("directions");
            trainer.train(null);
            float[] directionsAfter =
                    TinyModels.snapshot(trainer.directions().block()).get("directions");

            assertEquals(2, losses.size());
            losses.forEach(loss -> assertTrue(Double.isFinite(loss), "loss " + loss));
            assertFalse(Arrays.equals(directionsBefore, directionsAfter), "T did not change");
            for (int i = 0; i < frozen.size(); i++) {
                Map<String, float[]> after = TinyModels.snapshot(frozen.get(i));
                assertEquals(before.get(i).keySet(), after.keySet());
                for (String key : after.keySet()) {
                    assertArrayEquals(
                            before.get(i).get(key),
                            after.get(key),
                            "parameter " + key + " changed");
                }
                frozen.get(i)
                        .getParameters()
                        .forEach(
                                p ->
                                        assertFalse(
                                                p.getValue().getArray().hasGradient(), p.getKey()));
            }
            trainer.close();
        }
    }

    /**
     * Checks the gradient that reaches T through G and R against a central finite difference of the
     * loss along a random direction.
     */
    @Test
    void gradientReachesDirections() {
        try (Generator g = generator("generator");
                AttributeRegressor r = regressor();
                DirectionSet set =
                        DirectionSet.create(
                                g,
                                ATTRIBUTES,
                                LatentSpace.W_PLUS,
                                DirectionKind.GLOBAL,
                                0,
                                6,
                                Device.cpu());
                NDManager manager = Engines.pytorch().newBaseManager(Device.cpu())) {
            Navigator navigator = new Navigator(g, r, set);
            SplittableRandom random = new SplittableRandom(8);
            NDArray z = manager.create(Seeds.gaussian(random, 4 * 16), new Shape(4, 16));
            NDArray delta =
                    manager.create(
                            new float[] {0.5f, -0.3f, 0.2f, 0.4f, -0.6f, 0.1f, 0.3f, 0.3f},
                            new Shape(4, 2));
            NDArray parameter = set.block().getParameters().get("directions").getArray();

            try (GradientCollector collector = Engines.pytorch().newGradientCollector()) {
                collector.backward(loss(navigator, z, delta, true));
            }
            float[] gradient = parameter.getGradient().toFloatArray();
            float[] direction = Seeds.gaussian(random, gradient.length);
            double analytic = 0;
            for (int i = 0; i < gradient.length; i++) {
                assertTrue(Float.isFinite(gradient[i]), "gradient " + i);
                analytic += gradient[i] * direction[i];
            }

            float[] start = parameter.toFloatArray();
            float epsilon = 1e-2f;
            double[] losses = new double[2];
            for (int sign = 0; sign < 2; sign++) {
                float[] moved = start.clone();
                for (int i = 0; i < moved.length; i++) {
                    moved[i] += (sign == 0 ? epsilon : -epsilon) * direction[i];
                }
                parameter.set(moved);
                losses[sign] = loss(navigator, z, delta, false).getFloat();
            }
            double numeric = (losses[0] - losses[1]) / (2 * epsilon);
            assertTrue(Math.abs(analytic) > 1e-4, "gradient along the direction is " + analytic);
            assertEquals(
                    numeric, analytic, 0.02 * Math.abs(numeric) + 1e-4, "directional derivative");
        }
    }

    private static NDArray loss(Navigator navigator, NDArray z, NDArray delta, boolean training) {
        NDArray edited =
                navigator.generator().synthesis(navigator.editedWPlus(z, delta, 1f, training));
        return navigator.logits(edited).sum();
    }

    @Test
    void zGeneratorTrainsZDirections() throws IOException {
        try (Generator g = generator("generator-z");
                AttributeRegressor r = regressor()) {
            DirectionTrainingConfig c = config();
            c.lambdaDisc = 0;
            c.lambdaContent = 0;
            c.space = LatentSpace.Z;
            DirectionTrainer trainer = new DirectionTrainer(g, null, r, null, c, Device.cpu());
            float[] before = TinyModels.snapshot(trainer.directions().block()).get("directions");
            trainer.train(null);
            float[] after = TinyModels.snapshot(trainer.directions().block()).get("directions");
            assertFalse(Arrays.equals(before, after), "T did not change");
            trainer.close();

            c.space = LatentSpace.W_PLUS;
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> new DirectionTrainer(g, null, r, null, c, Device.cpu()));
            assertTrue(e.getMessage().contains("no mapping network"), e.getMessage());
        }
    }
}
