package org.latentnav.cli;

import ai.djl.Device;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.latentnav.edit.DirectionImport;
import org.latentnav.edit.DirectionSet;
import org.latentnav.edit.LatentSpace;
import org.latentnav.io.Npy;
import org.latentnav.model.Generator;
import org.latentnav.model.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Converts direction walks in a .npy file into a direction-set folder. */
@Command(
        name = "import-directions",
        mixinStandardHelpOptions = true,
        description = {
            "Import direction walks computed elsewhere as a LatentNav direction set.",
            "Imports walks (for example Latent2im's w+ walks) as a",
            "global direction set for one generator. Reads a float32 or float64 .npy of shape",
            "[attributes, numWs, latentSize] for w+ or [attributes, latentSize] for z or w;",
            "tools/export/walks_to_npy.py converts a torch-saved tensor."
        })
public final class ImportDirectionsCommand implements Callable<Integer> {
    @Option(
            names = "--walks",
            required = true,
            description = "The walks (.npy), one row per attribute.")
    Path walks;

    @Option(
            names = "--generator",
            description = "Generator folder the walks belong to (default: models/generator).")
    Path generator;

    @Option(
            names = "--attributes",
            required = true,
            split = ",",
            description =
                    "Attribute name of each row, in row order, for example Smiling,Male,Young.")
    List<String> attributes;

    @Option(
            names = "--space",
            description =
                    "Latent space the walks move: z, w or w+ (default: w+ for 3-D walks, else w).")
    String space;

    @Option(
            names = "--layers",
            description = "w+ layer range START:END that edits move (end exclusive; default: all).")
    String layers;

    @Option(names = "--id", description = "Identifier written to the direction set's model.json.")
    String id;

    @Option(names = "--out", required = true, description = "Direction-set folder to write.")
    Path out;

    @Mixin DeviceOption device;

    @Override
    public Integer call() throws Exception {
        Device dev = device.device();
        Npy.Array array = Npy.read(walks);
        Path generatorDir = ModelPaths.orDefault(generator, ModelPaths.GENERATOR);
        try (Generator g = Models.loadGenerator(generatorDir, dev)) {
            LatentSpace latentSpace =
                    space != null
                            ? LatentSpace.fromId(space)
                            : DirectionImport.defaultSpace(array, g);
            int[] range = layerRange(g.numWs());
            List<String> names = attributes.stream().map(String::trim).toList();
            try (DirectionSet set =
                    DirectionImport.fromWalks(
                            g, array, names, latentSpace, range[0], range[1], dev)) {
                if (id != null) {
                    set.card().id = id;
                }
                set.card().provenance.command = "latentnav import-directions --walks " + walks;
                set.card().provenance.created = Instant.now().toString();
                set.card().provenance.notes =
                        "Imported from " + walks.getFileName() + ", " + array + ".";
                set.save(out);
                System.out.printf(
                        "Wrote %s: %d %s directions %s for generator %s%n",
                        out, names.size(), latentSpace, names, g.fingerprint());
            }
        }
        return 0;
    }

    private int[] layerRange(int numWs) {
        if (layers == null) {
            return new int[] {0, numWs};
        }
        String[] parts = layers.split(":");
        try {
            return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "Invalid --layers '" + layers + "': use START:END, for example 0:8.");
        }
    }
}
