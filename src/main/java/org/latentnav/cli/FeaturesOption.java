package org.latentnav.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --features} option shared by commands that load the VGG-19 feature extractor. */
public final class FeaturesOption {
    @Option(
            names = "--features",
            description = "VGG-19 feature folder (default: models/features-vgg19).")
    Path features;

    /** Returns the folder given on the command line, else the shipped VGG-19 features. */
    public Path folder() {
        return ModelPaths.orDefault(features, ModelPaths.FEATURES);
    }
}
