package org.latentnav.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.latentnav.edit.DirectionSet;
import org.latentnav.edit.Navigator;
import org.latentnav.engine.Engines;
import org.latentnav.eval.EditEvaluation;
import org.latentnav.eval.Plots;
import org.latentnav.io.AtomicFiles;
import org.latentnav.io.Images;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.Discriminator;
import org.latentnav.model.FeatureExtractor;
import org.latentnav.model.Generator;
import org.latentnav.model.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Measures editing quality of one or more direction sets with an independent judge. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Measure how well direction sets edit, judged by an independent regressor.",
            "Edits every latent towards each target on a grid and measures the result with a judge",
            "regressor that was not used in training. Writes OUT/evaluation.csv, OUT/evaluation.md,",
            "OUT/plots/ATTRIBUTE.png and OUT/grids/SET-ATTRIBUTE.png (rows: samples, columns: targets)."
        })
public final class EvaluateCommand implements Callable<Integer> {
    @Mixin GeneratorOption generator;

    @Mixin DiscriminatorOption discriminator;

    @Mixin FeaturesOption features;

    @Option(
            names = "--directions",
            required = true,
            description = "Direction set folder; repeat to compare sets.")
    List<Path> directions;

    @Option(
            names = "--regressor",
            description =
                    "Regressor each set was trained through, in the order of --directions (default: the one named in its card).")
    List<Path> regressors;

    @Option(
            names = "--judge",
            description = "Judge regressor (default: the other architecture than the first set's).")
    Path judge;

    @Option(
            names = "--attributes",
            split = ",",
            description = "Attributes to evaluate (default: all of the first set).")
    List<String> attributes;

    @Option(
            names = "--latents",
            defaultValue = "500",
            description = "Latents per attribute (default: ${DEFAULT-VALUE}).")
    int latents;

    @Option(
            names = "--targets",
            defaultValue = "5",
            description = "Targets on the grid from 0 to 1 (default: ${DEFAULT-VALUE}).")
    int targets;

    @Option(
            names = "--batch-size",
            defaultValue = "25",
            description = "Latents per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--truncation",
            defaultValue = "1.0",
            description = "Truncation psi (default: ${DEFAULT-VALUE}).")
    float truncation;

