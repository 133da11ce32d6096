package org.latentnav.integration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
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
 * Checks the editor's hold on the shipped models. Eyeglasses moves by 0.8 towards the far side with
 * every other attribute held, and the set's own regressor reads the held attributes. After the
 * correction rounds they must be closer to their original values than after the projection alone,
 * and after the projection closer than after an edit without holds. The faces are the editor's
 * seeds 0 to {@value #COUNT} - 1 at truncation 0.7.
 */
@Tag("integration")
class ShippedHoldTest {
    static final int COUNT = 32;
    static final String EDITED = "Eyeglasses";

    /** The corrected drift must be at most this fraction of the projection's drift. */
    static final double MAX_CORRECTED_SHARE = 0.9;

    /** How much further from its target the edited attribute may end after the correction. */
    static final double MAX_EXTRA_MISS = 0.1;

    static Stream<Path> directionSets() throws Exception {
        return ShippedEditQualityTest.directionSets();
    }

    @ParameterizedTest
    @MethodSource("directionSets")
    void correctionsKeepHeldAttributesCloser(Path folder) {
        Device cpu = Device.cpu();
        try (Generator g =
                        Models.loadGenerator(
                                ShippedEditQualityTest.MODELS.resolve(ModelPaths.GENERATOR), cpu);
                DirectionSet d = DirectionSet.load(folder, cpu);
                AttributeRegressor own =
                        Models.loadRegressor(
                                ShippedEditQualityTest.MODELS.resolve(d.regressorId()), cpu);
                NDManager m = Engines.pytorch().newBaseManager()) {
            Navigator nav = new Navigator(g, own, d);
            int n = d.attributes().size();
            int edited = d.attributes().indexOf(EDITED);
            float[] z = new float[COUNT * g.latentSize()];
            for (int i = 0; i < COUNT; i++) {
                float[] one = Latents.fromSeed(i, g.latentSize());
                System.arraycopy(one, 0, z, i * one.length, one.length);
            }
            NDArray zs = m.create(z, new Shape(COUNT, g.latentSize()));
            NDArray alpha = nav.alpha(nav.render(nav.wPlus(zs, 0.7f)));
            float[] start = alpha.toFloatArray();
            float[] epsilon = new float[COUNT * n];
            for (int b = 0; b < COUNT; b++) {
                epsilon[b * n + edited] = start[b * n + edited] < 0.5f ? 0.8f : -0.8f;
            }
            NDArray delta = Navigator.delta(alpha, m.create(epsilon, new Shape(COUNT, n)));
            boolean[] held = new boolean[n];
            Arrays.fill(held, true);
            held[edited] = false;
            float[] target = alpha.add(delta).toFloatArray();

            double free =
                    drift(
                            nav.editHolding(zs, alpha, delta, 0.7f, new boolean[n], 0, 0f),
                            start,
                            held);
            Navigator.HeldEdit projectedEdit = nav.editHolding(zs, alpha, delta, 0.7f, held, 0, 0f);
            Navigator.HeldEdit correctedEdit = nav.editHolding(zs, alpha, delta, 0.7f, held);
            double projected = drift(projectedEdit, start, held);
            double corrected = drift(correctedEdit, start, held);
            double projectedMiss = miss(projectedEdit, target, edited, n);
            double correctedMiss = miss(correctedEdit, target, edited, n);
            String figures =
                    String.format(
                            Locale.ROOT,
                            "%s: mean held drift %.3f without holds, %.3f projected, %.3f"
                                    + " corrected; %s misses its target by %.3f projected, %.3f"
                                    + " corrected",
                            d.name(),
                            free,
                            projected,
                            corrected,
                            EDITED,
                            projectedMiss,
                            correctedMiss);
            System.out.println(figures);
            assertTrue(projected < free, figures);
            assertTrue(corrected <= MAX_CORRECTED_SHARE * projected, figures);
            // The correction may cost the edit some of its change, but not most of it.
            assertTrue(correctedMiss <= projectedMiss + MAX_EXTRA_MISS, figures);
        }
    }

    /** Mean |value - target| of the edited attribute over all faces. */
    private static double miss(Navigator.HeldEdit edit, float[] target, int attribute, int n) {
        float[] values = edit.values().toFloatArray();
        double sum = 0;
        int faces = values.length / n;
        for (int b = 0; b < faces; b++) {
            sum += Math.abs(values[b * n + attribute] - target[b * n + attribute]);
        }
        return sum / faces;
    }

    /** Mean |edited - original| over the held attributes of all faces. */
    private static double drift(Navigator.HeldEdit edit, float[] start, boolean[] held) {
        float[] values = edit.values().toFloatArray();
        int n = held.length;
        double sum = 0;
        int count = 0;
        for (int b = 0; b < values.length / n; b++) {
            for (int i = 0; i < n; i++) {
                if (held[i]) {
                    sum += Math.abs(values[b * n + i] - start[b * n + i]);
                    count++;
                }
            }
        }
        return sum / count;
    }
}
