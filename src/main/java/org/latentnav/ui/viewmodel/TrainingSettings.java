package org.latentnav.ui.viewmodel;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.latentnav.edit.DirectionKind;
import org.latentnav.edit.LatentSpace;
import org.latentnav.train.DirectionTrainingConfig;
import org.latentnav.train.LearningRateSchedule;
import org.latentnav.ui.service.ModelEntry;

/**
 * The editable settings of a direction-training run, as observable properties for the settings
 * dialog. {@link #toConfig()} converts them into a checked {@link DirectionTrainingConfig}.
 */
public final class TrainingSettings {
    private final StringProperty runName = new SimpleStringProperty(this, "runName", "run-1");
    private final ObservableList<ModelEntry> regressorChoices = FXCollections.observableArrayList();
    private final ObjectProperty<ModelEntry> regressor =
            new SimpleObjectProperty<>(this, "regressor");
    private final ObservableList<String> availableAttributes = FXCollections.observableArrayList();
    private final ObservableList<String> attributes = FXCollections.observableArrayList();
    private final IntegerProperty samplesPerEpoch =
            new SimpleIntegerProperty(
                    this, "samples", DirectionTrainingConfig.DEFAULT_SAMPLES_PER_EPOCH);
    private final IntegerProperty batchSize =
            new SimpleIntegerProperty(
                    this, "batchSize", DirectionTrainingConfig.DEFAULT_BATCH_SIZE);
    private final IntegerProperty epochs =
            new SimpleIntegerProperty(this, "epochs", DirectionTrainingConfig.DEFAULT_EPOCHS);
    private final DoubleProperty learningRate =
            new SimpleDoubleProperty(this, "lr", DirectionTrainingConfig.DEFAULT_LEARNING_RATE);
    private final ObjectProperty<LearningRateSchedule.Kind> schedule =
            new SimpleObjectProperty<>(this, "schedule", LearningRateSchedule.Kind.EXPONENTIAL);
    private final DoubleProperty scheduleFactor =
            new SimpleDoubleProperty(this, "factor", DirectionTrainingConfig.DEFAULT_GAMMA);
    private final IntegerProperty stepEpochs = new SimpleIntegerProperty(this, "stepEpochs", 5);
    private final DoubleProperty lambdaReg = new SimpleDoubleProperty(this, "lambdaReg", 10);
    private final DoubleProperty lambdaDisc = new SimpleDoubleProperty(this, "lambdaDisc", 0.05);
    private final DoubleProperty lambdaContent =
            new SimpleDoubleProperty(this, "lambdaContent", 0.05);
    private final ObjectProperty<DirectionKind> kind =
            new SimpleObjectProperty<>(this, "kind", DirectionKind.GLOBAL);
    private final ObjectProperty<LatentSpace> space =
            new SimpleObjectProperty<>(this, "space", LatentSpace.W_PLUS);
    private final ObjectProperty<DirectionTrainingConfig.Sampler> sampler =
            new SimpleObjectProperty<>(this, "sampler", DirectionTrainingConfig.Sampler.CLIP);
    private final BooleanProperty joint = new SimpleBooleanProperty(this, "joint", true);
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 1);

    public TrainingSettings() {
        regressor.addListener((p, old, value) -> regressorChanged(value));
    }

    private void regressorChanged(ModelEntry entry) {
        List<String> names = entry == null ? List.of() : entry.card().attributes;
        availableAttributes.setAll(names);
        attributes.retainAll(names);
        if (attributes.isEmpty()) {
            attributes.setAll(names);
        }
    }

    /**
     * Builds the training configuration.
     *
     * @throws IllegalArgumentException naming the first invalid setting
     */
    public DirectionTrainingConfig toConfig() {
        DirectionTrainingConfig config = new DirectionTrainingConfig();
        config.attributes = List.copyOf(attributes);
        config.samplesPerEpoch = samplesPerEpoch.get();
        config.batchSize = batchSize.get();
        config.epochs = epochs.get();
        config.schedule = schedule();
        config.lambdaReg = lambdaReg.get();
        config.lambdaDisc = lambdaDisc.get();
        config.lambdaContent = lambdaContent.get();
        config.kind = kind.get();
        config.space = space.get();
        config.sampler = sampler.get();
        config.joint = joint.get();
        config.seed = seed.get();
        config.validate();
        return config;
    }

    private LearningRateSchedule schedule() {
        switch (schedule.get()) {
            case STEP:
                return LearningRateSchedule.step(
                        learningRate.get(), scheduleFactor.get(), stepEpochs.get());
            case EXPONENTIAL:
                return LearningRateSchedule.exponential(learningRate.get(), scheduleFactor.get());
            default:
                return LearningRateSchedule.constant(learningRate.get());
        }
    }

    /** Name of the run folder under the user folder's {@code runs/}. */
    public StringProperty runNameProperty() {
        return runName;
    }

    /** The regressors the directions can be trained through. */
    public ObservableList<ModelEntry> regressorChoices() {
        return regressorChoices;
    }

    public ObjectProperty<ModelEntry> regressorProperty() {
        return regressor;
    }

    /** The attributes the chosen regressor predicts. */
    public ObservableList<String> availableAttributes() {
        return availableAttributes;
    }

    /** The attributes to learn directions for. */
    public ObservableList<String> attributes() {
        return attributes;
    }

    public IntegerProperty samplesPerEpochProperty() {
        return samplesPerEpoch;
    }

    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    public IntegerProperty epochsProperty() {
        return epochs;
    }

    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    public ObjectProperty<LearningRateSchedule.Kind> scheduleProperty() {
        return schedule;
    }

    /** Factor of the step schedule, or gamma of the exponential one. */
    public DoubleProperty scheduleFactorProperty() {
        return scheduleFactor;
    }

    public IntegerProperty stepEpochsProperty() {
        return stepEpochs;
    }

    public DoubleProperty lambdaRegProperty() {
        return lambdaReg;
    }

    public DoubleProperty lambdaDiscProperty() {
        return lambdaDisc;
    }

    public DoubleProperty lambdaContentProperty() {
        return lambdaContent;
    }

    public ObjectProperty<DirectionKind> kindProperty() {
        return kind;
    }

    public ObjectProperty<LatentSpace> spaceProperty() {
        return space;
    }

    public ObjectProperty<DirectionTrainingConfig.Sampler> samplerProperty() {
        return sampler;
    }

    /** True: every attribute moves in each sample; false: one attribute per sample. */
    public BooleanProperty jointProperty() {
        return joint;
    }

    public LongProperty seedProperty() {
        return seed;
    }
}
