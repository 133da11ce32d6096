package org.latentnav.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Checks that each shipped direction set edits as the editor uses it, seen by the VGG-19 classifier
 * that no set was trained through. The faces are the editor's seeds 0 to {@value #COUNT} - 1 at its
 * truncation of 0.7, and each face's starting values come from the regressor the set was trained
 * through, as in the editor. For every attribute the test pushes each face to target 0 and to
 * target 1 and takes the judge's mean difference between the two (the attribute's range). At least
 * half of the attributes must reach a range of {@value #MIN_RANGE}, and none may move the wrong way
 * by more than {@value #MAX_REVERSE} plus twice the standard error of its range over the faces, so
 * that only a reversal beyond sampling noise fails the set.
 *
 * <p>The bar of half the attributes is not a quality target. On the 550-kimg generator, trained for
 * 2000 x 10 samples, every candidate set (three training runs per regressor) reached 7 to 9 of 13
 * on 200 faces. On the 380-kimg generator at 1600 x 4 the MobileNetV2 sets reached only 4, 5 and 7,
 * so the bar was a quarter until both shipped sets were retrained. docs/experiments.md has the
 * figures.
 *
 * <p>These faces are not the ones {@code tools/retrain-directions.sh} evaluates when it picks the
 * shipped seed, so the test also checks that choice on faces it did not see.
 */
@Tag("integration")
class ShippedEditQualityTest {
    static final Path MODELS = Path.of("models");
    static final int COUNT = 32;
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
                AttributeRegressor own =
                        Models.loadRegressor(MODELS.resolve(d.regressorId()), cpu);
                NDManager m = Engines.pytorch().newBaseManager()) {
            assertEquals(
                    d.attributes(),
                    judge.attributes(),
                    "the judge must predict the set's attributes in the same order");
            Navigator nav = new Navigator(g, own, d);
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
                float[] low = judgeValues(nav, judge, zs, alpha, a, 0f, m);
                float[] high = judgeValues(nav, judge, zs, alpha, a, 1f, m);
                double[] change = new double[COUNT];
                for (int b = 0; b < COUNT; b++) {
                    change[b] = high[b] - low[b];
                }
                double range = mean(change);
                double error = standardError(change, range);
                report.add(String.format("%s %.2f (se %.2f)", d.attributes().get(a), range, error));
                if (range >= MIN_RANGE) {
                    reached++;
                }
                if (range < -MAX_REVERSE - 2 * error) {
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

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double standardError(double[] values, double mean) {
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (values.length - 1) / values.length);
    }

    /** Returns the judge's value of attribute {@code a} for each latent edited to target. */
    private static float[] judgeValues(
            Navigator nav,
            AttributeRegressor judge,
            NDArray zs,
            float[] alpha,
            int a,
            float target,
            NDManager m) {
        int n = nav.directions().attributes().size();
        float[] delta = new float[COUNT * n];
        for (int b = 0; b < COUNT; b++) {
            delta[b * n + a] = target - alpha[b * n + a];
        }
        NDArray edited =
                nav.render(nav.editedWPlus(zs, m.create(delta, new Shape(COUNT, n)), 0.7f, false));
        float[] after = judge.predict(edited).toFloatArray();
        float[] values = new float[COUNT];
        for (int b = 0; b < COUNT; b++) {
            values[b] = after[b * n + a];
        }
        return values;
    }
}
