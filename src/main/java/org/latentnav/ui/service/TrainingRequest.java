package org.latentnav.ui.service;

import java.nio.file.Path;
import java.util.Objects;
import org.latentnav.train.DirectionTrainingConfig;

/**
 * One direction-training run to start or resume.
 *
 * @param config the run's settings
 * @param generator the generator folder
 * @param discriminator the discriminator folder, or null when lambda_disc is 0
 * @param regressor the regressor the directions learn through
 * @param features the VGG-19 feature folder, or null when lambda_content is 0
 * @param runDir the run folder; a checkpoint there is resumed
 */
public record TrainingRequest(
        DirectionTrainingConfig config,
        ModelEntry generator,
        ModelEntry discriminator,
        ModelEntry regressor,
        ModelEntry features,
        Path runDir) {
    public TrainingRequest {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(regressor, "regressor");
        Objects.requireNonNull(runDir, "runDir");
    }
}
