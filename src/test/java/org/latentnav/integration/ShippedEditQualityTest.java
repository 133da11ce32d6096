package org.latentnav.integration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.latentnav.cli.Latents;
import org.latentnav.cli.ModelPaths;
import org.latentnav.edit.DirectionSet;
import org.latentnav.edit.Navigator;
import org.latentnav.engine.Engines;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.Generator;
import org.latentnav.model.Models;

/**
 * Checks that the shipped default directions move every attribute towards its target. Tagged
 * "quality" and left out of the default test run: it fails on the current early GAN snapshot (Bald
 * does not move), and runs with {@code ./mvnw test -Dtest.excludedGroups=}.
 */
@Tag("quality")
class ShippedEditQualityTest {
    static final Path MODELS = Path.of("models");

    @Test
    void defaultEditMovesEachAttributeTowardsTarget() {
        try (Generator g =
                        Models.loadGenerator(MODELS.resolve(ModelPaths.GENERATOR), Device.cpu());
                AttributeRegressor r =
                        Models.loadRegressor(
                                MODELS.resolve(ModelPaths.REGRESSOR_MOBILENET), Device.cpu());
                DirectionSet d =
                        DirectionSet.load(MODELS.resolve(ModelPaths.DIRECTIONS), Device.cpu());
                NDManager m = Engines.pytorch().newBaseManager()) {
            Navigator nav = new Navigator(g, r, d);
            int count = 16;
            float[] z = new float[count * g.latentSize()];
            for (int i = 0; i < count; i++) {
                System.arraycopy(
                        Latents.fromSeed(i, g.latentSize()),
                        0,
                        z,
                        i * g.latentSize(),
                        g.latentSize());
            }
            NDArray zs = m.create(z, new Shape(count, g.latentSize()));
            NDArray original = nav.render(nav.wPlus(zs, 0.7f));
            float std = original.sub(original.mean()).square().mean().sqrt().getFloat();
            assertTrue(std > 0.05f, "rendered images are flat: std " + std);
            NDArray alpha = nav.alpha(original);
            float[] alphas = alpha.toFloatArray();
            int n = d.attributes().size();
            List<String> failures = new java.util.ArrayList<>();
            for (int a = 0; a < n; a++) {
                for (float target : new float[] {0f, 1f}) {
                    float[] delta = new float[count * n];
                    for (int b = 0; b < count; b++) {
                        delta[b * n + a] = target - alphas[b * n + a];
                    }
                    NDArray edited =
                            nav.render(
                                    nav.editedWPlus(
                                            zs, m.create(delta, new Shape(count, n)), 0.7f, false));
                    float[] after = nav.alpha(edited).toFloatArray();
                    // Only samples that ask for a real change count: at least 0.3 away from the
                    // target.
                    double before = 0;
                    double moved = 0;
                    int asked = 0;
                    for (int b = 0; b < count; b++) {
                        if (Math.abs(alphas[b * n + a] - target) >= 0.3) {
                            before += Math.abs(alphas[b * n + a] - target);
                            moved += Math.abs(after[b * n + a] - target);
                            asked++;
                        }
                    }
                    if (asked > 0 && moved >= before) {
                        failures.add(
                                String.format(
                                        "%s towards %.0f: error %.3f -> %.3f over %d samples",
                                        d.attributes().get(a),
                                        target,
                                        before / asked,
                                        moved / asked,
                                        asked));
                    }
                }
            }
            assertTrue(failures.isEmpty(), String.join("; ", failures));
        }
    }
}
