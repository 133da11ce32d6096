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
}
