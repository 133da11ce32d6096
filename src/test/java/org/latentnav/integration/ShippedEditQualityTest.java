package org.latentnav.integration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.latentnav.cli.Latents;
import org.latentnav.cli.ModelPaths;
import org.latentnav.edit.DirectionSet;
import org.latentnav.edit.Navigator;
import org.latentnav.engine.Engines;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.Generator;
import org.latentnav.model.Models;

/**
 * Checks that each shipped direction set edits, as seen by the VGG-19 classifier that no set was
 * trained through. For every attribute it renders 16 latents pushed to target 0 and to target 1 and
 * takes the judge's mean difference between the two (the attribute's range). At least half of the
 * attributes must reach a range of {@value #MIN_RANGE}, and none may move the wrong way by more
 * than {@value #MAX_REVERSE}.
 */
@Tag("integration")
class ShippedEditQualityTest {
    static final Path MODELS = Path.of("models");
    static final int COUNT = 16;
    static final double MIN_RANGE = 0.2;
    static final double MAX_REVERSE = 0.05;

    static Stream<Path> directionSets() throws IOException {
        try (Stream<Path> entries = Files.list(MODELS)) {
            return entries
                    .filter(p -> p.getFileName().toString().startsWith("directions-"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("directionSets")
    void shippedDirectionsEditAsTheJudgeSees(Path folder) {
        Device cpu = Device.cpu();
        try (Generator g = Models.loadGenerator(MODELS.resolve(ModelPaths.GENERATOR), cpu);
                AttributeRegressor judge =
                        Models.loadRegressor(MODELS.resolve(ModelPaths.JUDGE), cpu);
                DirectionSet d = DirectionSet.load(folder, cpu);
                NDManager m = Engines.pytorch().newBaseManager()) {
            Navigator nav = new Navigator(g, judge, d);
            float[] z = new float[COUNT * g.latentSize()];
            for (int i = 0; i < COUNT; i++) {
                float[] latent = Latents.fromSeed(i, g.latentSize());
                System.arraycopy(latent, 0, z, i * g.latentSize(), latent.length);
            }
            NDArray zs = m.create(z, new Shape(COUNT, g.latentSize()));
            float[] alpha = nav.alpha(nav.render(nav.wPlus(zs, 0.7f))).toFloatArray();
            int n = d.attributes().size();
            List<String> report = new ArrayList<>();
            List<String> reversed = new ArrayList<>();
            int reached = 0;
            for (int a = 0; a < n; a++) {
                double low = judgeMean(nav, zs, alpha, a, 0f, m);
                double high = judgeMean(nav, zs, alpha, a, 1f, m);
                double range = high - low;
                report.add(String.format("%s %.2f", d.attributes().get(a), range));
                if (range >= MIN_RANGE) {
                    reached++;
                }
                if (range < -MAX_REVERSE) {
                    reversed.add(d.attributes().get(a));
                }
            }
            String summary = folder.getFileName() + " judge ranges: " + String.join(", ", report);
            assertTrue(reversed.isEmpty(), "moves the wrong way: " + reversed + "; " + summary);
            assertTrue(
                    2 * reached >= n,
                    reached + " of " + n + " reach " + MIN_RANGE + "; " + summary);
        }
    }

    /**
     * Returns the judge's mean value of attribute {@code a} after editing every latent to target.
     */
    private static double judgeMean(
            Navigator nav, NDArray zs, float[] alpha, int a, float target, NDManager m) {
        int n = nav.directions().attributes().size();
        float[] delta = new float[COUNT * n];
        for (int b = 0; b < COUNT; b++) {
            delta[b * n + a] = target - alpha[b * n + a];
        }
        NDArray edited =
                nav.render(nav.editedWPlus(zs, m.create(delta, new Shape(COUNT, n)), 0.7f, false));
        float[] after = nav.alpha(edited).toFloatArray();
        double sum = 0;
        for (int b = 0; b < COUNT; b++) {
            sum += after[b * n + a];
        }
        return sum / COUNT;
    }
}
