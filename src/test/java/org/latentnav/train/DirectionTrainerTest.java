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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentnav.edit.Navigator;
import org.latentnav.engine.Engines;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.DjlDiscriminator;
import org.latentnav.model.DjlFeatureExtractor;
import org.latentnav.model.DjlGenerator;
import org.latentnav.model.DjlRegressor;
import org.latentnav.model.InvalidModelException;
import org.latentnav.model.Models;
import org.latentnav.nn.GeneratorConfig;
import org.latentnav.testing.TinyModels;

class DirectionTrainerTest {
    @TempDir Path dir;

    private static DirectionTrainingConfig config(int samples, int batch, int epochs, double lr) {
        DirectionTrainingConfig c = new DirectionTrainingConfig();
        c.attributes = TinyModels.ATTRIBUTES;
        c.samplesPerEpoch = samples;
        c.batchSize = batch;
        c.epochs = epochs;
        c.schedule = LearningRateSchedule.constant(lr);
        c.seed = 11;
        return c;
    }

    @Test
    void trainingChangesOnlyDirections() throws IOException {
        try (DjlGenerator g = TinyModels.generator(1);
                DjlDiscriminator d = TinyModels.discriminator(2);
                DjlRegressor r = TinyModels.vggRegressor(3);
                DjlFeatureExtractor f = TinyModels.features(4)) {
            Map<String, float[]> gBefore = TinyModels.snapshot(g.block());
            Map<String, float[]> dBefore = TinyModels.snapshot(d.block());
            Map<String, float[]> rBefore = TinyModels.snapshot(r.block());
            Map<String, float[]> fBefore = TinyModels.snapshot(f.block());

            DirectionTrainer trainer =
                    new DirectionTrainer(g, d, r, f, config(16, 4, 1, 1e-2), Device.cpu());
            Map<String, float[]> tBefore = TinyModels.snapshot(trainer.directions().block());
            trainer.train(null);

            assertSameParameters(gBefore, TinyModels.snapshot(g.block()), "G");
            assertSameParameters(dBefore, TinyModels.snapshot(d.block()), "D");
            assertSameParameters(rBefore, TinyModels.snapshot(r.block()), "R");
            assertSameParameters(fBefore, TinyModels.snapshot(f.block()), "F");
            float[] directionsBefore = tBefore.get("directions");
            float[] directionsAfter =
                    TinyModels.snapshot(trainer.directions().block()).get("directions");
            assertFalse(Arrays.equals(directionsBefore, directionsAfter), "T did not change");
            trainer.close();
        }
    }

    private static void assertSameParameters(
            Map<String, float[]> before, Map<String, float[]> after, String model) {
        assertEquals(before.keySet(), after.keySet(), model);
        for (String key : before.keySet()) {
            assertArrayEquals(
                    before.get(key), after.get(key), model + " parameter " + key + " changed");
        }
    }

    @Test
    void directionsLearnKnownAttribute() throws IOException {
        AttributeRegressor r = TinyModels.channelMeans(8f);
        try (DjlGenerator g = TinyModels.generator(5);
                NDManager manager = Engines.pytorch().newBaseManager()) {
            DirectionTrainingConfig c = config(300 * 8, 8, 1, 1e-2);
            c.lambdaDisc = 0;
            c.lambdaContent = 0;
            DirectionTrainer trainer = new DirectionTrainer(g, null, r, null, c, Device.cpu());
            Navigator navigator = new Navigator(g, r, trainer.directions());

            double[] before = heldOutError(navigator, manager);
            trainer.train(null);
            double[] after = heldOutError(navigator, manager);

            assertTrue(after[0] < 0.1, "mean |alpha' - target| after training: " + after[0]);
            assertTrue(
                    after[1] * 3 < before[1],
                    "L_reg excess over target entropy " + before[1] + " -> " + after[1]);
            trainer.close();
        }
    }

