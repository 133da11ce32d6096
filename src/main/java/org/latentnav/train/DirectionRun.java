package org.latentnav.train;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import org.latentnav.io.AtomicFiles;
import org.latentnav.io.Images;
import org.latentnav.model.AttributeRegressor;
import org.latentnav.model.Discriminator;
import org.latentnav.model.FeatureExtractor;
import org.latentnav.model.Generator;
import org.latentnav.model.InvalidModelException;
import org.latentnav.model.ModelCard;
import org.latentnav.model.ModelFolder;

/**
 * A direction-training run folder: {@code config.json}, {@code checkpoint.bin} (after each epoch),
 * {@code metrics.csv} (one row per iteration), {@code previews/epoch-NN.png} and, when done, the
 * direction set in {@code directions/}. Opening a folder that has a checkpoint resumes it; the
 * configuration must then be the one saved in the folder.
 */
public final class DirectionRun {
    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.csv";
    public static final String DIRECTIONS_DIR = "directions";
    private static final String METRICS_HEADER =
            "epoch,iteration,step,l_reg,l_disc,l_content,total,learning_rate,seconds";

    private final Path dir;
    private final DirectionTrainer trainer;
    private final Generator generator;
    private final AttributeRegressor regressor;
    private final List<String> metricRows = new ArrayList<>();

