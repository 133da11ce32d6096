package org.latentnav.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;
import org.latentnav.edit.DirectionKind;
import org.latentnav.edit.LatentSpace;

/** Settings of one direction-training run (Algorithm 1 of Zhuang, Koyejo and Schwing, 2021). */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class DirectionTrainingConfig {
    /** How the regression target alpha + delta is drawn. */
    public enum Sampler {
        /** epsilon ~ U[-1, 1], delta = clip(alpha + epsilon, 0, 1) - alpha (the paper). */
        CLIP,
        /** target ~ U[0, 1], delta = target - alpha (the authors' released code). */
        TARGET
    }

    // The defaults are the shipped sets' settings, which the command line and the training
    // dialog also start from. On the 64 px avatar GAN, a schedule from 1e-3 (or a constant 1e-4)
    // over a few thousand steps leaves the directions near their initialisation, so the rate
    // starts at 1e-2. docs/experiments.md has the numbers.
    public static final int DEFAULT_SAMPLES_PER_EPOCH = 2000;
    public static final int DEFAULT_BATCH_SIZE = 4;
    public static final int DEFAULT_EPOCHS = 10;
    public static final double DEFAULT_LEARNING_RATE = 1e-2;
    public static final double DEFAULT_GAMMA = 0.25;

    public List<String> attributes = new ArrayList<>();
    public int samplesPerEpoch = DEFAULT_SAMPLES_PER_EPOCH;
    public int batchSize = DEFAULT_BATCH_SIZE;
    public int epochs = DEFAULT_EPOCHS;
    public LearningRateSchedule schedule =
            LearningRateSchedule.exponential(DEFAULT_LEARNING_RATE, DEFAULT_GAMMA);
    public double lambdaReg = 10;
    public double lambdaDisc = 0.05;
    public double lambdaContent = 0.05;
    public Losses.DiscLoss discLoss = Losses.DiscLoss.PAPER;
    public Sampler sampler = Sampler.CLIP;

    /** True: every attribute moves in each sample; false: one attribute per sample. */
    public boolean joint = true;

    public DirectionKind kind = DirectionKind.GLOBAL;
    public LatentSpace space = LatentSpace.W_PLUS;
    public int layerStart = 0;

    /** End of the w+ layer range (exclusive); -1 means all layers. */
    public int layerEnd = -1;

    /** Truncation psi applied to w while training (1 means none). */
    public float truncation = 1f;

    public long seed = 1;
    public double adamBeta1 = 0.5;
    public double adamBeta2 = 0.99;

    public int iterationsPerEpoch() {
        return Math.max(1, samplesPerEpoch / batchSize);
    }

    private static boolean finiteNonNegative(double value) {
        return value >= 0 && !Double.isInfinite(value);
    }

    /** Throws an exception that names the first invalid setting. */
    public void validate() {
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException(
                    "No attributes given: name at least one attribute to train.");
        }
        if (batchSize < 1 || samplesPerEpoch < 1 || epochs < 1) {
            throw new IllegalArgumentException(
                    "Invalid sizes: batch size "
                            + batchSize
                            + ", samples per epoch "
                            + samplesPerEpoch
                            + " and epochs "
                            + epochs
                            + " must all be at least 1.");
        }
        if (!finiteNonNegative(lambdaReg)
                || !finiteNonNegative(lambdaDisc)
                || !finiteNonNegative(lambdaContent)) {
            throw new IllegalArgumentException(
                    "Invalid lambdas: reg "
                            + lambdaReg
                            + ", disc "
                            + lambdaDisc
                            + " and content "
                            + lambdaContent
                            + " must be finite numbers, 0 or more.");
        }
        if (!(truncation > 0 && truncation <= 1)) {
            throw new IllegalArgumentException(
                    "Invalid truncation " + truncation + ": use a value in (0, 1].");
        }
        schedule.validate();
    }
}