    /**
     * Returns {mean |alpha' - target|, mean of BCE(alpha', target) - H(target)} over 64 held-out
     * latents with epsilon ~ U[-1, 1]. The second figure is L_reg without its constant part (the
     * entropy of soft targets), so a perfect fit gives 0.
     */
    private static double[] heldOutError(Navigator navigator, NDManager manager) {
        SplittableRandom random = new SplittableRandom(99);
        int n = 64;
        float[] z = Seeds.gaussian(random, n * 16);
        float[] eps = new float[n * 2];
        for (int i = 0; i < eps.length; i++) {
            eps[i] = (float) (random.nextDouble() * 2 - 1);
        }
        NDArray zs = manager.create(z, new Shape(n, 16));
        NDArray alpha = navigator.alpha(navigator.render(navigator.wPlus(zs, 1f)));
        NDArray delta = Navigator.delta(alpha, manager.create(eps, new Shape(n, 2)));
        NDArray target = alpha.add(delta);
        NDArray achieved =
                navigator.alpha(
                        navigator
                                .generator()
                                .synthesis(navigator.editedWPlus(zs, delta, 1f, false)));
        double mae = achieved.sub(target).abs().mean().getFloat();
        double bce = Losses.bce(achieved, target).getFloat();
        double entropy = Losses.bce(target, target).getFloat();
        return new double[] {mae, bce - entropy};
    }

    @Test
    void discriminatorOfOtherSizeIsRejected() {
        AttributeRegressor regressor = TinyModels.channelMeans(8f);
        GeneratorConfig larger = new GeneratorConfig(16, 2, 32, 64, 16);
        try (DjlGenerator generator = TinyModels.generator(7);
                DjlDiscriminator discriminator = Models.newDiscriminator(larger, Device.cpu())) {
            DirectionTrainingConfig config = config(16, 4, 1, 1e-2);
            config.lambdaContent = 0;
            InvalidModelException e =
                    assertThrows(
                            InvalidModelException.class,
                            () ->
                                    new DirectionTrainer(
                                            generator,
                                            discriminator,
                                            regressor,
                                            null,
                                            config,
                                            Device.cpu()));
            assertTrue(e.getMessage().contains("scores 32 px images"), e.getMessage());
            assertTrue(e.getMessage().contains("renders 16 px"), e.getMessage());
        }
    }

    @Test
    void epochRecordsComeBeforeCheckpoint() throws IOException {
        AttributeRegressor regressor = TinyModels.channelMeans(8f);
        try (DjlGenerator generator = TinyModels.generator(7)) {
            DirectionTrainingConfig config = config(8, 4, 2, 1e-2);
            config.lambdaDisc = 0;
            config.lambdaContent = 0;
            DirectionTrainer trainer =
                    new DirectionTrainer(generator, null, regressor, null, config, Device.cpu());
            Path checkpoint = dir.resolve("order.bin");
            List<Boolean> checkpointAtEpoch = new java.util.ArrayList<>();
            trainer.addListener(
                    new TrainingListener() {
                        @Override
                        public void onEpoch(Epoch epoch) {
                            checkpointAtEpoch.add(Files.exists(checkpoint));
                        }
                    });
            trainer.train(checkpoint);
            trainer.close();
            // A stop between the two then repeats the epoch instead of losing its records.
            assertEquals(List.of(false, true), checkpointAtEpoch);
        }
    }

    @Test
    void otherRegressorIsRejectedOnResume() throws IOException {
        try (DjlGenerator generator = TinyModels.generator(7)) {
            DirectionTrainingConfig config = config(8, 4, 1, 1e-2);
            config.lambdaDisc = 0;
            config.lambdaContent = 0;
            Path checkpoint = dir.resolve("regressor.bin");
            AttributeRegressor first = TinyModels.channelMeans(8f);
            DirectionTrainer trainer =
                    new DirectionTrainer(generator, null, first, null, config, Device.cpu());
            trainer.train(checkpoint);
            trainer.close();
            AttributeRegressor other = TinyModels.channelMeans(4f);
            other.card().id = "other-means";
            DirectionTrainer resumed =
                    new DirectionTrainer(generator, null, other, null, config, Device.cpu());
            InvalidModelException e =
                    assertThrows(InvalidModelException.class, () -> resumed.resume(checkpoint));
            assertTrue(e.getMessage().contains("another regressor"), e.getMessage());
            resumed.close();
        }
    }

    @Test
    void seedFixesInitialDirections() {
        AttributeRegressor regressor = TinyModels.channelMeans(8f);
        try (DjlGenerator generator = TinyModels.generator(7)) {
            DirectionTrainingConfig config = config(16, 4, 1, 1e-2);
            config.lambdaDisc = 0;
            config.lambdaContent = 0;
            float[][] starts = new float[3][];
            for (int i = 0; i < 3; i++) {
                // Whatever the engine's generator held before, the run's seed decides.
                Engines.pytorch().setRandomSeed(100 + i);
                config.seed = i < 2 ? 11 : 12;
                DirectionTrainer trainer =
                        new DirectionTrainer(
                                generator, null, regressor, null, config, Device.cpu());
                starts[i] = TinyModels.snapshot(trainer.directions().block()).get("directions");
                trainer.close();
            }
            assertArrayEquals(starts[0], starts[1], "same seed, same start");
            assertFalse(Arrays.equals(starts[0], starts[2]), "another seed, another start");
        }
    }

