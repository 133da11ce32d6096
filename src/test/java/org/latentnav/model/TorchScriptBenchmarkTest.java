package org.latentnav.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.latentnav.engine.Engines;
import org.latentnav.io.Npy;

/**
 * Loads real-size torchvision models exported by tools/export/make_benchmark_models.sh, checks
 * their outputs against PyTorch's and prints load and forward times. Runs only with
 * -Dlatentnav.benchmark.dir=DIR and -Dtest.excludedGroups= (it is tagged slow).
 */
@Tag("slow")
class TorchScriptBenchmarkTest {
    private static final int RUNS = 5;

    /**
     * Calls before timing. TorchScript's profiling executor optimises a graph for each input shape
     * over its first calls, which are several times slower.
     */
    private static final int WARM_UP = 3;

    @Test
    void realSizeModels() throws IOException {
        String property = System.getProperty("latentnav.benchmark.dir", "");
        assumeTrue(!property.isEmpty(), "set -Dlatentnav.benchmark.dir to run the benchmark");
        Path dir = Path.of(property);
        assumeTrue(Files.isDirectory(dir), dir + " is not a folder");
        System.out.printf(
                "%-22s %8s %10s %10s %10s %12s%n",
                "model", "load ms", "max diff", "fwd 1 ms", "fwd 8 ms", "fwd+bwd 8 ms");
        for (String name : new String[] {"regressor-resnet50", "regressor-mobilenetv2"}) {
            long start = System.nanoTime();
            try (AttributeRegressor r = Models.loadRegressor(dir.resolve(name), Device.cpu())) {
                double load = (System.nanoTime() - start) / 1e6;
                assertEquals(13, r.attributes().size());
                measure(name, load, dir, r::logits, new String[] {name});
            }
        }
        long start = System.nanoTime();
        try (FeatureExtractor f =
                Models.loadFeatureExtractor(dir.resolve("features-vgg19"), Device.cpu())) {
            double load = (System.nanoTime() - start) / 1e6;
            String[] expected = new String[4];
            Arrays.setAll(expected, i -> "features-vgg19_" + i);
            measure("features-vgg19", load, dir, x -> sumOfMeans(f.features(x)), expected);
        }
    }

    private static NDArray sumOfMeans(NDList maps) {
        NDArray total = maps.get(0).mean();
        for (int i = 1; i < maps.size(); i++) {
            total = total.add(maps.get(i).mean());
        }
        return total;
    }

    private static void measure(
            String name, double load, Path dir, Function<NDArray, NDArray> model, String[] expected)
            throws IOException {
        try (NDManager manager = Engines.pytorch().newBaseManager(Device.cpu())) {
            Npy.Array images = Npy.read(dir.resolve("images.npy"));
            NDArray input = manager.create(images.data(), new Shape(images.shape()));
            float difference = maxDifference(dir, name, model, input, expected, manager);
            assertTrue(difference < 1e-3f, name + " differs from PyTorch by " + difference);

            NDArray one = manager.randomUniform(-1, 1, new Shape(1, 3, 256, 256));
            NDArray eight = manager.randomUniform(-1, 1, new Shape(8, 3, 256, 256));
            double forwardOne = median(() -> model.apply(one).toFloatArray());
            double forwardEight = median(() -> model.apply(eight).toFloatArray());
            double backwardEight =
                    median(
                            () -> {
                                NDArray x = eight.duplicate();
                                x.setRequiresGradient(true);
                                try (GradientCollector collector =
                                        Engines.pytorch().newGradientCollector()) {
                                    collector.backward(model.apply(x).sum());
                                }
                                x.getGradient().toFloatArray();
                                x.close();
                            });
            System.out.printf(
                    Locale.ROOT,
                    "%-22s %8.0f %10.2g %10.1f %10.1f %12.1f%n",
                    name,
                    load,
                    difference,
                    forwardOne,
                    forwardEight,
                    backwardEight);
        }
    }

    private static float maxDifference(
            Path dir,
            String name,
            Function<NDArray, NDArray> model,
            NDArray input,
            String[] expected,
            NDManager manager)
            throws IOException {
        if (expected.length == 1) {
            Npy.Array want = Npy.read(dir.resolve(expected[0] + ".npy"));
            NDArray got = model.apply(input);
            return got.sub(manager.create(want.data(), new Shape(want.shape())))
                    .abs()
                    .max()
                    .getFloat();
        }
        // For the feature maps, compare the sum of their means, as the model function returns.
        double sum = 0;
        for (String file : expected) {
            float[] data = Npy.read(dir.resolve(file + ".npy")).data();
            double total = 0;
            for (float v : data) {
                total += v;
            }
            sum += total / data.length;
        }
        return (float) Math.abs(model.apply(input).getFloat() - sum);
    }

    private static double median(Runnable run) {
        for (int i = 0; i < WARM_UP; i++) {
            run.run();
        }
        double[] times = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            run.run();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[RUNS / 2];
    }
}
