package org.latentnav.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --discriminator} option shared by commands that load a discriminator. */
public final class DiscriminatorOption {
    @Option(
            names = "--discriminator",
            description = "Discriminator folder (default: models/discriminator).")
    Path discriminator;

    /** Returns the folder given on the command line, else the shipped discriminator. */
    public Path folder() {
        return ModelPaths.orDefault(discriminator, ModelPaths.DISCRIMINATOR);
    }
}
