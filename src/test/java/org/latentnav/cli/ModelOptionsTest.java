package org.latentnav.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentnav.model.InvalidModelException;
import picocli.CommandLine;

class ModelOptionsTest {
    @Test
    void modelOptionsReturnGivenFolders() {
        TrainDirectionsCommand command = new TrainDirectionsCommand();
        new CommandLine(command)
                .parseArgs(
                        "--generator", "g",
                        "--discriminator", "d",
                        "--regressor", "r",
                        "--features", "f",
                        "--out", "run");

        assertEquals(Path.of("g"), command.generator.folder());
        assertEquals(Path.of("d"), command.discriminator.folder());
        assertEquals(Path.of("r"), command.regressor.folder());
        assertEquals(Path.of("f"), command.features.folder());
    }

    @Test
    void modelOptionsDefaultToShippedModels() {
        TrainDirectionsCommand command = new TrainDirectionsCommand();
        new CommandLine(command).parseArgs("--out", "run");

        assertEquals(ModelPaths.model(ModelPaths.GENERATOR), command.generator.folder());
        assertEquals(ModelPaths.model(ModelPaths.DISCRIMINATOR), command.discriminator.folder());
        assertEquals(ModelPaths.model(ModelPaths.REGRESSOR_MOBILENET), command.regressor.folder());
        assertEquals(ModelPaths.model(ModelPaths.FEATURES), command.features.folder());
    }

    @Test
    void missingShippedModelNamesTheModelsFolder() {
        InvalidModelException e =
                assertThrows(
                        InvalidModelException.class,
                        () -> ModelPaths.orDefault(null, "no-such-model"));
        assertTrue(e.getMessage().contains("No model 'no-such-model' in the models folder"));
        assertTrue(e.getMessage().contains("LATENTNAV_MODELS"));
    }

    @Test
    void evaluateKeepsRepeatableRegressor() {
        EvaluateCommand command = new EvaluateCommand();
        new CommandLine(command)
                .parseArgs(
                        "--directions", "a",
                        "--directions", "b",
                        "--regressor", "ra",
                        "--regressor", "rb",
                        "--out", "eval");

        assertEquals(List.of(Path.of("ra"), Path.of("rb")), command.regressors);
    }
}
