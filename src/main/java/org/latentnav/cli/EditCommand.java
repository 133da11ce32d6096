package org.latentnav.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.latentnav.edit.ConditionalDirections;
import org.latentnav.edit.DirectionSet;
import org.latentnav.edit.Navigator;
import org.latentnav.engine.Engines;
import org.latentnav.io.Images;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.Generator;
import org.latentnav.model.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Edits one face and writes a before/after PNG. */
@Command(
        name = "edit",
        mixinStandardHelpOptions = true,
        description = {
            "Edit a face along learned directions and write a before/after PNG.",
            "Prints, per attribute, the regressor's value alpha before the edit, the target",
            "clip(alpha + epsilon, 0, 1) and the value alpha' measured on the edited image."
        })
public final class EditCommand implements Callable<Integer> {
    /** More rounds than this stop helping: each one feeds back the same regressor error. */
    static final int MAX_HOLD_CORRECTIONS = 10;

    /** A held value that moved further than this gets a note under the table. */
    static final float HELD_WARNING = 0.1f;

    @Mixin GeneratorOption generator;

    @Option(
            names = "--regressor",
            description =
                    "Regressor folder (default: the shipped regressor that the directions were"
                            + " trained through, else models/regressor-mobilenetv2).")
    Path regressor;

    @Option(
            names = "--directions",
            description = "Direction set folder (default: models/directions-mobilenetv2).")
    Path directions;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Seed of the latent z (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--latent", description = "JSON file {\"z\": [...]} to use instead of --seed.")
    Path latent;

    @Option(
            names = "--set",
            paramLabel = "ATTRIBUTE=EPSILON",
            description =
                    "ATTRIBUTE=EPSILON with epsilon in [-1, 1], for example Smiling=+0.6; repeatable,"
                            + " once per attribute.")
    List<String> settingArgs = new ArrayList<>();

    @Option(
            names = "--hold",
            split = ",",
            paramLabel = "ATTRIBUTE",
            description =
                    "Attributes to keep at the value the regressor reads on the original while the"
                            + " others move; comma-separated or repeated.")
    List<String> holdArgs = new ArrayList<>();

    @Option(
            names = "--hold-corrections",
            defaultValue = "" + Navigator.HOLD_CORRECTIONS,
            description =
                    "Correction rounds for held attributes: each moves along the held directions by"
                            + " the error the regressor still reads and renders again; 0 keeps only"
                            + " the projection of the moving directions (default: ${DEFAULT-VALUE}).")
    int holdCorrections;

    @Option(
            names = "--truncation",
            defaultValue = "0.7",
            description = "Truncation psi in (0, 1] (default: ${DEFAULT-VALUE}).")
    float truncation;

    @Option(
            names = "--scale",
            defaultValue = "4",
            description = "Integer upscaling of the PNG (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(
            names = "--out",
            required = true,
            description = "Output PNG: original and edited side by side.")
    Path out;

    @Mixin DeviceOption device;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputChecks.truncation(truncation);
        OutputChecks.scale(scale);
        OutputChecks.pngFile(out);
        if (holdCorrections < 0 || holdCorrections > MAX_HOLD_CORRECTIONS) {
            throw new IllegalArgumentException(
                    "Invalid --hold-corrections "
                            + holdCorrections
                            + ": use 0 (projection only) to "
                            + MAX_HOLD_CORRECTIONS
                            + " rounds.");
        }
        OutputChecks.namesGiven(spec, "--hold", holdArgs, "Male,Smiling");
        if (latent != null && spec.commandLine().getParseResult().hasMatchedOption("--seed")) {
            throw new IllegalArgumentException(
                    "Both --seed and --latent were given: use one of them to choose the latent.");
        }
        Device dev = device.device();
        try (Generator g = Models.loadGenerator(generator.folder(), dev);
                DirectionSet d =
                        DirectionSet.load(
                                ModelPaths.orDefault(directions, ModelPaths.DIRECTIONS), dev);
                AttributeRegressor r = Models.loadRegressor(regressorFor(d), dev);
                NDManager manager = Engines.pytorch().newBaseManager(dev)) {
            noteRegressorMismatch(d, r);
            Navigator navigator = new Navigator(g, r, d);
            Map<String, Float> settings = settings();
            float[] epsilon = epsilons(settings, d.attributes());
            boolean[] held = held(settings, d.attributes());
            float[] z =
                    latent != null
                            ? Latents.read(latent, g.latentSize())
                            : Latents.fromSeed(seed, g.latentSize());
            NDArray zArray = manager.create(z, new Shape(1, g.latentSize()));

            NDArray original = navigator.render(navigator.wPlus(zArray, truncation));
            NDArray alpha = navigator.alpha(original);
            NDArray delta =
                    Navigator.delta(alpha, manager.create(epsilon, new Shape(1, epsilon.length)));
            Navigator.HeldEdit edit =
                    navigator.editHolding(
                            zArray,
                            alpha,
                            delta,
                            truncation,
                            held,
                            holdCorrections,
                            Navigator.HOLD_TOLERANCE);
            NDArray edited = edit.images();
            float[] before = alpha.toFloatArray();
            float[] target = Navigator.targets(alpha, delta, held);
            float[] after = edit.values().toFloatArray();

            BufferedImage a = Images.scale(Images.toImages(original)[0], scale);
            BufferedImage b = Images.scale(Images.toImages(edited)[0], scale);
            Images.writePng(Images.row(a, b), out);

            System.out.printf(
                    "%-22s %8s %8s %8s %8s%n", "attribute", "epsilon", "alpha", "target", "alpha'");
            for (int i = 0; i < epsilon.length; i++) {
                System.out.printf(
                        Locale.ROOT,
                        "%-22s %8s %8.3f %8.3f %8.3f%n",
                        d.attributes().get(i),
                        held[i] ? "held" : String.format(Locale.ROOT, "%+.3f", epsilon[i]),
                        before[i],
                        target[i],
                        after[i]);
            }
            if (ConditionalDirections.anyHeld(held)) {
                printHoldSummary(edit);
            }
            System.out.println("Wrote " + out + " (left: original, right: edited)");
        }
        return 0;
    }

