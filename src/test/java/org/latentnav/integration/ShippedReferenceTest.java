package org.latentnav.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.latentnav.engine.Engines;
import org.latentnav.io.Npy;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.Discriminator;
import org.latentnav.model.Generator;
import org.latentnav.model.Models;

/**
 * Compares what the shipped models compute now with files recorded by {@code
 * tools/record-shipped-reference.jsh}. Changes to how the networks run (fused gains, other kernels)
 * must keep the values to float rounding.
 */
@Tag("integration")
class ShippedReferenceTest {
    private static final Path MODELS = ShippedModelsTest.MODELS;
    private static final Path REFERENCE = Path.of("src/test/resources/reference/shipped");

    @Test
    void shippedModelsReproduceRecordedValues() throws IOException {
        Device cpu = Device.cpu();
        try (Generator generator = Models.loadGenerator(MODELS.resolve("generator"), cpu);
                Discriminator discriminator =
                        Models.loadDiscriminator(MODELS.resolve("discriminator"), cpu);
                AttributeRegressor regressor =
                        Models.loadRegressor(MODELS.resolve("regressor-mobilenetv2"), cpu);
                NDManager manager = Engines.pytorch().newBaseManager(cpu)) {
            discriminator.block().freezeParameters(true);
            // The recording script draws the same latents.
            SplittableRandom random = new SplittableRandom(2026);
            float[] latents = new float[4 * generator.latentSize()];
            for (int i = 0; i < latents.length; i++) {
                latents[i] = (float) (random.nextDouble() * 2 - 1);
            }
            NDArray z = manager.create(latents, new Shape(4, generator.latentSize()));
            NDArray images =
                    generator.synthesis(
                            generator.broadcast(generator.truncate(generator.mapping(z), 0.7f)));

            NDArray input = images.duplicate();
            input.setRequiresGradient(true);
            NDArray discriminatorLogits;
            try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
                discriminatorLogits = discriminator.logits(input);
                gc.backward(discriminatorLogits.sum());
            }
            float[] gradient = input.getGradient().toFloatArray();

            assertArrayEquals(reference("images.npy"), images.toFloatArray(), 1e-4f, "images");
            assertArrayEquals(
                    reference("discriminator-logits.npy"),
                    discriminatorLogits.toFloatArray(),
                    1e-4f,
                    "discriminator logits");
            float[] expectedGradient = reference("discriminator-gradient.npy");
            float relative = distance(expectedGradient, gradient) / norm(expectedGradient);
            assertTrue(relative < 1e-3f, "discriminator gradient differs by " + relative);
            // MobileNetV2's logits amplify the images' rounding differences about tenfold.
            assertArrayEquals(
                    reference("regressor-logits.npy"),
                    regressor.logits(images).toFloatArray(),
                    2e-3f,
                    "regressor logits");
        }
    }

    private static float[] reference(String file) throws IOException {
        return Npy.read(REFERENCE.resolve(file)).data();
    }

    private static float distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return (float) Math.sqrt(sum);
    }

    private static float norm(float[] a) {
        return distance(a, new float[a.length]);
    }
}