    @Option(
            names = "--seed",
            defaultValue = "2024",
            description = "Seed of the evaluation latents (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Mixin DeviceOption device;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputChecks.atLeast("--latents", latents, 2, "the Frechet distance needs two images");
        OutputChecks.atLeast("--targets", targets, 2, "the grid runs from 0 to 1");
        OutputChecks.atLeast(
                "--batch-size", batchSize, 2, "the random pairs of the content baseline");
        OutputChecks.truncation(truncation);
        if (attributes != null && attributes.stream().allMatch(String::isBlank)) {
            throw new IllegalArgumentException(
                    "--attributes is empty: name at least one, for example Smiling,Eyeglasses.");
        }
        Device dev = device.device();
        double[] grid = EditEvaluation.targetGrid(targets);
        List<EditEvaluation.Row> rows = new ArrayList<>();
        List<EditEvaluation.Summary> summaries = new ArrayList<>();
        try (Generator g = Models.loadGenerator(generator.folder(), dev);
                Discriminator d = Models.loadDiscriminator(discriminator.folder(), dev);
                FeatureExtractor f = Models.loadFeatureExtractor(features.folder(), dev);
                NDManager manager = Engines.pytorch().newBaseManager(dev)) {
            List<DirectionSet> sets = new ArrayList<>();
            List<AttributeRegressor> trainRegressors = new ArrayList<>();
            try {
                for (int i = 0; i < directions.size(); i++) {
                    DirectionSet set = DirectionSet.load(directions.get(i), dev);
                    sets.add(set);
                    // Every set is checked before any is evaluated, so a mismatch costs no work.
                    set.checkCompatible(g);
                    trainRegressors.add(Models.loadRegressor(trainingRegressor(set, i), dev));
                }
                try (AttributeRegressor j = Models.loadRegressor(judgePath(sets.get(0)), dev)) {
                    checkAttributes(sets, j);
                    for (int i = 0; i < sets.size(); i++) {
                        if (java.util.Objects.equals(
                                j.card().id, trainRegressors.get(i).card().id)) {
                            spec.commandLine()
                                    .getErr()
                                    .println(
                                            "warning: the judge "
                                                    + j.card().id
                                                    + " is the regressor that "
                                                    + sets.get(i).name()
                                                    + " was trained through, so its figures for that set"
                                                    + " are not an independent measurement.");
                        }
                    }
                    // Created only now, so that a missing or invalid model leaves no folders.
                    Files.createDirectories(out.resolve("plots"));
                    Files.createDirectories(out.resolve("grids"));
                    EditEvaluation evaluation =
                            new EditEvaluation(
                                    g, d, f, j, manager, latents, batchSize, truncation, seed);
                    double[] baseline = evaluation.randomPairDistances();
                    List<String> names = attributes != null ? attributes : sets.get(0).attributes();
                    for (int i = 0; i < sets.size(); i++) {
                        Navigator navigator = new Navigator(g, trainRegressors.get(i), sets.get(i));
                        String setName = sets.get(i).name();
                        for (String attribute : names) {
                            if (!sets.get(i).attributes().contains(attribute)
                                    || !j.attributes().contains(attribute)) {
                                continue;
                            }
                            EditEvaluation.Summary s =
                                    evaluation.evaluate(
                                            setName, navigator, attribute, grid, baseline, rows);
                            summaries.add(s);
                            Images.writePng(
                                    s.grid(),
                                    out.resolve("grids/" + setName + "-" + attribute + ".png"));
                            System.out.printf(
                                    Locale.ROOT,
                                    "%-28s %-20s control error %.3f%n",
                                    setName,
                                    attribute,
                                    s.controlError());
                        }
                    }
                    writeCsv(rows);
                    writeMarkdown(summaries, j.card().id, baseline);
                    for (Map.Entry<String, Map<String, double[]>> e :
                            EditEvaluation.judgeCurves(rows, grid.length).entrySet()) {
                        Plots.judgeVersusTarget(
                                e.getKey(),
                                grid,
                                e.getValue(),
                                out.resolve("plots/" + e.getKey() + ".png"));
                    }
                }
            } finally {
                sets.forEach(DirectionSet::close);
                trainRegressors.forEach(AttributeRegressor::close);
            }
        }
        System.out.println("Wrote " + out.resolve("evaluation.md"));
        return 0;
    }

    /**
     * Rejects a requested attribute that no direction set has or that the judge does not predict. A
     * set without it is skipped for that attribute, as when no attributes are requested.
     */
    private void checkAttributes(List<DirectionSet> sets, AttributeRegressor judgeModel) {
        if (attributes == null) {
            return;
        }
        attributes = attributes.stream().map(String::trim).toList();
        for (String attribute : attributes) {
            if (sets.stream().noneMatch(set -> set.attributes().contains(attribute))) {
                throw new IllegalArgumentException(
                        "Unknown attribute '"
                                + attribute
                                + "': no direction set has it; "
                                + sets.get(0).name()
                                + " has "
                                + String.join(",", sets.get(0).attributes())
                                + ".");
            }
            if (!judgeModel.attributes().contains(attribute)) {
                throw new IllegalArgumentException(
                        "The judge "
                                + judgeModel.card().id
                                + " does not predict '"
                                + attribute
                                + "'; choose another attribute or --judge.");
            }
        }
    }

    private Path trainingRegressor(DirectionSet set, int index) {
        if (regressors != null && index < regressors.size()) {
            return regressors.get(index);
        }
        String id = set.regressorId();
        if (id == null) {
            throw new IllegalArgumentException(
                    "Direction set "
                            + set.name()
                            + " does not name its regressor; pass --regressor for it.");
        }
        return ModelPaths.model(id);
    }

