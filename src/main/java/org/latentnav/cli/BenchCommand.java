package org.latentnav.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.latentnav.bench.FlopCount;
import org.latentnav.data.CelebADataset;
import org.latentnav.edit.DirectionSet;
import org.latentnav.edit.Navigator;
import org.latentnav.engine.Engines;
import org.latentnav.gan.GanConfig;
import org.latentnav.gan.GanTrainer;
import org.latentnav.io.Images;
import org.latentnav.io.ProcessMemory;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.Discriminator;
import org.latentnav.model.DjlDiscriminator;
import org.latentnav.model.DjlFeatureExtractor;
import org.latentnav.model.DjlGenerator;
import org.latentnav.model.DjlRegressor;
import org.latentnav.model.FeatureExtractor;
import org.latentnav.model.Generator;
import org.latentnav.model.ModelCard;
import org.latentnav.model.ModelFolder;
import org.latentnav.model.ModelRole;
import org.latentnav.model.Models;
import org.latentnav.nn.GeneratorConfig;
import org.latentnav.regressor.RegressorTrainer;
import org.latentnav.regressor.RegressorTrainingConfig;
import org.latentnav.train.DirectionTrainer;
import org.latentnav.train.DirectionTrainingConfig;
import org.latentnav.train.LearningRateSchedule;
import org.latentnav.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Measures speed and memory and prints them as Markdown table rows. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measure LatentNav's speed and memory on this machine and print Markdown rows.",
            "Sections: startup, peak, modconv, edit, directions, gan, regressor, inference, soak-render,"
                    + " soak-directions."
        })
public final class BenchCommand implements Callable<Integer> {
    /** The largest batch the directions section accepts. */
    static final int MAX_DIRECTION_BATCH = 256;

    /** Maximum --soak, since the directions soak counts its samples (4 per iteration) in an int. */
    static final int MAX_SOAK = 100_000_000;

    @Option(
            names = "--only",
            split = ",",
            defaultValue = "startup,peak,edit,directions,gan,regressor",
            description = "Sections to run (default: ${DEFAULT-VALUE}).")
    List<String> sections;

    @Option(
            names = "--models",
            description =
                    "Models folder (default: LATENTNAV_MODELS if set, else ./models, else the folder"
                            + " beside the application).")
    Path models;

    @Option(
            names = "--data",
            defaultValue = "resources/avatar-sample",
            description =
                    "CelebA-format folder for GAN and regressor steps (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(
            names = "--iterations",
            defaultValue = "200",
            description = "Timed edits (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(
            names = "--train-iterations",
            defaultValue = "20",
            description = "Timed training steps per case (default: ${DEFAULT-VALUE}).")
    int trainIterations;

    @Option(
            names = "--direction-batches",
            split = ",",
            defaultValue = "4,8",
            description =
                    "Batch sizes of the directions section, each timed and counted separately"
                            + " (default: ${DEFAULT-VALUE}).")
    List<Integer> directionBatches;

    @Option(
            names = "--soak",
            defaultValue = "10000",
            description = "Iterations of the soak sections (default: ${DEFAULT-VALUE}).")
    int soak;

    @Option(
            names = "--directions",
            defaultValue = ModelPaths.DIRECTIONS,
            description =
                    "Direction set of the edit and soak-render sections, a folder name under the"
                            + " models folder or a path; edits are read by the regressor it was"
                            + " trained through (default: ${DEFAULT-VALUE}).")
    String directionSet;

    @Option(
            names = "--edit-regressor",
            description =
                    "Regressor that reads the edits of the edit and soak-render sections, a folder"
                            + " name under the models folder or a path (default: the one"
                            + " --directions was trained through, else regressor-mobilenetv2).")
    String editRegressor;