    @Test
    void resumeRepeatsUninterruptedRun() throws IOException {
        AttributeRegressor r = TinyModels.channelMeans(8f);
        try (DjlGenerator g = TinyModels.generator(7)) {
            DirectionTrainingConfig c = config(16, 4, 3, 1e-2);
            c.lambdaDisc = 0;
            c.lambdaContent = 0;

            Engines.pytorch().setRandomSeed(5);
            DirectionTrainer full = new DirectionTrainer(g, null, r, null, c, Device.cpu());
            full.train(dir.resolve("full.bin"));

            Engines.pytorch().setRandomSeed(5);
            DirectionTrainer first = new DirectionTrainer(g, null, r, null, c, Device.cpu());
            first.addListener(
                    new TrainingListener() {
                        @Override
                        public void onEpoch(Epoch epoch) {
                            first.cancel();
                        }
                    });
            Path checkpoint = dir.resolve("part.bin");
            assertThrows(TrainingCancelledException.class, () -> first.train(checkpoint));
            assertEquals(1, first.epochsDone());

            Engines.pytorch().setRandomSeed(123);
            DirectionTrainer resumed = new DirectionTrainer(g, null, r, null, c, Device.cpu());
            resumed.resume(checkpoint);
            resumed.train(checkpoint);

            float[] expected = TinyModels.snapshot(full.directions().block()).get("directions");
            float[] actual = TinyModels.snapshot(resumed.directions().block()).get("directions");
            assertArrayEquals(expected, actual, 1e-6f);
            full.close();
            first.close();
            resumed.close();
        }
    }

    @Test
    void truncatedCheckpointIsRejected() throws IOException {
        AttributeRegressor r = TinyModels.channelMeans(8f);
        try (DjlGenerator g = TinyModels.generator(7)) {
            DirectionTrainingConfig c = config(8, 4, 1, 1e-2);
            c.lambdaDisc = 0;
            c.lambdaContent = 0;
            DirectionTrainer trainer = new DirectionTrainer(g, null, r, null, c, Device.cpu());
            Path checkpoint = dir.resolve("checkpoint.bin");
            trainer.train(checkpoint);
            byte[] bytes = Files.readAllBytes(checkpoint);
            Files.write(checkpoint, Arrays.copyOf(bytes, bytes.length / 2));

            DirectionTrainer other = new DirectionTrainer(g, null, r, null, c, Device.cpu());
            InvalidModelException e =
                    assertThrows(InvalidModelException.class, () -> other.resume(checkpoint));
            assertTrue(e.getMessage().contains(checkpoint.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            trainer.close();
            other.close();
        }
    }

    @Test
    void listenersReceiveEveryIterationAndEpoch() throws IOException {
        AttributeRegressor r = TinyModels.channelMeans(8f);
        try (DjlGenerator g = TinyModels.generator(7)) {
            DirectionTrainingConfig c = config(12, 4, 2, 1e-2);
            c.lambdaDisc = 0;
            c.lambdaContent = 0;
            c.schedule = LearningRateSchedule.exponential(1e-3, 0.25);
            DirectionTrainer trainer = new DirectionTrainer(g, null, r, null, c, Device.cpu());
            List<TrainingListener.Iteration> iterations = new java.util.ArrayList<>();
            List<TrainingListener.Epoch> epochs = new java.util.ArrayList<>();
            trainer.addListener(
                    new TrainingListener() {
                        @Override
                        public void onIteration(Iteration it) {
                            iterations.add(it);
                        }

                        @Override
                        public void onEpoch(Epoch epoch) {
                            epochs.add(epoch);
                        }
                    });
            trainer.train(null);
            assertEquals(6, iterations.size());
            assertEquals(2, epochs.size());
            assertEquals(2.5e-4, iterations.get(5).learningRate(), 1e-12);
            assertTrue(Double.isFinite(iterations.get(0).regression()));
            // Rows: one per attribute; columns: five epsilon values; 2-pixel gaps around tiles.
            assertEquals(2 * 16 + 3 * 2, epochs.get(0).preview().getHeight());
            assertEquals(5 * 16 + 6 * 2, epochs.get(0).preview().getWidth());
            trainer.close();
        }
    }
}
