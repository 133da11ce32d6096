package org.latentnav.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentnav.model.ModelCard;
import org.latentnav.model.ModelFolder;
import org.latentnav.testing.TinyModelFolders;
import picocli.CommandLine;

/**
 * train-gan on the 300-image avatar sample at 16 px: snapshots, resume from the checkpoint, and a
 * new run that starts from exported model folders.
 */
class TrainGanCommandTest {
    @TempDir Path dir;

    private final StringWriter err = new StringWriter();

    private int trainGan(Path out, double kimg, String... extra) {
        return trainGan(out, kimg, 0.008, extra);
    }

    private int trainGan(Path out, double kimg, double snapshotKimg, String... extra) {
        return trainGan(Path.of("resources/avatar-sample"), out, kimg, snapshotKimg, extra);
    }

    private int trainGan(Path data, Path out, double kimg, double snapshotKimg, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "train-gan",
                                "--data",
                                data.toString(),
                                "--out",
                                out.toString(),
                                "--resolution",
                                "16",
                                "--latent-size",
                                "16",
                                "--channel-base",
                                "64",
                                "--channel-max",
                                "16",
                                "--batch-size",
                                "4",
                                "--r1-interval",
                                "2",
                                "--snapshot-kimg",
                                Double.toString(snapshotKimg),
                                "--kimg",
                                Double.toString(kimg),
                                "--device",
                                "cpu"));
        args.addAll(List.of(extra));
        CommandLine cli = LatentNavCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args.toArray(String[]::new));
    }

    private static long imagesSeen(Path modelFolder) {
        return ModelFolder.readCard(modelFolder).provenance.imagesSeen;
    }

    @Test
    void snapshotsResumeAndInitialiseRuns() throws IOException {
        Path run = dir.resolve("run");
        assertEquals(0, trainGan(run, 0.016), err.toString());
        assertTrue(Files.isRegularFile(run.resolve("gan-checkpoint.bin")));
        assertTrue(Files.isRegularFile(run.resolve("samples-latest-psi0.7.png")));
        // Snapshots every 8 images at batch 4 are named by images, so none overwrites another.
        try (java.util.stream.Stream<Path> files = Files.list(run)) {
            assertTrue(
                    files.filter(f -> f.getFileName().toString().matches("samples-\\d{9}img\\.png"))
                                    .count()
                            >= 2,
                    "one sample grid per snapshot");
        }
        assertEquals(16, imagesSeen(run.resolve("export/generator")));
        byte[] firstCheckpoint = Files.readAllBytes(run.resolve("gan-checkpoint.bin"));

        // The same command with a larger --kimg continues from image 16, not from zero.
        assertEquals(0, trainGan(run, 0.024), err.toString());
        assertEquals(24, imagesSeen(run.resolve("export/generator")));
        assertFalse(
                Arrays.equals(
                        firstCheckpoint, Files.readAllBytes(run.resolve("gan-checkpoint.bin"))),
                "the resumed run did not train");

        // Rerunning a finished command trains nothing and exits 0.
        assertEquals(0, trainGan(run, 0.024), err.toString());

        // A new run from the exported folders starts at their image count with their weights.
        // --kimg is the total, so a value at or below the 24 images they have seen is rejected.
        Path fresh = dir.resolve("fresh");
        Path exported = run.resolve("export");
        assertEquals(2, trainGan(fresh, 0.008, "--init-from", exported.toString()));
        assertTrue(
                err.toString().contains("has already seen 24 images (0.024 kimg)"), err.toString());
        assertFalse(Files.exists(fresh), "a rejected run leaves no folder behind");

        assertEquals(0, trainGan(fresh, 0.032, "--init-from", exported.toString()), err.toString());
        ModelCard card = ModelFolder.readCard(fresh.resolve("export/generator"));
        assertEquals(32, card.provenance.imagesSeen);
        assertTrue(
                card.provenance.command.contains("--init-from " + exported),
                card.provenance.command);
        assertTrue(
                card.description.startsWith("Trained on from " + exported.resolve("generator")),
                card.description);
        // Eight more images moved the weights: the run trains (its gradients are attached).
        assertFalse(
                Arrays.equals(
                        Files.readAllBytes(exported.resolve("generator/weights.params")),
                        Files.readAllBytes(fresh.resolve("export/generator/weights.params"))));
    }

    @Test
    void initFromOtherSizeIsRejected() throws IOException {
        Path models = TinyModelFolders.write(dir.resolve("models"));
        Path out = dir.resolve("out");
        // The tiny folders' mapping network has 2 layers; train-gan builds 4.
        int code = trainGan(out, 0.008, "--init-from", models.toString());
        assertEquals(2, code);
        assertTrue(
                err.toString().contains("mappingLayers 2 but this run asks for 4"), err.toString());
        assertTrue(err.toString().contains(models.resolve("generator").toString()), err.toString());
        assertFalse(Files.exists(out), "a rejected run leaves no folder behind");
    }

    @Test
    void initFromEmptyFolderNamesCard() {
        Path empty = dir.resolve("empty");
        int code = trainGan(dir.resolve("out"), 0.008, "--init-from", empty.toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains(empty.resolve("generator").toString()), err.toString());
    }

    @Test
    void rerunFinishesInterruptedExport() throws IOException {
        Path run = dir.resolve("run");
        assertEquals(0, trainGan(run, 0.008), err.toString());
        byte[] weights = Files.readAllBytes(run.resolve("export/generator/weights.params"));
        // A stop after the final checkpoint and before its export: no export, and the temporary
        // files that killed writes leave behind.
        deleteTree(run.resolve("export"));
        Files.createDirectories(run.resolve("export/generator"));
        Path staleCheckpoint = run.resolve(".gan-checkpoint.bin.8123456789.tmp");
        Path staleWeights = run.resolve("export/generator/.weights.params.42.tmp");
        Path other = run.resolve(".notes.tmp");
        for (Path file : new Path[] {staleCheckpoint, staleWeights, other}) {
            Files.write(file, new byte[] {1, 2, 3});
        }

        // The rerun requests another learning rate, but the export describes the checkpoint's.
        assertEquals(0, trainGan(run, 0.008, "--lr", "0.003"), err.toString());
        assertEquals(8, imagesSeen(run.resolve("export/generator")));
        assertEquals(8, imagesSeen(run.resolve("export/discriminator")));
        String command = ModelFolder.readCard(run.resolve("export/generator")).provenance.command;
        assertTrue(command.contains("--lr 0.0015"), command);
        assertTrue(
                Arrays.equals(
                        weights,
                        Files.readAllBytes(run.resolve("export/generator/weights.params"))),
                "the export should hold the checkpoint's generator");
        assertFalse(Files.exists(staleCheckpoint), "stale checkpoint temporary kept");
        assertFalse(Files.exists(staleWeights), "stale weights temporary kept");
        assertTrue(Files.exists(other), "a file of another name was removed");
    }

    @Test
    void runBelowOneKimgNamesSamplesByImages() throws IOException {
        Path run = dir.resolve("run");
        // With the default interval of 10 kimg, the only snapshot is the last one, at 8 images.
        assertEquals(0, trainGan(run, 0.008, 10), err.toString());
        assertTrue(Files.isRegularFile(run.resolve("samples-000000008img.png")));
        assertFalse(Files.exists(run.resolve("samples-000000.png")), "named as 0 kimg");
    }

    @Test
    void trainsOnImagesWithoutLabels() throws IOException {
        Path data = dir.resolve("unlabelled");
        Files.createDirectories(data.resolve("img"));
        try (java.util.stream.Stream<Path> images =
                Files.list(Path.of("resources/avatar-sample/img"))) {
            for (Path image : (Iterable<Path>) images.sorted().limit(12)::iterator) {
                Files.copy(image, data.resolve("img").resolve(image.getFileName()));
            }
        }
        assertEquals(0, trainGan(data, dir.resolve("run"), 0.008, 0.008), err.toString());
        assertEquals(8, imagesSeen(dir.resolve("run/export/generator")));
    }

    @Test
    void negativeBenchStepsAreRejected() {
        assertEquals(2, trainGan(dir.resolve("out"), 0.008, "--bench-steps", "-5"));
        assertTrue(err.toString().contains("Invalid --bench-steps -5"), err.toString());
    }

    private static void deleteTree(Path root) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path path :
                    (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
