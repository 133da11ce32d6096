package org.latentnav.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentnav.engine.Engines;
import org.latentnav.model.ModelFolder;
import org.latentnav.testing.TinyModelFolders;
import org.latentnav.testing.TorchScriptFixtures;
import picocli.CommandLine;

/** The directions section of {@code bench} on TorchScript and on LatentNav's own models. */
class BenchCommandTest {
    private static final Pattern SPEED_ROW =
            Pattern.compile("\\| direction training, batch 4 \\| [0-9.]+ samples/s \\| ");
    private static final Pattern LOSS_ROW =
            Pattern.compile(
                    "\\| direction training, batch 4, mean losses \\| L_reg [0-9.]+, L_disc"
                            + " -?[0-9.]+, L_content [0-9.]+ \\|");

    @TempDir Path dir;

    /** Runs {@code bench --only directions} on {@code models} and returns {exit code, stdout}. */
    private static Object[] benchDirections(Path models) {
        return bench(
                "--only", "directions", "--models", models.toString(), "--train-iterations", "3");
    }

    /** Runs {@code bench} with {@code args} on the CPU and returns {exit code, stdout + stderr}. */
    private static Object[] bench(String... args) {
        CommandLine cli = LatentNavCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        PrintStream previous = System.out;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 3];
            all[0] = "bench";
            System.arraycopy(args, 0, all, 1, args.length);
            all[args.length + 1] = "--device";
            all[args.length + 2] = "cpu";
            int code = cli.execute(all);
            return new Object[] {code, stdout.toString(StandardCharsets.UTF_8) + err};
        } finally {
            System.setOut(previous);
        }
    }

    @Test
    void directionsRunOnTorchScriptModels() throws IOException {
        Map<String, String> folders =
                Map.of(
                        "generator", ModelPaths.GENERATOR,
                        "discriminator", ModelPaths.DISCRIMINATOR,
                        "regressor", ModelPaths.REGRESSOR_MOBILENET,
                        "features", ModelPaths.FEATURES);
        for (Map.Entry<String, String> folder : folders.entrySet()) {
            Path copy = TorchScriptFixtures.copy(folder.getKey(), dir);
            Files.move(copy, dir.resolve(folder.getValue()));
        }

        Object[] result = benchDirections(dir);
        String output = (String) result[1];

        assertEquals(0, result[0], output);
        assertTrue(SPEED_ROW.matcher(output).find(), output);
        assertTrue(output.contains("| direction training, batch 8 |"), output);
        assertTrue(LOSS_ROW.matcher(output).find(), output);
        assertTrue(output.contains("| direction training, batch 4, achieved | n/a |"), output);
    }

    @Test
    void directionsCountFlopsOfOwnModels() throws IOException {
        TinyModelFolders.write(dir);

        Object[] result = benchDirections(dir);
        String output = (String) result[1];

        assertEquals(0, result[0], output);
        assertTrue(SPEED_ROW.matcher(output).find(), output);
        assertTrue(
                Pattern.compile("\\| direction training, batch 4, achieved \\| [0-9.]+ GFLOP/s \\|")
                        .matcher(output)
                        .find(),
                output);
        assertFalse(output.contains("| n/a |"), output);
    }

    @Test
    void inferenceTimesEachRegressor() throws IOException {
        TinyModelFolders.write(dir);
        // The tiny models folder has one regressor; the section times three.
        for (String name : new String[] {"regressor-resnet50", "regressor-vgg19"}) {
            copyModel("regressor-mobilenetv2", name);
        }

        // Options that only other sections read are not checked.
        Object[] result =
                bench(
                        "--only",
                        "inference",
                        "--models",
                        dir.toString(),
                        "--iterations",
                        "0",
                        "--train-iterations",
                        "1",
                        "--soak",
                        "1",
                        "--inference-threads",
                        "0");
        String output = (String) result[1];

        assertEquals(0, result[0], output);
        Pattern row =
                Pattern.compile(
                        "\\| inference regressor-[a-z0-9]+, batch (1|32), [0-9]+ threads? \\| [0-9.]+"
                                + " ms/image \\|");
        int threadCounts = Engines.startThreads() > 1 ? 2 : 1;
        assertEquals(
                3 * 2 * threadCounts,
                row.matcher(output).results().count(),
                "3 regressors x 2 batches x " + threadCounts + " thread counts");
    }

    /** Copies every file of the model folder {@code from} into a new folder {@code to}. */
    private Path copyModel(String from, String to) throws IOException {
        Path target = Files.createDirectories(dir.resolve(to));
        try (Stream<Path> files = Files.list(dir.resolve(from))) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
    }

    /** Runs three timed edits on the models in {@code dir} with the extra options. */
    private Object[] benchEdit(String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of("--only", "edit", "--models", dir.toString(), "--iterations", "3"));
        args.addAll(List.of(extra));
        return bench(args.toArray(String[]::new));
    }

    @Test
    void editReadsWithTheSetsRegressor() throws IOException {
        TinyModelFolders.write(dir);
        copyModel("regressor-mobilenetv2", "regressor-resnet50");
        Path set = copyModel("directions-mobilenetv2", "directions-resnet50");
        ObjectNode card =
                (ObjectNode) ModelFolder.JSON.readTree(set.resolve("model.json").toFile());
        card.with("hyperParameters").put("regressor", "regressor-resnet50");
        ModelFolder.JSON.writeValue(set.resolve("model.json").toFile(), card);

        Object[] result = benchEdit("--directions", "directions-resnet50");
        String output = (String) result[1];

        assertEquals(0, result[0], output);
        assertTrue(
                output.contains(
                        "incl. regressor-resnet50 on the edit, batch 1, 3 edits of"
                                + " directions-resnet50 |"),
                output);

        Object[] other =
                benchEdit(
                        "--directions",
                        "directions-resnet50",
                        "--edit-regressor",
                        "regressor-mobilenetv2");
        String otherOutput = (String) other[1];
        assertEquals(0, other[0], otherOutput);
        assertTrue(
                otherOutput.contains("incl. regressor-mobilenetv2 on the edit, batch 1, 3 edits"),
                otherOutput);
    }

    @Test
    void editHoldsAttributesAsTheEditorDoes() throws IOException {
        TinyModelFolders.write(dir);

        Object[] held = benchEdit("--hold", " Green,Green");
        String output = (String) held[1];
        assertEquals(0, held[0], output);
        assertTrue(output.contains(", holding Green ("), output);
        assertTrue(output.contains("correction rounds per edit)"), output);

        Object[] all = benchEdit("--hold", "Red,Green");
        assertEquals(2, all[0], (String) all[1]);
        assertTrue(((String) all[1]).contains("--hold names every attribute"), (String) all[1]);
    }

    @Test
    void rejectsBadOptionsBeforePrinting() {
        String[][] cases = {
            {"--only", "foo"},
            {"--only", "edit", "--iterations", "0"},
            {"--only", "gan", "--train-iterations", "1"},
            {"--only", "soak-render", "--soak", "5"},
            {"--only", "edit", "--inference-threads", "0"},
            {"--only", "edit", "--directions", "regressor-mobilenetv2"},
            {"--only", "edit", "--hold", "Nope"},
            {"--only", "directions", "--direction-batches", "4,0"},
            {"--only", "directions", "--direction-batches", ","},
            {"--only", "directions", "--direction-batches", "100000"},
            {"--only", "edit", "--hold", ","},
        };
        String[] messages = {
            "Unknown bench section 'foo'",
            "Invalid --iterations 0",
            "Invalid --train-iterations 1",
            "Invalid --soak 5",
            "Invalid --inference-threads 0",
            "it holds a regressor, not a directions",
            "Unknown attribute 'Nope' in --hold",
            "Invalid --direction-batches 0",
            "--direction-batches names no batch size",
            "Invalid --direction-batches 100000: use at most 256",
            "--hold was given without an attribute",
        };
        for (int i = 0; i < cases.length; i++) {
            Object[] result = bench(cases[i]);
            String output = (String) result[1];
            assertEquals(2, result[0], output);
            assertTrue(output.contains(messages[i]), output);
            assertFalse(output.contains("| measurement |"), output);
        }
    }
}
