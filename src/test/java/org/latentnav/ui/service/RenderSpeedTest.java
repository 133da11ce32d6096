package org.latentnav.ui.service;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.latentnav.cli.Latents;
import org.latentnav.edit.DirectionKind;
import org.latentnav.edit.DirectionSet;
import org.latentnav.edit.LatentSpace;
import org.latentnav.edit.Navigator;
import org.latentnav.engine.Engines;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.Generator;
import org.latentnav.model.ModelCard;
import org.latentnav.model.Models;
import org.latentnav.nn.GeneratorConfig;
import org.latentnav.nn.RegressorArchitecture;

/**
 * Measures the editor's render time for a slider move with the default 64-pixel generator
 * configuration and a MobileNetV2 regressor, both with random weights (speed does not depend on the
 * weights). Tagged slow: run it with {@code -Dtest=RenderSpeedTest -DexcludedGroups=}.
 */
@Tag("slow")
class RenderSpeedTest {
    @Test
    void sliderMoveRenderTime() {
        List<String> attributes = List.of("Smiling", "Young", "Male", "Eyeglasses");
        try (Generator g = Models.newGenerator(GeneratorConfig.defaults(), Device.cpu());
                AttributeRegressor r =
                        Models.newRegressor(
                                RegressorArchitecture.MOBILENETV2,
                                64,
                                attributes,
                                1,
                                Device.cpu());
                DirectionSet d =
                        DirectionSet.create(
                                g,
                                attributes,
                                LatentSpace.W_PLUS,
                                DirectionKind.GLOBAL,
                                0,
                                g.numWs(),
                                Device.cpu());
                var manager = Engines.pytorch().newBaseManager()) {
            ModelEntry entry = new ModelEntry(Path.of("unused"), new ModelCard(), "models");
            DjlEditPipeline pipeline =
                    new DjlEditPipeline(
                            new ModelSelection(entry, entry, entry),
                            new Navigator(g, r, d),
                            manager);
            float[] z = Latents.fromSeed(1, g.latentSize());
            boolean[] held = new boolean[attributes.size()];
            double[] times = new double[40];
            for (int i = 0; i < times.length; i++) {
                float[] epsilon = {i / 40f, 0, 0, 0};
                times[i] =
                        pipeline.render(new RenderRequest(z, 0.7f, epsilon, held)).milliseconds();
            }
            double[] warm = Arrays.copyOfRange(times, 10, times.length);
            Arrays.sort(warm);
            double median = warm[warm.length / 2];
            System.out.printf(
                    "Slider-move render, 64 px generator + MobileNetV2: median %.1f ms, "
                            + "max %.1f ms, first %.1f ms, %d threads%n",
                    median,
                    warm[warm.length - 1],
                    times[0],
                    Runtime.getRuntime().availableProcessors());
            assertTrue(median > 0);

            // Split of one render: synthesis of the edited w+ against the regressor pass.
            try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
                var zArray = manager.create(z, new ai.djl.ndarray.types.Shape(1, g.latentSize()));
                var wPlus = new Navigator(g, r, d).wPlus(zArray, 0.7f);
                var image = g.synthesis(wPlus);
                long t0 = System.nanoTime();
                for (int i = 0; i < 5; i++) {
                    g.synthesis(wPlus).toFloatArray();
                }
                long t1 = System.nanoTime();
                for (int i = 0; i < 5; i++) {
                    r.predict(image).toFloatArray();
                }
                long t2 = System.nanoTime();
                System.out.printf(
                        "Synthesis %.1f ms, MobileNetV2 regressor %.1f ms per image%n",
                        (t1 - t0) / 5e6, (t2 - t1) / 5e6);
                scope.suppressNotUsedWarning();
            }
        }
    }
}