    /**
     * Returns the --regressor folder, else the shipped regressor that the directions were trained
     * through, else the shipped MobileNetV2 regressor.
     */
    private Path regressorFor(DirectionSet d) {
        if (regressor != null) {
            return regressor;
        }
        return ModelPaths.orDefault(null, ModelPaths.trainingRegressor(d, ModelPaths.modelsDir()));
    }

    private static void noteRegressorMismatch(DirectionSet d, AttributeRegressor r) {
        String trainedThrough = d.regressorId();
        if (trainedThrough != null && !trainedThrough.equals(r.card().id)) {
            System.err.println(
                    "Note: "
                            + d.name()
                            + " was trained through regressor '"
                            + trainedThrough
                            + "'; the values below come from '"
                            + r.card().id
                            + "'.");
        }
    }

    /** Parses the --set values, rejecting malformed ones and an attribute set twice. */
    private Map<String, Float> settings() {
        Map<String, Float> settings = new LinkedHashMap<>();
        for (String arg : settingArgs) {
            int eq = arg.indexOf('=');
            float value;
            try {
                if (eq <= 0) {
                    throw new NumberFormatException();
                }
                value = Float.parseFloat(arg.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "Invalid --set '"
                                + arg
                                + "': write ATTRIBUTE=EPSILON, such as Smiling=+0.6.");
            }
            String attribute = arg.substring(0, eq).trim();
            if (settings.put(attribute, value) != null) {
                throw new IllegalArgumentException(
                        "--set names " + attribute + " twice: give each attribute once.");
            }
        }
        return settings;
    }

    private static void printHoldSummary(Navigator.HeldEdit edit) {
        float error = edit.heldError().getFloat(0);
        int kept = Math.round(edit.keptRound().getFloat(0));
        String outcome;
        if (edit.rounds() == 0) {
            outcome = "no correction round ran";
        } else if (kept == 0) {
            outcome =
                    edit.rounds()
                            + " correction round(s) ran and none came closer than the projection,"
                            + " which is shown";
        } else {
            outcome = edit.rounds() + " correction round(s) ran, round " + kept + " is shown";
        }
        System.out.printf(
                Locale.ROOT, "Held attributes: %s; largest held change %.3f%n", outcome, error);
        if (error > HELD_WARNING) {
            System.out.printf(
                    Locale.ROOT,
                    "Note: a held value moved by %.3f. The directions cannot keep it on this face;"
                            + " hold fewer attributes or move the others less.%n",
                    error);
        }
    }

    /** Parses --hold, rejecting unknown attributes and attributes that --set also moves. */
    private boolean[] held(Map<String, Float> settings, List<String> attributes) {
        boolean[] held = OutputChecks.attributeFlags("--hold", holdArgs, attributes);
        for (String name : settings.keySet()) {
            if (held[attributes.indexOf(name)]) {
                throw new IllegalArgumentException(
                        name
                                + " is both moved by --set and held by --hold: give it to one of"
                                + " them.");
            }
        }
        return held;
    }

    private static float[] epsilons(Map<String, Float> settings, List<String> attributes) {
        float[] epsilon = new float[attributes.size()];
        for (Map.Entry<String, Float> e : settings.entrySet()) {
            int index = OutputChecks.attribute("--set", e.getKey(), attributes);
            float value = e.getValue();
            if (!(value >= -1f && value <= 1f)) {
                throw new IllegalArgumentException(
                        "Invalid epsilon "
                                + value
                                + " for "
                                + e.getKey()
                                + ": use a value in [-1, 1].");
            }
            epsilon[index] = value;
        }
        return epsilon;
    }
}