    @Option(
            names = "--hold",
            split = ",",
            paramLabel = "ATTRIBUTE",
            description =
                    "Attributes held in the edit and soak-render sections, as the editor holds them"
                            + " (projection and up to "
                            + Navigator.HOLD_CORRECTIONS
                            + " correction rounds); each edit moves one of the other attributes"
                            + " (default: none held).")
    List<String> hold = new ArrayList<>();

    @Option(
            names = "--inference-threads",
            defaultValue = "1",
            description =
                    "Intra-op threads of the edit and soak-render sections, as the editor's"
                            + " inference worker uses (default: ${DEFAULT-VALUE}).")
    int inferenceThreads;

    @Mixin DeviceOption device;

    @Spec CommandSpec spec;

    private static final List<String> SECTIONS =
            List.of(
                    "startup",
                    "peak",
                    "modconv",
                    "edit",
                    "directions",
                    "gan",
                    "regressor",
                    "inference",
                    "soak-render",
                    "soak-directions");

    private Device dev;
    private double convPeak = Double.NaN;

    /** Per attribute of --directions, whether --hold names it. The option checks set it. */
    private boolean[] held;

    /** The held attributes in the set's order, for the result notes. */
    private List<String> heldNames;

    @Override
    public Integer call() throws Exception {
        Set<String> selected = checkOptions();
        long start = System.nanoTime();
        dev = device.device();
        double engineMs = (System.nanoTime() - start) / 1e6;
        System.out.printf(
                Locale.ROOT,
                "Machine: %d cores, %s, DJL PyTorch %s, %d intra-op threads (%d for edits)%n%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"),
                Engines.pytorch().getVersion(),
                Engines.intraOpThreads(),
                inferenceThreads);
        System.out.println("| measurement | value | notes |");
        System.out.println("|---|---|---|");
        for (String section : selected) {
            switch (section) {
                case "startup":
                    startup(engineMs);
                    break;
                case "peak":
                    peak();
                    break;
                case "modconv":
                    modulatedConvolution(8);
                    modulatedConvolution(32);
                    break;
                case "edit":
                    edit(iterations, false);
                    break;
                case "soak-render":
                    edit(soak, true);
                    break;
                case "directions":
                    for (int batch : new LinkedHashSet<>(directionBatches)) {
                        directions(batch, trainIterations, false);
                    }
                    break;
                case "soak-directions":
                    directions(4, soak, true);
                    break;
                case "gan":
                    gan();
                    break;
                case "regressor":
                    regressor("mobilenetv2");
                    regressor("resnet50");
                    break;
                case "inference":
                    for (String name :
                            List.of(
                                    ModelPaths.REGRESSOR_MOBILENET,
                                    ModelPaths.REGRESSOR_RESNET,
                                    ModelPaths.JUDGE)) {
                        inference(name);
                    }
                    break;
                default:
                    // call() checked every name against SECTIONS before printing anything.
                    throw new IllegalStateException("Unhandled bench section '" + section + "'.");
            }
        }
        return 0;
    }

    private Path modelsFolder() {
        return models != null ? models : ModelPaths.modelsDir();
    }

    private Path model(String name) {
        return modelsFolder().resolve(name);
    }

    private static void row(String name, String value, String notes) {
        System.out.printf("| %s | %s | %s |%n", name, value, notes);
        System.out.flush();
    }

    private void startup(double engineMs) {
        long start = System.nanoTime();
        try (Generator g = Models.loadGenerator(model(ModelPaths.GENERATOR), dev);
                AttributeRegressor r =
                        Models.loadRegressor(model(ModelPaths.REGRESSOR_MOBILENET), dev);
                DirectionSet d = DirectionSet.load(model(ModelPaths.DIRECTIONS), dev);
                NDManager m = Engines.pytorch().newBaseManager(dev)) {
            double loadMs = (System.nanoTime() - start) / 1e6;
            Navigator nav = new Navigator(g, r, d);
            NDArray z = m.create(Latents.fromSeed(0, g.latentSize()), new Shape(1, g.latentSize()));
            NDArray image = nav.render(nav.wPlus(z, 0.7f));
            nav.alpha(image).toFloatArray();
            image.toFloatArray();
            double total = engineMs + (System.nanoTime() - start) / 1e6;
            row(
                    "start-up: engine",
                    fmt(engineMs) + " ms",
                    "PyTorch native library load, in-process");
            row(
                    "start-up: load default models",
                    fmt(loadMs) + " ms",
                    "generator, MobileNetV2 regressor, directions");
            row(
                    "start-up: first frame",
                    fmt(total) + " ms",
                    "engine + models + first render and regressor pass");
        }
    }

    /**
     * Measures the engine's own peak: the fastest of three large 3x3 convolutions and two matrix
     * products. Each timed call reads one element of its result, which waits for a GPU to finish,
     * and not the whole output: copying that into Java takes longer than the convolution itself on
     * a fast CPU. The NDScope of {@code median} closes the results.
     */
    private void peak() {
        int[][] convShapes = {{16, 128, 32}, {32, 256, 16}, {8, 512, 16}};
        convPeak = 0;
        String best = "";
        try (NDManager m = Engines.pytorch().newBaseManager(dev)) {
            for (int[] shape : convShapes) {
                int batch = shape[0];
                int channels = shape[1];
                int side = shape[2];
                NDArray x = m.randomNormal(new Shape(batch, channels, side, side));
                NDArray w = m.randomNormal(new Shape(channels, channels, 3, 3));
                double flops = 2.0 * batch * channels * side * side * channels * 9;
                double seconds =
                        median(
                                7,
                                () ->
                                        Conv2d.conv2d(
                                                        x,
                                                        w,
                                                        null,
                                                        new Shape(1, 1),
                                                        new Shape(1, 1),
                                                        new Shape(1, 1))
                                                .head()
                                                .get(0, 0, 0, 0)
                                                .getFloat());
                double gflops = flops / seconds / 1e9;
                if (gflops > convPeak) {
                    convPeak = gflops;
                    best =
                            "batch " + batch + ", " + channels + "->" + channels + ", " + side + "x"
                                    + side;
                }
                x.close();
                w.close();
            }
            row(
                    "peak: 3x3 convolution",
                    fmt(convPeak) + " GFLOP/s",
                    "fastest of batch 16 128ch 32x32, batch 32 256ch 16x16, batch 8 512ch 16x16: "
                            + best);
            for (int n : new int[] {1024, 2048}) {
                NDArray a = m.randomNormal(new Shape(n, n));
                double mmSeconds = median(5, () -> a.matMul(a).get(0, 0).getFloat());
                row(
                        "peak: matrix product " + n,
                        fmt(2.0 * Math.pow(n, 3) / mmSeconds / 1e9) + " GFLOP/s",
                        n + " x " + n + " float32");
            }
        }
    }

    /**
     * Times the two equivalent forms of a modulated 3x3 convolution (64 -> 64 channels, 32x32): a
     * grouped convolution with one modulated weight per sample, and one shared-weight convolution
     * with the activations scaled before (style) and after (demodulation).
     */
    private void modulatedConvolution(int batch) {
        int channels = 64;
        int side = 32;
        try (NDManager m = Engines.pytorch().newBaseManager(dev)) {
            NDArray x = m.randomNormal(new Shape(batch, channels, side, side));
            NDArray w = m.randomNormal(new Shape(channels, channels, 3, 3));
            NDArray s = m.randomNormal(new Shape(batch, channels)).add(1f);
            Shape one = new Shape(1, 1);
            Shape pad = new Shape(1, 1);
            java.util.function.Supplier<NDArray> groupedForm =
                    () -> {
                        NDArray weight = w.expandDims(0).mul(s.reshape(batch, 1, channels, 1, 1));
                        NDArray norm =
                                weight.square().sum(new int[] {2, 3, 4}).add(1e-8f).pow(-0.5f);
                        weight =
                                weight.mul(norm.reshape(batch, channels, 1, 1, 1))
                                        .reshape(batch * channels, channels, 3, 3);
                        NDArray input = x.reshape(1, batch * channels, side, side);
                        NDArray y = Conv2d.conv2d(input, weight, null, one, pad, one, batch).head();
                        return y.reshape(batch, channels, side, side);
                    };
            java.util.function.Supplier<NDArray> scaledForm =
                    () -> {
                        NDArray input = x.mul(s.reshape(batch, channels, 1, 1));
                        NDArray y = Conv2d.conv2d(input, w, null, one, pad, one).head();
                        NDArray power = w.square().sum(new int[] {2, 3}).transpose();
                        NDArray norm = s.square().matMul(power).add(1e-8f).pow(-0.5f);
                        return y.mul(norm.reshape(batch, channels, 1, 1));
                    };
            double grouped = median(5, () -> groupedForm.get().toFloatArray());
            double scaled = median(5, () -> scaledForm.get().toFloatArray());
            float difference = groupedForm.get().sub(scaledForm.get()).abs().max().getFloat();
            row(
                    "modulated conv, grouped form, batch " + batch,
                    fmt(grouped * 1000) + " ms",
                    "one weight per sample, groups = batch");
            row(
                    "modulated conv, scaled form, batch " + batch,
                    fmt(scaled * 1000) + " ms",
                    "speed-up over grouped "
                            + fmt(grouped / scaled)
                            + "x; max |difference| "
                            + String.format(Locale.ROOT, "%.1e", difference));
        }
    }

    /**
     * Rejects unknown sections and the options that the selected sections would misuse, before
     * anything is printed. An option that no selected section reads is not checked.
     */
    private Set<String> checkOptions() {
        Set<String> selected = new LinkedHashSet<>();
        for (String section : sections) {
            String name = section.trim();
            if (!SECTIONS.contains(name)) {
                throw new IllegalArgumentException(
                        "Unknown bench section '"
                                + name
                                + "'; use one or more of "
                                + String.join(",", SECTIONS)
                                + ".");
            }
            selected.add(name);
        }
        if (selected.contains("edit")) {
            OutputChecks.atLeast("--iterations", iterations, 1, "edits to time");
        }
        if (selected.contains("directions")
                || selected.contains("gan")
                || selected.contains("regressor")) {
            OutputChecks.atLeast(
                    "--train-iterations", trainIterations, 2, "the first step is warm-up");
        }
        if (selected.contains("directions")) {
            if (directionBatches.isEmpty()) {
                throw new IllegalArgumentException(
                        "--direction-batches names no batch size: give one or more, such as 4,8.");
            }
            for (int batch : directionBatches) {
                OutputChecks.atLeast("--direction-batches", batch, 1, "samples per iteration");
                if (batch > MAX_DIRECTION_BATCH) {
                    throw new IllegalArgumentException(
                            "Invalid --direction-batches "
                                    + batch
                                    + ": use at most "
                                    + MAX_DIRECTION_BATCH
                                    + " (each sample holds activations of four networks).");
                }
                if ((long) batch * trainIterations > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(
                            "--direction-batches "
                                    + batch
                                    + " times --train-iterations "
                                    + trainIterations
                                    + " is more samples than one run can count: lower either.");
                }
            }
        }
        if (selected.contains("soak-render") || selected.contains("soak-directions")) {
            OutputChecks.atLeast("--soak", soak, 10, "growth is measured after the first tenth");
            if (soak > MAX_SOAK) {
                throw new IllegalArgumentException(
                        "Invalid --soak " + soak + ": use at most " + MAX_SOAK + " iterations.");
            }
        }
        if (selected.contains("edit") || selected.contains("soak-render")) {
            OutputChecks.atLeast("--inference-threads", inferenceThreads, 1, "threads per edit");
            List<String> attributes =
                    checkRole("--directions", named(directionSet), ModelRole.DIRECTIONS).attributes;
            OutputChecks.namesGiven(spec, "--hold", hold, "Male,Smiling");
            held = OutputChecks.attributeFlags("--hold", hold, attributes);
            heldNames = new ArrayList<>();
            for (int i = 0; i < attributes.size(); i++) {
                if (held[i]) {
                    heldNames.add(attributes.get(i));
                }
            }
            if (!heldNames.isEmpty() && heldNames.size() == attributes.size()) {
                throw new IllegalArgumentException(
                        "--hold names every attribute of the set: leave at least one to move.");
            }
            if (editRegressor != null) {
                checkRole("--edit-regressor", named(editRegressor), ModelRole.REGRESSOR);
            }
        }
        return selected;
    }

    /**
     * Returns the card of a folder, or rejects a folder without a readable card of the given role,
     * before anything is printed.
     */
    private static ModelCard checkRole(String option, Path folder, ModelRole role) {
        ModelCard card;
        try {
            card = ModelFolder.readCard(folder);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "Invalid "
                            + option
                            + " "
                            + folder
                            + ": "
                            + e.getMessage()
                            + " Give a folder name under the models folder or a path to a model"
                            + " folder.",
                    e);
        }
        if (card.role != role) {
            throw new IllegalArgumentException(
                    "Invalid "
                            + option
                            + " "
                            + folder
                            + ": it holds a "
                            + card.role.id()
                            + ", not a "
                            + role.id()
                            + ".");
        }
        return card;
    }

    /** Returns the folder {@code name} under the models folder if it exists, else the path. */
    private Path named(String name) {
        Path under = model(name);
        return Files.isDirectory(under) ? under : Path.of(name);
    }

    /** Times edits with the editor's inference thread count, then restores the start count. */
    private void edit(int count, boolean soakMode) {
        Engines.setThreadsForCurrentThread(inferenceThreads);
        try {
            timeEdits(count, soakMode);
        } finally {
            Engines.setThreadsForCurrentThread(Engines.startThreads());
        }
    }

    private void timeEdits(int count, boolean soakMode) {
        try (Generator g = Models.loadGenerator(model(ModelPaths.GENERATOR), dev);
                DirectionSet d = DirectionSet.load(named(directionSet), dev);
                AttributeRegressor r = Models.loadRegressor(named(regressorOf(d)), dev);
                NDManager m = Engines.pytorch().newBaseManager(dev)) {
            Navigator nav = new Navigator(g, r, d);
            NDArray z = m.create(Latents.fromSeed(1, g.latentSize()), new Shape(1, g.latentSize()));
            NDArray alpha = nav.alpha(nav.render(nav.wPlus(z, 0.7f)));
            int n = d.attributes().size();
            int plane = g.resolution() * g.resolution();
            int[] pixels = new int[plane];
            SplittableRandom random = new SplittableRandom(3);
            double[] ms = new double[count];
            // RSS grows while the allocators warm up (about 100 MB over the first 1000 renders
            // here), so growth is measured from the end of the first tenth of the run.
            int warm = Math.max(0, count / 10 - 1);
            long rssAfterWarmup = 0;
            List<String> rssTrace = new ArrayList<>();
            List<Integer> moving = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!held[i]) {
                    moving.add(i);
                }
            }
            long rounds = 0;
            for (int i = -20; i < count; i++) {
                float[] eps = new float[n];
                eps[moving.get(random.nextInt(moving.size()))] =
                        (float) (random.nextDouble() * 2 - 1);
                long t0 = System.nanoTime();
                try (NDScope scope = new NDScope()) {
                    NDArray delta = Navigator.delta(alpha, m.create(eps, new Shape(1, n)));
                    Navigator.HeldEdit edit = nav.editHolding(z, alpha, delta, 0.7f, held);
                    float[] values = edit.images().toFloatArray();
                    Images.toArgb(values, 0, plane, pixels);
                    edit.values().toFloatArray();
                    if (i >= 0) {
                        rounds += edit.rounds();
                    }
                    scope.suppressNotUsedWarning();
                }
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
                if (i == warm) {
                    rssAfterWarmup = ProcessMemory.rssBytes();
                }
                if (soakMode && (i + 1) % 1000 == 0) {
                    rssTrace.add((ProcessMemory.rssBytes() >> 20) + "");
                }
            }
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            if (soakMode) {
                long end = ProcessMemory.rssBytes();
                row(
                        "soak: "
                                + count
                                + " renders"
                                + (heldNames.isEmpty()
                                        ? ""
                                        : " holding " + String.join(" ", heldNames))
                                + ", RSS from render "
                                + (warm + 1)
                                + " to the end",
                        (rssAfterWarmup >> 20)
                                + " -> "
                                + (end >> 20)
                                + " MB ("
                                + fmt(100.0 * (end - rssAfterWarmup) / rssAfterWarmup)
                                + "%)",
                        "every 1000: " + String.join(", ", rssTrace));
            } else {
                row(
                        "edit latency p50",
                        fmt(sorted[count / 2]) + " ms",
                        "slider value to pixels, incl. "
                                + regressorOf(d)
                                + " on the edit, batch 1, "
                                + count
                                + " edits of "
                                + directionSet
                                + (heldNames.isEmpty()
                                        ? ""
                                        : String.format(
                                                Locale.ROOT,
                                                ", holding %s (%.2f correction rounds per edit)",
                                                String.join(" ", heldNames),
                                                (double) rounds / count)));
                row("edit latency p95", fmt(sorted[(int) (count * 0.95)]) + " ms", "same run");
            }
        }
    }

    /**
     * Returns --edit-regressor, else the folder name of the regressor a set was trained through,
     * else MobileNetV2's.
     */
    private String regressorOf(DirectionSet d) {
        if (editRegressor != null) {
            return editRegressor;
        }
        return ModelPaths.trainingRegressor(d, modelsFolder());
    }

    private void directions(int batch, int steps, boolean soakMode) throws Exception {
        try (Generator g = Models.loadGenerator(model(ModelPaths.GENERATOR), dev);
                Discriminator d = Models.loadDiscriminator(model(ModelPaths.DISCRIMINATOR), dev);
                AttributeRegressor r =
                        Models.loadRegressor(model(ModelPaths.REGRESSOR_MOBILENET), dev);
                FeatureExtractor f = Models.loadFeatureExtractor(model(ModelPaths.FEATURES), dev)) {
            DirectionTrainingConfig config = new DirectionTrainingConfig();
            config.attributes = r.attributes();
            config.batchSize = batch;
            config.samplesPerEpoch = batch * steps;
            config.epochs = 1;
            config.schedule = LearningRateSchedule.constant(1e-4);
            DirectionTrainer trainer = new DirectionTrainer(g, d, r, f, config, dev);
            double[] seconds = new double[steps];
            long[] rss = new long[steps];
            double[] lossSums = new double[3];
            trainer.addListener(
                    new TrainingListener() {
                        @Override
                        public void onIteration(Iteration it) {
                            seconds[it.iteration()] = it.secondsPerIteration();
                            rss[it.iteration()] = ProcessMemory.rssBytes();
                            lossSums[0] += it.regression();
                            lossSums[1] += it.discriminator();
                            lossSums[2] += it.content();
                        }
                    });
            trainer.train(null);
            trainer.close();
            int warm = Math.min(steps - 1, Math.max(1, steps / 10));
            double[] timed = Arrays.copyOfRange(seconds, warm, steps);
            Arrays.sort(timed);
            double step = timed[timed.length / 2];
            if (soakMode) {
                long after = rss[warm];
                long end = rss[steps - 1];
                StringBuilder trace = new StringBuilder();
                for (int i = 99; i < steps; i += Math.max(100, steps / 10)) {
                    trace.append(rss[i] >> 20).append(' ');
                }
                row(
                        "soak: " + steps + " direction iterations (batch " + batch + "), RSS",
                        (after >> 20)
                                + " -> "
                                + (end >> 20)
                                + " MB ("
                                + fmt(100.0 * (end - after) / after)
                                + "%)",
                        "MB along the run: " + trace.toString().trim());
            } else {
                row(
                        "direction training, batch " + batch,
                        fmt(batch / step) + " samples/s",
                        fmt(step * 1000) + " ms/iteration (median of " + timed.length + ")");
                double macs = directionStepMacs(g, d, r, f);
                if (Double.isNaN(macs)) {
                    row(
                            "direction training, batch " + batch + ", achieved",
                            "n/a",
                            "FLOPs are counted for LatentNav's own models only, not for"
                                    + " TorchScript modules");
                } else {
                    double gflops = 2 * batch * macs / step / 1e9;
                    row(
                            "direction training, batch " + batch + ", achieved",
                            fmt(gflops) + " GFLOP/s",
                            fraction(gflops) + ", counted convolution and linear FLOPs");
                }
                row(
                        "direction training, batch " + batch + ", mean losses",
                        String.format(
                                Locale.ROOT,
                                "L_reg %.4f, L_disc %.4f, L_content %.4f",
                                lossSums[0] / steps,
                                lossSums[1] / steps,
                                lossSums[2] / steps),
                        "mean over all " + steps + " iterations, before the lambda weights");
                row(
                        "direction training, batch " + batch + ", peak RSS",
                        (ProcessMemory.peakBytes() >> 20) + " MB",
                        "VmHWM of this process so far");
            }
        }
    }

    /**
     * Returns the multiply-accumulates of one direction-training iteration per sample, or NaN
     * unless all four models are LatentNav's own, whose layer shapes {@link FlopCount} reads. Per
     * sample, G, R and F run forward on the original; G, R, D and F run forward and backward on the
     * edit. Their weights are frozen, so the backward computes input gradients only: one transposed
     * convolution per convolution, as many multiply-accumulates as the forward (a training backward
     * would add the weight gradients and cost twice the forward).
     */
    private static double directionStepMacs(
            Generator g, Discriminator d, AttributeRegressor r, FeatureExtractor f) {
        if (!(g instanceof DjlGenerator dg
                && d instanceof DjlDiscriminator dd
                && r instanceof DjlRegressor
                && f instanceof DjlFeatureExtractor)) {
            return Double.NaN;
        }
        int res = dg.resolution();
        long gMacs = FlopCount.generator(dg.net().config());
        long dMacs = FlopCount.discriminator(dd.net().config());
        long rMacs = FlopCount.block(r.block(), new Shape(1, 3, res, res));
        long fMacs = FlopCount.vgg19(Models.intParameter(f.card(), "widthDivisor", 1), res);
        return gMacs + rMacs + fMacs + 2.0 * (gMacs + rMacs + dMacs + fMacs);
    }

    private void gan() throws Exception {
        CelebADataset set = CelebADataset.builder().root(data).resolution(64).cache(true).build();
        set.prepare(null);
        GanConfig config = new GanConfig();
        config.channelBase = 1024;
        config.batchSize = 32;
        try (GanTrainer trainer = new GanTrainer(config, set, dev)) {
            trainer.step();
            long start = System.nanoTime();
            for (int i = 0; i < trainIterations; i++) {
                trainer.step();
            }
            double step = (System.nanoTime() - start) / 1e9 / trainIterations;
            GeneratorConfig gc = config.generatorConfig();
            // Passes per image, a backward pass counting one forward per gradient it computes.
            // G: two forwards (fake images for D, then for G's own step) and one backward for
            // input and weight gradients, so 4. D: a forward and a backward for both gradients
            // on fake and on real images (6). In G's step D's weights are frozen, so it adds a
            // forward and an input-gradient backward (2). Lazy R1 adds 3 * 2 / 16 per step.
            double flops =
                    2.0
                            * config.batchSize
                            * (4 * FlopCount.generator(gc) + 8.4 * FlopCount.discriminator(gc));
            row(
                    "GAN training (batch 32, channel base 1024)",
                    fmt(config.batchSize / step) + " images/s",
                    fmt(step * 1000) + " ms/step incl. lazy R1 every 16 steps");
            row(
                    "GAN training, achieved",
                    fmt(flops / step / 1e9) + " GFLOP/s",
                    fraction(flops / step / 1e9));
        }
    }

    private void regressor(String arch) throws Exception {
        CelebADataset set = CelebADataset.builder().root(data).resolution(64).cache(true).build();
        set.prepare(null);
        RegressorTrainingConfig config = new RegressorTrainingConfig();
        config.architecture = arch;
        config.attributes = set.attributes();
        config.epochs = 1;
        config.batchSize = 32;
        Path out = java.nio.file.Files.createTempDirectory("latentnav-bench");
        try (RegressorTrainer trainer = new RegressorTrainer(config, set, set, out, dev)) {
            int batches = Math.min(trainIterations, trainer.batchesPerEpoch());
            long[] times = new long[batches + 1];
            trainer.trainBatches(batches, b -> times[b] = System.nanoTime());
            double step = (times[batches] - times[1]) / 1e9 / Math.max(1, batches - 1);
            double flops =
                    3.0
                            * 2
                            * config.batchSize
                            * FlopCount.block(trainer.regressor().block(), new Shape(1, 3, 64, 64));
            row(
                    "regressor training " + arch + " (batch 32, 64 px)",
                    fmt(config.batchSize / step) + " images/s",
                    fmt(step * 1000)
                            + " ms/step; "
                            + fmt(flops / step / 1e9)
                            + " GFLOP/s, "
                            + fraction(flops / step / 1e9));
        }
    }

    /**
     * Times one regressor's predictions on random images of its resolution, as the editor and
     * evaluate call it: median milliseconds per image at batch 1 and 32, with one intra-op thread
     * and with the engine's start count when that is more.
     */
    private void inference(String name) {
        try (AttributeRegressor r = Models.loadRegressor(model(name), dev);
                NDManager m = Engines.pytorch().newBaseManager(dev)) {
            int side = r.resolution();
            int[] threadCounts =
                    Engines.startThreads() > 1
                            ? new int[] {1, Engines.startThreads()}
                            : new int[] {1};
            for (int threads : threadCounts) {
                Engines.setThreadsForCurrentThread(threads);
                try {
                    for (int batch : new int[] {1, 32}) {
                        NDArray x = m.randomUniform(0, 1, new Shape(batch, 3, side, side));
                        int runs = batch == 1 ? 60 : 8;
                        double ms = 1000 * median(runs, () -> r.predict(x).toFloatArray());
                        row(
                                "inference "
                                        + name
                                        + ", batch "
                                        + batch
                                        + ", "
                                        + threads
                                        + " thread"
                                        + (threads == 1 ? "" : "s"),
                                fmt(ms / batch) + " ms/image",
                                "median of " + runs + " predictions, " + side + " px");
                        x.close();
                    }
                } finally {
                    Engines.setThreadsForCurrentThread(Engines.startThreads());
                }
            }
        }
    }

    private String fraction(double gflops) {
        return Double.isNaN(convPeak)
                ? "run 'peak' for the fraction"
                : fmt(100 * gflops / convPeak) + "% of the convolution peak";
    }

    private static double median(int runs, Runnable body) {
        body.run();
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            try (NDScope scope = new NDScope()) {
                body.run();
                scope.suppressNotUsedWarning();
            }
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return t[runs / 2];
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v);
    }
}
