package org.latentnav.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentnav.testing.TorchScriptFixtures;
import picocli.CommandLine;

/** The import-directions and edit commands on TorchScript model folders. */
class TorchScriptCommandsTest {
    @TempDir Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = LatentNavCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static String fixture(String name) {
        return TorchScriptFixtures.path(name).toString();
    }

    @Test
    void importedDirectionsEditTorchScriptFace() throws Exception {
        Path directions = dir.resolve("directions");
        int imported =
                run(
                        "import-directions",
                        "--walks",
                        fixture("expected/walks.npy"),
                        "--generator",
                        fixture("generator"),
                        "--attributes",
                        "Smiling, Male ,Eyeglasses",
                        "--id",
                        "tiny-walks",
                        "--out",
                        directions.toString(),
                        "--device",
                        "cpu");
        assertEquals(0, imported, err.toString());
        assertTrue(Files.isRegularFile(directions.resolve("model.json")));
        String card = Files.readString(directions.resolve("model.json"));
        assertTrue(card.contains("\"id\" : \"tiny-walks\""), card);
        assertTrue(card.contains("Imported from walks.npy"), card);

        Path png = dir.resolve("edit.png");
        int edited =
                run(
                        "edit",
                        "--generator",
                        fixture("generator"),
                        "--regressor",
                        fixture("regressor"),
                        "--directions",
                        directions.toString(),
                        "--set",
                        "Smiling=0.8",
                        "--scale",
                        "1",
                        "--out",
                        png.toString());
        assertEquals(0, edited, err.toString());
        assertTrue(Files.size(png) > 0);
    }

    @Test
    void importWithWrongAttributeCountFails() {
        int code =
                run(
                        "import-directions",
                        "--walks",
                        fixture("expected/walks.npy"),
                        "--generator",
                        fixture("generator"),
                        "--attributes",
                        "Smiling,Male",
                        "--out",
                        dir.resolve("d").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("3 directions but 2 attribute names"), err.toString());
    }

    @Test
    void importWithMissingWalksFails() {
        int code =
                run(
                        "import-directions",
                        "--walks",
                        dir.resolve("none.npy").toString(),
                        "--generator",
                        fixture("generator"),
                        "--attributes",
                        "Smiling",
                        "--out",
                        dir.resolve("d").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("none.npy"), err.toString());
    }

    @Test
    void renderReadsTorchScriptGenerator() throws Exception {
        Path png = dir.resolve("face.png");
        int code =
                run(
                        "render",
                        "--generator",
                        fixture("generator-z"),
                        "--scale",
                        "2",
                        "--out",
                        png.toString());
        assertEquals(0, code, err.toString());
        assertTrue(Files.size(png) > 0);
    }

    /** Every command that loads models takes --device. */
    @Test
    void modelCommandsTakeDevice() {
        CommandLine cli = LatentNavCommand.commandLine();
        List<String> loaders =
                List.of(
                        "render",
                        "edit",
                        "train-directions",
                        "train-gan",
                        "train-regressor",
                        "evaluate",
                        "evaluate-gan",
                        "bench",
                        "import-directions");
        for (String name : loaders) {
            CommandLine command = cli.getSubcommands().get(name);
            assertTrue(command != null, name);
            assertTrue(
                    command.getCommandSpec().findOption("--device") != null,
                    name + " has no --device");
        }
    }
}
