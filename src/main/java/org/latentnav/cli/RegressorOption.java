package org.latentnav.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The single-valued {@code --regressor} option shared by commands that load one regressor. The
 * evaluate command declares its own repeatable {@code --regressor}, one per direction set.
 */
public final class RegressorOption {
    @Option(
            names = "--regressor",
            description = "Regressor folder (default: models/regressor-mobilenetv2).")
    Path regressor;

    /** Returns the folder given on the command line, else the shipped MobileNetV2 regressor. */
    public Path folder() {
        return ModelPaths.orDefault(regressor, ModelPaths.REGRESSOR_MOBILENET);
    }
}
