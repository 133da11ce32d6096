package org.latentnav.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentnav.testing.TinyModelFolders;
import picocli.CommandLine;

class CommandLineTest {
    @TempDir static Path models;
    @TempDir Path out;

    @BeforeAll
    static void writeModels() throws IOException {
        TinyModelFolders.write(models);
    }

    /** Runs the CLI and returns {exit code, stdout, stderr}. */
    private static Object[] run(String... args) {
        CommandLine cli = LatentNavCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        PrintStream previous = System.out;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            int code = cli.execute(args);
            return new Object[] {code, stdout.toString(StandardCharsets.UTF_8), err.toString()};
        } finally {
            System.setOut(previous);
        }
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    private String[] modelArgs(String... rest) {
        String[] base = {
            "--generator", models.resolve("generator").toString(),
            "--regressor", models.resolve("regressor-mobilenetv2").toString(),
            "--directions", models.resolve("directions-mobilenetv2").toString()
        };
        String[] all = new String[base.length + rest.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(rest, 0, all, base.length, rest.length);
        return all;
    }

    @Test
    void editWritesBeforeAfterAndPrintsValues() throws IOException {
        Path png = out.resolve("face.png");
        String[] args =
                modelArgs(
                        "--seed",
                        "3",
                        "--set",
                        "Red=+0.6",
                        "--scale",
                        "2",
                        "--out",
                        png.toString());
        String[] full = new String[args.length + 1];
        full[0] = "edit";
        System.arraycopy(args, 0, full, 1, args.length);
        Object[] result = run(full);
        assertEquals(0, result[0], (String) result[2]);
        String stdout = (String) result[1];
        assertTrue(stdout.contains("Red"), stdout);
        assertTrue(stdout.contains("+0.600"), stdout);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(32, image.getHeight() - 8);
        assertEquals(2 * 32 + 3 * 4, image.getWidth());
    }

    @Test
    void editRejectsUnknownAttributeAndBadEpsilon() {
        // Each case: the expected message, then the --set arguments.
        String[][] cases = {
            {"Unknown attribute 'Smiling'", "--set", "Smiling=0.5"},
            {"[-1, 1]", "--set", "Red=1.5"},
            {"names Red twice", "--set", "Red=0.5", "--set", "Red=-0.5"},
            {"Invalid --set 'Red'", "--set", "Red"},
            {"Unknown attribute 'Blue' in --hold", "--hold", "Blue"},
            {"Red is both moved by --set and held by --hold", "--set", "Red=0.5", "--hold", "Red"},
            {"Invalid --hold-corrections -1", "--hold", "Green", "--hold-corrections", "-1"},
            {"Invalid --hold-corrections 11", "--hold", "Green", "--hold-corrections", "11"},
            {"--hold was given without an attribute", "--hold", ","},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of(c).subList(1, c.length));
            args.addAll(List.of("--out", out.resolve("x.png").toString()));
            Object[] result = run(prefix("edit", modelArgs(args.toArray(String[]::new))));
            assertEquals(2, result[0], c[0]);
            assertTrue(((String) result[2]).contains(c[0]), (String) result[2]);
        }
        assertTrue(!Files.exists(out.resolve("x.png")));
    }

    @Test
    void editPrintsHeldAttribute() {
        Path png = out.resolve("held.png");
        Object[] result =
                run(
                        prefix(
                                "edit",
                                modelArgs(
                                        "--seed",
                                        "3",
                                        "--set",
                                        "Red=+0.8",
                                        "--hold",
                                        "Green",
                                        "--out",
                                        png.toString())));
        assertEquals(0, result[0], (String) result[2]);
        String stdout = (String) result[1];
        String green = stdout.lines().filter(l -> l.startsWith("Green")).findFirst().orElseThrow();
        String[] columns = green.trim().split("\\s+");
        assertEquals("held", columns[1], green);
        // A held attribute's target is its value on the original.
        assertEquals(columns[2], columns[3], green);
        assertTrue(stdout.contains("Held attributes: "), stdout);
        assertTrue(stdout.contains("largest held change"), stdout);
        assertTrue(Files.exists(png));
    }

