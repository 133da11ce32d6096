package org.latentnav.ui.service;

import ai.djl.Device;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.Discriminator;
import org.latentnav.model.FeatureExtractor;
import org.latentnav.model.Generator;
import org.latentnav.model.Models;
import org.latentnav.train.DirectionRun;
import org.latentnav.train.DirectionTrainingConfig;
import org.latentnav.train.TrainingCancelledException;
import org.latentnav.ui.task.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DJL implementation of {@link TrainingService}. Each run loads its own copies of the models,
 * because training freezes their parameters and must not share them with the editor's inference
 * thread.
 */
public final class DjlTrainingService implements TrainingService {
    private static final Logger logger = LoggerFactory.getLogger(DjlTrainingService.class);

    private final Device device;

    public DjlTrainingService(Device device) {
        this.device = device;
    }

    @Override
    public Path train(TrainingRequest request, TrainingMonitor monitor, TaskContext context)
            throws Exception {
        WorkerThreads.prepareTraining();
        DirectionTrainingConfig config = request.config();
        config.validate();
        if (config.lambdaDisc > 0 && request.discriminator() == null) {
            throw new IllegalArgumentException(
                    "lambda_disc is above 0 but no discriminator model was found: set it to 0"
                            + " or add a discriminator folder to the models folder.");
        }
        if (config.lambdaContent > 0 && request.features() == null) {
            throw new IllegalArgumentException(
                    "lambda_content is above 0 but no VGG-19 feature model was found: set it to 0"
                            + " or add a features folder to the models folder.");
        }
        try (Generator g = Models.loadGenerator(request.generator().dir(), device);
                AttributeRegressor r = Models.loadRegressor(request.regressor().dir(), device);
                Discriminator d =
                        config.lambdaDisc > 0
                                ? Models.loadDiscriminator(request.discriminator().dir(), device)
                                : null;
                FeatureExtractor f =
                        config.lambdaContent > 0
                                ? Models.loadFeatureExtractor(request.features().dir(), device)
                                : null) {
            DirectionRun run = new DirectionRun(request.runDir(), g, d, r, f, config, device);
            try {
                int epochsDone = run.trainer().epochsDone();
                long perEpoch = config.iterationsPerEpoch();
                loadHistory(request.runDir(), monitor);
                monitor.begin(
                        epochsDone * perEpoch, perEpoch * config.epochs, epochsDone, config.epochs);
                run.trainer().addListener(monitor);
                context.onCancel(run.trainer()::cancel);
                if (context.isCancelled()) {
                    throw new TrainingCancelledException("Training cancelled before it started.");
                }
                logger.info(
                        "Training directions in {} from epoch {} of {}",
                        request.runDir(),
                        epochsDone,
                        config.epochs);
                Path out = run.run("latentnav editor: training tab, run " + request.runDir());
                logger.info("Training finished: directions written to {}", out);
                return out;
            } finally {
                run.trainer().close();
            }
        }
    }

    /** Feeds the rows of a resumed run's metrics file to the monitor's charts. */
    private static void loadHistory(Path runDir, TrainingMonitor monitor) throws IOException {
        Path file = runDir.resolve(DirectionRun.METRICS);
        if (!Files.isRegularFile(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
            // Columns: epoch,iteration,step,l_reg,l_disc,l_content,total,learning_rate,seconds
            String[] cells = line.split(",");
            if (cells.length < 8 || line.startsWith("epoch")) {
                continue;
            }
            try {
                monitor.addHistory(
                        Long.parseLong(cells[2]),
                        new double[] {
                            Double.parseDouble(cells[3]),
                            Double.parseDouble(cells[4]),
                            Double.parseDouble(cells[5]),
                            Double.parseDouble(cells[7])
                        });
            } catch (NumberFormatException e) {
                logger.warn("Skipping malformed row of {}: {}", file, line);
            }
        }
    }
}
