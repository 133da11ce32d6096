package org.latentnav.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentnav.testing.TinyModelFolders;

/** Kills a real training process with SIGKILL mid-epoch and resumes it. */
class KillAndResumeTest {
    @TempDir Path dir;

    private Process start(Path models, Path run) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command =
                new ArrayList<>(
                        List.of(
                                java,
                                "-cp",
                                System.getProperty("java.class.path"),
                                "-Dai.djl.offline=true",
                                "org.latentnav.Main",
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
                                "400",
                                "--batch-size",
                                "4",
                                "--epochs",
                                "3",
                                "--out",
                                run.toString()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("log-" + System.nanoTime() + ".txt").toFile())
                .start();
    }

    @Test
    void sigkillMidEpochLosesAtMostThatEpoch() throws Exception {
        Path models = TinyModelFolders.write(dir.resolve("models"));
        Path run = dir.resolve("run");
        Path checkpoint = run.resolve(Checkpoint.FILE);

        Process first = start(models, run);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(checkpoint) && System.nanoTime() < deadline && first.isAlive()) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(checkpoint), "no checkpoint after the first epoch");
        Thread.sleep(300); // Into the second epoch.
        first.destroyForcibly().waitFor(); // SIGKILL on Linux.
        assertEquals(137, first.exitValue(), "the process was not killed");

        Checkpoint.Header header = readHeader(checkpoint);
        assertTrue(
                header.epochsDone >= 1 && header.epochsDone < 3,
                "epochs done " + header.epochsDone);

        Process second = start(models, run);
        assertTrue(second.waitFor(3, TimeUnit.MINUTES), "resumed run did not finish");
        assertEquals(0, second.exitValue(), Files.readString(latestLog()));
        assertEquals(3, readHeader(checkpoint).epochsDone);
        assertTrue(Files.exists(run.resolve("directions/model.json")));
        String log = Files.readString(latestLog());
        assertTrue(log.contains("Resumed from"), log);
    }

    private Path latestLog() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("log-"))
                    .max(Path::compareTo)
                    .orElseThrow();
        }
    }

    private static Checkpoint.Header readHeader(Path checkpoint) {
        return Checkpoint.readHeader(checkpoint);
    }
}