    @Test
    void editRejectsLatentWithNanOrWrongLength() throws IOException {
        Path nan = out.resolve("nan.json");
        Files.writeString(nan, "{\"z\": [" + "0.1, ".repeat(15) + "\"NaN\"]}");
        Object[] result = editLatent(nan, out.resolve("x.png"));
        assertEquals(2, result[0]);
        assertTrue(((String) result[2]).contains("not a finite number"), (String) result[2]);

        Path shortFile = out.resolve("short.json");
        Files.writeString(shortFile, "{\"z\": [1, 2, 3]}");
        result =
                run(
                        prefix(
                                "edit",
                                modelArgs(
                                        "--latent",
                                        shortFile.toString(),
                                        "--out",
                                        out.resolve("x.png").toString())));
        assertEquals(2, result[0]);
        assertTrue(
                ((String) result[2]).contains("has 3 values but the generator needs 16"),
                (String) result[2]);
    }

    @Test
    void trainDirectionsWritesRunFolderAndResumes() {
        Path run = out.resolve("run");
        String[] args = {
            "train-directions",
            "--generator",
            models.resolve("generator").toString(),
            "--discriminator",
            models.resolve("discriminator").toString(),
            "--regressor",
            models.resolve("regressor-mobilenetv2").toString(),
            "--features",
            models.resolve("features-vgg19").toString(),
            "--samples",
            "8",
            "--batch-size",
            "4",
            "--epochs",
            "2",
            "--schedule",
            "exponential",
            "--lr",
            "1e-3",
            "--out",
            run.toString()
        };
        Object[] result = run(args);
        assertEquals(0, result[0], (String) result[2]);
        assertTrue(Files.exists(run.resolve("config.json")));
        assertTrue(Files.exists(run.resolve("checkpoint.bin")));
        assertTrue(Files.exists(run.resolve("previews/epoch-02.png")));
        assertTrue(Files.exists(run.resolve("directions/model.json")));
        assertTrue(Files.exists(run.resolve("metrics.csv")));

        Object[] again = run(args);
        assertEquals(0, again[0], (String) again[2]);

        // --epochs is the total: a larger one trains on from the checkpoint.
        args[14] = "3";
        Object[] longer = run(args);
        assertEquals(0, longer[0], (String) longer[2]);
        assertTrue(Files.exists(run.resolve("previews/epoch-03.png")));
        assertFalse(((String) longer[1]).contains("epoch 1 "), "epoch 1 ran again: " + longer[1]);

        args[14] = "1";
        Object[] fewer = run(args);
        assertEquals(2, fewer[0]);
        assertTrue(((String) fewer[2]).contains("has done 3 epochs"), (String) fewer[2]);

        args[14] = "3";
        args[args.length - 3] = "5e-4";
        Object[] other = run(args);
        assertEquals(2, other[0]);
        assertTrue(((String) other[2]).contains("other settings"), (String) other[2]);
        assertTrue(
                ((String) other[2]).contains("schedule.baseRate (--lr) 0.001 -> 5.0E-4"),
                (String) other[2]);
    }

    @Test
    void trainDirectionsNotesUnusedSamples() {
        Object[] result =
                trainDirectionsThroughRegressor(
                        out.resolve("uneven-run"),
                        "--samples",
                        "6",
                        "--batch-size",
                        "4",
                        "--epochs",
                        "1");
        assertEquals(0, result[0], (String) result[2]);
        assertTrue(
                ((String) result[1]).contains("each epoch runs 1 iteration, 4 samples"),
                (String) result[1]);
    }

    @Test
    void trainDirectionsWithInvalidLayersWritesNothing() {
        Path run = out.resolve("invalid-run");
        Object[] result = trainDirectionsThroughRegressor(run, "--layers", "5:2");
        assertEquals(2, result[0]);
        assertFalse(Files.exists(run.resolve("config.json")), "config.json was written");
        assertFalse(Files.exists(run.resolve("previews")), "previews/ was created");
    }

