package org.latentnav.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.latentnav.engine.Engines;
import org.latentnav.io.Images;
import org.latentnav.model.Generator;
import org.latentnav.model.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Renders one face from a seed. */
@Command(
        name = "render",
        mixinStandardHelpOptions = true,
        description = "Render a face from a seed to a PNG.")
public final class RenderCommand implements Callable<Integer> {
    @Mixin GeneratorOption generator;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Seed of the latent z (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--truncation",
            defaultValue = "0.7",
            description = "Truncation psi in (0, 1] (default: ${DEFAULT-VALUE}).")
    float truncation;

    @Option(
            names = "--scale",
            defaultValue = "4",
            description = "Integer upscaling of the saved image (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--out", required = true, description = "Output PNG file.")
    Path out;

    @Mixin DeviceOption device;

    @Override
    public Integer call() throws Exception {
        OutputChecks.truncation(truncation);
        OutputChecks.scale(scale);
        OutputChecks.pngFile(out);
        Device dev = device.device();
        try (Generator g = Models.loadGenerator(generator.folder(), dev);
                NDManager manager = Engines.pytorch().newBaseManager(dev)) {
            NDArray z =
                    manager.create(
                            Latents.fromSeed(seed, g.latentSize()), new Shape(1, g.latentSize()));
            NDArray image =
                    g.synthesis(g.broadcast(g.truncate(g.mapping(z), truncation))).clip(-1f, 1f);
            Images.writePng(Images.scale(Images.toImages(image)[0], scale), out);
            System.out.println("Wrote " + out);
        }
        return 0;
    }
}
