package org.latentnav.regressor;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;
import org.latentnav.train.LearningRateSchedule;

/** Settings of one attribute-regressor training run. */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class RegressorTrainingConfig {
    /** Training loss on the predicted values. */
    public enum Loss {
        /** Binary cross-entropy on the logits (the face regressor's choice). */
        BCE,
        /**
         * Mean squared error of sigmoid(logit) against the label (the scene regressor's choice).
         */
        MSE
    }

    public String architecture = "mobilenetv2";
    public String data;
    public List<String> attributes = new ArrayList<>();
    public int resolution = 64;
    public int epochs = 5;
    public int batchSize = 32;
    public LearningRateSchedule schedule = LearningRateSchedule.constant(1e-3);
    public Loss loss = Loss.BCE;

    /** Divides VGG-19 channel counts (1 is the standard network). */
    public int widthDivisor = 1;

    public boolean mirror = true;
    public long seed = 1;

    /** Throws an exception naming the first invalid setting by its train-regressor option. */
    public void validate() {
        if (resolution < 8) {
            throw invalid("--resolution", resolution, "use 8 or more, for example 64");
        }
        if (epochs < 1) {
            throw invalid("--epochs", epochs, "use 1 or more");
        }
        if (batchSize < 2) {
            throw invalid("--batch-size", batchSize, "use 2 or more; batch normalisation needs 2");
        }
        if (widthDivisor < 1) {
            throw invalid("--width-divisor", widthDivisor, "use 1 or more");
        }
        schedule.validate();
    }

    private static IllegalArgumentException invalid(String option, int value, String hint) {
        return new IllegalArgumentException("Invalid " + option + " " + value + ": " + hint + ".");
    }
}