    public DirectionRun(
            Path dir,
            Generator generator,
            Discriminator discriminator,
            AttributeRegressor regressor,
            FeatureExtractor features,
            DirectionTrainingConfig config,
            Device device)
            throws IOException {
        this.dir = dir;
        this.generator = generator;
        this.regressor = regressor;
        Path configFile = dir.resolve(CONFIG);
        byte[] json = ModelFolder.JSON.writeValueAsBytes(config);
        Path checkpoint = dir.resolve(Checkpoint.FILE);
        if (Files.exists(checkpoint) && Files.exists(configFile)) {
            List<String> changed = changedSettings(Files.readAllBytes(configFile), json);
            if (!changed.isEmpty()) {
                throw new InvalidModelException(
                        "Run folder "
                                + dir
                                + " holds a run with other settings than these options (config.json"
                                + " -> now): "
                                + String.join("; ", changed)
                                + ". Use the run's options to resume it, or another --out folder"
                                + " for a new run.");
            }
        }
        // The trainer checks the settings against the models, so invalid options fail here,
        // before anything is written to the run folder.
        this.trainer =
                new DirectionTrainer(generator, discriminator, regressor, features, config, device);
        if (Files.exists(checkpoint)) {
            trainer.resume(checkpoint);
            loadMetrics(trainer.epochsDone());
        }
        Files.createDirectories(dir.resolve("previews"));
        AtomicFiles.writeBytes(configFile, json);
        trainer.addListener(
                new TrainingListener() {
                    @Override
                    public void onIteration(Iteration it) {
                        metricRows.add(
                                String.format(
                                        Locale.ROOT,
                                        "%d,%d,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.4f",
                                        it.epoch(),
                                        it.iteration(),
                                        it.globalStep(),
                                        it.regression(),
                                        it.discriminator(),
                                        it.content(),
                                        it.total(),
                                        it.learningRate(),
                                        it.secondsPerIteration()));
                    }

                    @Override
                    public void onEpoch(Epoch epoch) {
                        try {
                            writeMetrics();
                            Images.writePng(
                                    epoch.preview(),
                                    dir.resolve(
                                            String.format(
                                                    "previews/epoch-%02d.png", epoch.epoch() + 1)));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                });
    }

    public DirectionTrainer trainer() {
        return trainer;
    }

    public Path dir() {
        return dir;
    }

    /** Trains the remaining epochs and writes the finished direction set with its card. */
    public Path run(String command) throws IOException {
        long start = System.nanoTime();
        trainer.train(dir.resolve(Checkpoint.FILE));
        Path out = dir.resolve(DIRECTIONS_DIR);
        ModelCard card = trainer.directions().card();
        DirectionTrainingConfig config = trainer.config();
        card.id = dir.getFileName().toString();
        card.name = "Directions " + card.id;
        card.description =
                config.kind.id()
                        + " "
                        + config.space.id()
                        + " directions trained through regressor '"
                        + regressor.card().id
                        + "' ("
                        + regressor.card().architecture
                        + ")";
        card.hyperParameters.put(
                "training", ModelFolder.JSON.convertValue(config, java.util.Map.class));
        card.hyperParameters.put("regressor", regressor.card().id);
        card.hyperParameters.put("regressorArchitecture", regressor.card().architecture);
        card.provenance.command = command;
        card.provenance.epochs = config.epochs;
        card.provenance.imagesSeen =
                (long) config.epochs * config.iterationsPerEpoch() * config.batchSize;
        card.provenance.hours = (System.nanoTime() - start) / 3.6e12;
        card.provenance.created = Instant.now().toString();
        card.provenance.data = "latents z ~ N(0, I) of generator " + generator.fingerprint();
        trainer.saveDirections(out);
        return out;
    }

    private void loadMetrics(int epochsDone) throws IOException {
        Path file = dir.resolve(METRICS);
        if (!Files.exists(file)) {
            return;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("epoch")) {
                continue;
            }
            int epoch = Integer.parseInt(line.substring(0, line.indexOf(',')));
            if (epoch < epochsDone) {
                metricRows.add(line);
            }
        }
    }

    private void writeMetrics() throws IOException {
        StringBuilder text = new StringBuilder(METRICS_HEADER).append('\n');
        for (String row : metricRows) {
            text.append(row).append('\n');
        }
        AtomicFiles.writeBytes(
                dir.resolve(METRICS), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns the top-level settings other than the number of epochs whose values differ between
     * two configs, each as "name (its train-directions option) saved -> current".
     */
    static List<String> changedSettings(byte[] saved, byte[] current) throws IOException {
        JsonNode before = ModelFolder.JSON.readTree(saved);
        JsonNode after = ModelFolder.JSON.readTree(current);
        TreeSet<String> names = new TreeSet<>();
        before.fieldNames().forEachRemaining(names::add);
        after.fieldNames().forEachRemaining(names::add);
        // The number of epochs is the total to train to, so a run may be resumed with a larger
        // one to train on.
        names.remove("epochs");
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            JsonNode old = before.get(name);
            JsonNode now = after.get(name);
            if (old != null && now != null && old.isObject() && now.isObject()) {
                // The schedule is an object: name its fields, each with its option.
                TreeSet<String> fields = new TreeSet<>();
                old.fieldNames().forEachRemaining(fields::add);
                now.fieldNames().forEachRemaining(fields::add);
                for (String field : fields) {
                    if (!Objects.equals(old.get(field), now.get(field))) {
                        String option = OPTIONS.get(name + "." + field);
                        changed.add(
                                name
                                        + "."
                                        + field
                                        + (option == null ? "" : " (" + option + ")")
                                        + " "
                                        + old.get(field)
                                        + " -> "
                                        + now.get(field));
                    }
                }
                continue;
            }
            if (!Objects.equals(old, now)) {
                String option = OPTIONS.get(name);
                changed.add(
                        name
                                + (option == null ? "" : " (" + option + ")")
                                + " "
                                + before.get(name)
                                + " -> "
                                + after.get(name));
            }
        }
        return changed;
    }

    /** The train-directions option that sets each config field, where one does. */
    private static final java.util.Map<String, String> OPTIONS =
            java.util.Map.ofEntries(
                    java.util.Map.entry("attributes", "--attributes"),
                    java.util.Map.entry("samplesPerEpoch", "--samples"),
                    java.util.Map.entry("batchSize", "--batch-size"),
                    java.util.Map.entry("schedule.kind", "--schedule"),
                    java.util.Map.entry("schedule.baseRate", "--lr"),
                    java.util.Map.entry("schedule.factor", "--gamma or --step-factor"),
                    java.util.Map.entry("schedule.stepEpochs", "--step-epochs"),
                    java.util.Map.entry("lambdaReg", "--lambda-reg"),
                    java.util.Map.entry("lambdaDisc", "--lambda-disc"),
                    java.util.Map.entry("lambdaContent", "--lambda-content"),
                    java.util.Map.entry("discLoss", "--disc-loss"),
                    java.util.Map.entry("sampler", "--sampler"),
                    java.util.Map.entry("joint", "--single"),
                    java.util.Map.entry("kind", "--kind"),
                    java.util.Map.entry("space", "--space"),
                    java.util.Map.entry("layerStart", "--layers"),
                    java.util.Map.entry("layerEnd", "--layers"),
                    java.util.Map.entry("truncation", "--truncation"),
                    java.util.Map.entry("seed", "--seed"));
}
