package org.latentnav.cli;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.latentnav.engine.Engines;
import org.latentnav.model.InvalidModelException;
import org.latentnav.model.ModelCard;
import org.latentnav.model.ModelFolder;
import org.latentnav.model.Models;
import org.latentnav.nn.RegressorArchitecture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints the engine and the model cards found in a models folder, sorted by folder name. Exits with
 * 1 when the folder has no model cards or some are invalid. It reads the cards and checks that each
 * weights file exists with the size its card gives; the checksum is verified when a model loads.
 */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = "Show the engine and the installed models.")
public final class InfoCommand implements Callable<Integer> {
    @Option(
            names = "--models",
            description =
                    "Models folder (default: LATENTNAV_MODELS if set, else ./models, else the folder beside the application).")
    Path models;

    @Override
    public Integer call() throws IOException {
        Engine engine = Engines.pytorch();
        System.out.printf(
                "Engine: %s %s, default device %s, %d GPU(s)%n",
                engine.getEngineName(),
                engine.getVersion(),
                engine.defaultDevice(),
                engine.getGpuCount());
        Path dir = models != null ? models : ModelPaths.modelsDir();
        if (!Files.isDirectory(dir)) {
            System.out.println("No models folder at " + dir.toAbsolutePath());
            return 1;
        }
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry.resolve(ModelFolder.CARD_FILE))) {
                    folders.add(entry);
                }
            }
        }
        if (folders.isEmpty()) {
            System.out.println(
                    "No model folders (folders with a model.json) in " + dir.toAbsolutePath());
            return 1;
        }
        Collections.sort(folders);
        int invalid = 0;
        for (Path entry : folders) {
            try {
                ModelCard card = ModelFolder.readCard(entry);
                checkWeightsSize(entry, card);
                checkBuildable(entry, card);
                System.out.printf(
                        "%-26s %-13s %-12s %s%n",
                        entry.getFileName(), card.role.id(), card.architecture, card.attributes);
            } catch (InvalidModelException e) {
                invalid++;
                System.out.printf("%-26s invalid: %s%n", entry.getFileName(), e.getMessage());
            }
        }
        if (invalid > 0) {
            System.out.println(invalid + " of " + folders.size() + " model folders are invalid.");
            return 1;
        }
        return 0;
    }

    /**
     * Rejects a card whose weights format or architecture no loader reads, as loading would.
     * TorchScript cards name any architecture, since the file itself contains the network.
     */
    private static void checkBuildable(Path folder, ModelCard card) {
        if (card.weights == null || ModelFolder.isTorchScript(folder, card)) {
            return;
        }
        String architecture = card.architecture == null ? "" : card.architecture;
        boolean known =
                switch (card.role) {
                    case GENERATOR -> architecture.equals(Models.STYLEGAN2);
                    case DISCRIMINATOR -> architecture.equals(Models.RESIDUAL);
                    case REGRESSOR -> isRegressorArchitecture(architecture);
                    case FEATURES -> architecture.equals(RegressorArchitecture.VGG19.id());
                    case DIRECTIONS -> true;
                };
        if (!known) {
            throw new InvalidModelException(
                    "architecture '"
                            + card.architecture
                            + "' is not one LatentNav builds for a "
                            + card.role.id()
                            + "; check the card's architecture field.");
        }
    }

    private static boolean isRegressorArchitecture(String id) {
        try {
            RegressorArchitecture.fromId(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Rejects a weights file that is missing or whose size differs from the card's. */
    private static void checkWeightsSize(Path folder, ModelCard card) {
        if (card.weights == null || card.weights.file == null || card.weights.bytes == null) {
            return;
        }
        Path file = folder.resolve(card.weights.file);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new InvalidModelException(
                    "weights file " + file + " named in model.json is missing or unreadable.");
        }
        if (size != card.weights.bytes) {
            throw new InvalidModelException(
                    "weights file "
                            + file
                            + " has "
                            + size
                            + " bytes but model.json expects "
                            + card.weights.bytes
                            + ": it is truncated or was replaced. Copy the model folder again.");
        }
    }
}