    /**
     * Runs train-directions into {@code run} with the regression loss alone (no discriminator or
     * feature extractor), plus {@code options}.
     */
    private Object[] trainDirectionsThroughRegressor(Path run, String... options) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "train-directions",
                                "--generator",
                                models.resolve("generator").toString(),
                                "--regressor",
                                models.resolve("regressor-mobilenetv2").toString(),
                                "--lambda-disc",
                                "0",
                                "--lambda-content",
                                "0",
                                "--out",
                                run.toString()));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    @Test
    void editRejectsSeedTogetherWithLatent() throws IOException {
        Path latent = out.resolve("z.json");
        Files.writeString(latent, "{\"z\": [" + "0.1, ".repeat(15) + "0.1]}");
        Path png = out.resolve("both.png");
        Object[] result =
                run(
                        prefix(
                                "edit",
                                modelArgs(
                                        "--seed",
                                        "3",
                                        "--latent",
                                        latent.toString(),
                                        "--out",
                                        png.toString())));
        assertEquals(2, result[0]);
        assertTrue(
                ((String) result[2]).contains("Both --seed and --latent were given"),
                (String) result[2]);
        assertFalse(Files.exists(png));
    }

    @Test
    void evaluateWritesTablesPlotsAndGrids() throws IOException {
        Path eval = out.resolve("eval");
        Object[] result =
                run(evaluateArgs(eval, "--latents", "6", "--targets", "3", "--batch-size", "3"));
        assertEquals(0, result[0], (String) result[2]);
        assertTrue(
                ((String) result[2]).contains("warning: the judge regressor-mobilenetv2 is the"),
                (String) result[2]);
        List<String> csv = Files.readAllLines(eval.resolve("evaluation.csv"));
        assertEquals(1 + 2 * 3, csv.size(), String.join("\n", csv));
        String md = Files.readString(eval.resolve("evaluation.md"));
        assertTrue(md.contains("| directions-mobilenetv2 | Red |"), md);
        assertTrue(Files.exists(eval.resolve("plots/Green.png")));
        BufferedImage grid =
                ImageIO.read(eval.resolve("grids/directions-mobilenetv2-Red.png").toFile());
        assertEquals(3 * 16 + 4 * 2, grid.getWidth());
        assertEquals(3 * 16 + 4 * 2, grid.getHeight());
    }

    @Test
    void trainingRejectsBadSettingsBeforeWork() throws IOException {
        Path file = Files.writeString(out.resolve("a-file"), "x");
        String data = "resources/avatar-sample";
        String run = out.resolve("run").toString();
        String[] gan = {"train-gan", "--data", data, "--out", run, "--kimg", "0.001"};
        String[] regressor = {
            "train-regressor", "--arch", "mobilenetv2", "--data", data, "--out", run
        };
        String[] directions = {
            "train-directions",
            "--generator",
            models.resolve("generator").toString(),
            "--regressor",
            models.resolve("regressor-mobilenetv2").toString(),
            "--features",
            models.resolve("features-vgg19").toString(),
            "--discriminator",
            models.resolve("discriminator").toString(),
            "--out",
            run,
            "--samples",
            "4",
            "--epochs",
            "1"
        };
        String[][] cases = {
            concat(gan, "--lr", "NaN"),
            concat(gan, "--r1-gamma", "-5"),
            {"train-gan", "--data", data, "--out", run, "--kimg", "NaN"},
            concat(gan, "--batch-size", "1000"),
            {"train-gan", "--data", data, "--out", file.toString()},
            concat(regressor, "--resolution", "7"),
            concat(regressor, "--batch-size", "0"),
            concat(regressor, "--epochs", "0"),
            concat(regressor, "--width-divisor", "0"),
            concat(directions, "--lambda-reg", "NaN"),
        };
        String[] messages = {
            "Invalid GAN setting --lr NaN",
            "Invalid GAN setting --r1-gamma -5.0",
            "Invalid GAN setting --kimg NaN",
            "has only 240 images",
            "is a file: give a folder",
            "Invalid --resolution 7",
            "Invalid --batch-size 0",
            "Invalid --epochs 0",
            "Invalid --width-divisor 0",
            "Invalid lambdas: reg NaN",
        };
        for (int i = 0; i < cases.length; i++) {
            Object[] result = run(cases[i]);
            assertEquals(2, result[0], String.join(" ", cases[i]) + "\n" + result[2]);
            assertTrue(((String) result[2]).contains(messages[i]), (String) result[2]);
            assertFalse(((String) result[2]).contains("\tat "), "stack trace: " + result[2]);
            assertFalse(Files.exists(out.resolve("run")), "run folder created by case " + i);
        }
    }

    @Test
    void evaluateRejectsBadOptionsBeforeWork() {
        String[][] cases = {
            {"--latents", "0"},
            {"--targets", "1"},
            {"--batch-size", "0"},
            {"--truncation", "0"},
            {"--attributes", ""},
            {"--attributes", "Red,Nonexistent"},
        };
        String[] messages = {
            "Invalid --latents 0",
            "Invalid --targets 1",
            "Invalid --batch-size 0",
            "Invalid --truncation 0",
            "--attributes is empty",
            "Unknown attribute 'Nonexistent'",
        };
        for (int i = 0; i < cases.length; i++) {
            Path eval = out.resolve("bad-eval-" + i);

            Object[] result = run(evaluateArgs(eval, cases[i]));
            assertEquals(2, result[0], String.join(" ", cases[i]));
            assertTrue(((String) result[2]).contains(messages[i]), (String) result[2]);
            assertFalse(Files.exists(eval), eval + " was created");
        }
    }

    @Test
    void editRejectsLatentTooLargeForFloat() throws IOException {
        Path huge = out.resolve("huge.json");
        Files.writeString(huge, "{\"z\": [1e300" + ", 0.1".repeat(15) + "]}");
        Object[] result = editLatent(huge, out.resolve("huge.png"));
        assertEquals(2, result[0]);
        assertTrue(((String) result[2]).contains("is too large: values above"), (String) result[2]);
        assertFalse(Files.exists(out.resolve("huge.png")));
    }

    @Test
    void evaluateGanComparesGeneratedAndReal() throws IOException {
        Path md = out.resolve("gan.md");
        Object[] result =
                run(
                        "evaluate-gan",
                        "--generator",
                        models.resolve("generator").toString(),
                        "--regressor",
                        models.resolve("regressor-mobilenetv2").toString(),
                        "--data",
                        "resources/avatar-sample",
                        "--samples",
                        "20",
                        "--out",
                        md.toString());
        assertEquals(0, result[0], (String) result[2]);
        String text = Files.readString(md);
        assertTrue(text.contains("| generated vs real |"), text);
        assertTrue(text.contains("| Red |"), text);
        Matcher sameSize =
                Pattern.compile(
                                "\\| real training vs real held-out \\(20 vs 20 images\\) \\| ([0-9.]+) \\|")
                        .matcher(text);
        assertTrue(sameSize.find(), text);
        assertTrue(Double.parseDouble(sameSize.group(1)) > 0, text);
    }

    @Test
    void renderRejectsBadOptionsBeforeWork() throws IOException {
        String generator = models.resolve("generator").toString();
        Object[] nan =
                run(
                        "render",
                        "--generator",
                        generator,
                        "--truncation",
                        "NaN",
                        "--out",
                        out.resolve("a.png").toString());
        assertEquals(2, nan[0]);
        assertTrue(((String) nan[2]).contains("Invalid --truncation NaN"), (String) nan[2]);

        Object[] folder = run("render", "--generator", generator, "--out", out.toString());
        assertEquals(2, folder[0]);
        assertTrue(((String) folder[2]).contains("is a folder"), (String) folder[2]);

        Object[] device =
                run(
                        "render",
                        "--generator",
                        generator,
                        "--device",
                        "bogus",
                        "--out",
                        out.resolve("b.png").toString());
        assertEquals(2, device[0]);
        assertTrue(((String) device[2]).contains("use cpu, gpu, gpu:N"), (String) device[2]);

        Object[] gpu =
                run(
                        "render",
                        "--generator",
                        generator,
                        "--device",
                        "gpu",
                        "--out",
                        out.resolve("c.png").toString());
        assertEquals(2, gpu[0]);
        assertTrue(((String) gpu[2]).contains("is not available"), (String) gpu[2]);

        Path latent = out.resolve("nan-token.json");
        Files.writeString(latent, "{\"z\": [" + "0.1, ".repeat(15) + "NaN]}");
        Object[] token =
                run(
                        prefix(
                                "edit",
                                modelArgs(
                                        "--latent",
                                        latent.toString(),
                                        "--out",
                                        out.resolve("d.png").toString())));
        assertEquals(2, token[0]);
        assertTrue(((String) token[2]).contains("is not a finite number"), (String) token[2]);
    }

    @Test
    void missingModelFolderGivesClearError() {
        Object[] result =
                run(
                        "render",
                        "--generator",
                        out.resolve("nothing").toString(),
                        "--out",
                        out.resolve("r.png").toString());
        assertEquals(2, result[0]);
        assertTrue(((String) result[2]).contains("Model folder not found"), (String) result[2]);
    }

    /** Returns the arguments of {@code evaluate} on the tiny models, writing to {@code out}. */
    private String[] evaluateArgs(Path out, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "evaluate",
                                "--generator",
                                models.resolve("generator").toString(),
                                "--discriminator",
                                models.resolve("discriminator").toString(),
                                "--features",
                                models.resolve("features-vgg19").toString(),
                                "--directions",
                                models.resolve("directions-mobilenetv2").toString(),
                                "--regressor",
                                models.resolve("regressor-mobilenetv2").toString(),
                                "--judge",
                                models.resolve("regressor-mobilenetv2").toString(),
                                "--out",
                                out.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** Runs {@code edit} on the tiny models with a latent file. */
    private Object[] editLatent(Path latent, Path png) {
        return run(
                prefix("edit", modelArgs("--latent", latent.toString(), "--out", png.toString())));
    }

    private static String[] prefix(String command, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = command;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Test
    void infoListsCardsAndFlagsInvalidOnes() throws IOException {
        Object[] ok = run("info", "--models", models.toString());
        String listing = (String) ok[1];
        assertEquals(0, ok[0], listing);
        assertTrue(
                listing.indexOf("directions-mobilenetv2") < listing.indexOf("generator"), listing);

        Path copy = out.resolve("models");
        Path broken = copy.resolve("regressor-broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("model.json"), "{");
        Object[] invalid = run("info", "--models", copy.toString());
        assertEquals(1, invalid[0]);
        assertTrue(
                ((String) invalid[1]).contains("regressor-broken           invalid:"),
                (String) invalid[1]);

        Path truncated = out.resolve("truncated-models/generator");
        Files.createDirectories(truncated);
        Files.copy(models.resolve("generator/model.json"), truncated.resolve("model.json"));
        byte[] weights = Files.readAllBytes(models.resolve("generator/weights.params"));
        Files.write(
                truncated.resolve("weights.params"),
                java.util.Arrays.copyOf(weights, weights.length / 2));
        Object[] cut = run("info", "--models", truncated.getParent().toString());
        assertEquals(1, cut[0], (String) cut[1]);
        assertTrue(
                ((String) cut[1]).contains("bytes but model.json expects " + weights.length),
                (String) cut[1]);

        Path unknown = out.resolve("unknown-models/generator");
        Files.createDirectories(unknown);
        Files.copy(models.resolve("generator/weights.params"), unknown.resolve("weights.params"));
        Files.writeString(
                unknown.resolve("model.json"),
                Files.readString(models.resolve("generator/model.json"))
                        .replace("\"stylegan2\"", "\"stylegan9\""));
        Object[] odd = run("info", "--models", unknown.getParent().toString());
        assertEquals(1, odd[0], (String) odd[1]);
        assertTrue(((String) odd[1]).contains("architecture 'stylegan9'"), (String) odd[1]);

        Object[] empty = run("info", "--models", out.toString());
        assertEquals(1, empty[0]);
        assertTrue(((String) empty[1]).contains("No model folders"), (String) empty[1]);
    }
}