    private Path judgePath(DirectionSet first) {
        if (judge != null) {
            return judge;
        }
        Object arch = first.card().hyperParameters.get("regressorArchitecture");
        String other =
                "resnet50".equals(arch)
                        ? ModelPaths.REGRESSOR_MOBILENET
                        : ModelPaths.REGRESSOR_RESNET;
        return ModelPaths.model(other);
    }

    private void writeCsv(List<EditEvaluation.Row> rows) throws IOException {
        StringBuilder csv =
                new StringBuilder(
                        "set,attribute,target,judge_mean,control_error,error_le_0.3,error_le_0.6,error_le_1.0,"
                                + "count_le_0.3,count_le_0.6,count_le_1.0,preservation,content_ratio,pixel_ratio,d_logit_shift,count\n");
        for (EditEvaluation.Row r : rows) {
            csv.append(
                    String.format(
                            Locale.ROOT,
                            "%s,%s,%.3f,%.5f,%.5f,%.5f,%.5f,%.5f,%d,%d,%d,%.5f,%.5f,%.5f,%.5f,%d%n",
                            r.set(),
                            r.attribute(),
                            r.target(),
                            r.judgeMean(),
                            r.controlError(),
                            r.binnedError()[0],
                            r.binnedError()[1],
                            r.binnedError()[2],
                            r.binCounts()[0],
                            r.binCounts()[1],
                            r.binCounts()[2],
                            r.preservation(),
                            r.contentRatio(),
                            r.pixelRatio(),
                            r.discriminatorShift(),
                            r.count()));
        }
        AtomicFiles.writeBytes(
                out.resolve("evaluation.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void writeMarkdown(
            List<EditEvaluation.Summary> summaries, String judgeId, double[] baseline)
            throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Editing evaluation\n\n");
        md.append(
                String.format(
                        Locale.ROOT,
                        "Judge: `%s`. %d latents per attribute, %d targets from 0 to 1, truncation %.2f, seed %d.%n%n",
                        judgeId,
                        latents,
                        targets,
                        truncation,
                        seed));
        md.append(
                "Control error is the mean |judge value after the edit - target|. The columns <=0.3, <=0.6 and"
                        + " <=1.0 split it by the requested change |target - judge value before| into (0, 0.3],"
                        + " (0.3, 0.6] and (0.6, 1.0]; a dash means no edit fell in that bin. Preservation is the mean absolute change of every other"
                        + " attribute the judge predicts. Content and pixel ratios divide the VGG-19 feature distance and"
                        + " pixel L1 between edited and original images by the same distances between random pairs of"
                        + String.format(
                                Locale.ROOT,
                                " unedited images (%.4f and %.4f).",
                                baseline[0],
                                baseline[1])
                        + " D shift is the mean change of the discriminator logit. FD is the Frechet distance between edited"
                        + " and unedited images on the judge's penultimate features (not Inception FID).\n\n");
        md.append(
                "| set | attribute | control error | <=0.3 | <=0.6 | <=1.0 | preservation | content ratio | pixel ratio | D shift | FD |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (EditEvaluation.Summary s : summaries) {
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %.3f | %s | %s | %s | %.3f | %.3f | %.3f | %+.3f | %.2f |%n",
                            s.set(),
                            s.attribute(),
                            s.controlError(),
                            binCell(s.binnedError()[0]),
                            binCell(s.binnedError()[1]),
                            binCell(s.binnedError()[2]),
                            s.preservation(),
                            s.contentRatio(),
                            s.pixelRatio(),
                            s.discriminatorShift(),
                            s.frechet()));
        }
        AtomicFiles.writeBytes(
                out.resolve("evaluation.md"), md.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String binCell(double error) {
        return Double.isNaN(error) ? "-" : String.format(Locale.ROOT, "%.3f", error);
    }
}
