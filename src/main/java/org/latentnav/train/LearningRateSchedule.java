package org.latentnav.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A per-epoch learning rate: constant, step (multiplied by {@code factor} every {@code stepEpochs}
 * epochs) or exponential (multiplied by {@code factor} every epoch).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class LearningRateSchedule {
    /** The schedule kinds. */
    public enum Kind {
        CONSTANT,
        STEP,
        EXPONENTIAL
    }

    public Kind kind = Kind.CONSTANT;
    public double baseRate = 1e-4;
    public double factor = 0.1;
    public int stepEpochs = 5;

    public LearningRateSchedule() {}

    public static LearningRateSchedule constant(double rate) {
        return of(Kind.CONSTANT, rate, 1, 1);
    }

    public static LearningRateSchedule step(double rate, double factor, int stepEpochs) {
        return of(Kind.STEP, rate, factor, stepEpochs);
    }

    public static LearningRateSchedule exponential(double rate, double gamma) {
        return of(Kind.EXPONENTIAL, rate, gamma, 1);
    }

    private static LearningRateSchedule of(Kind kind, double rate, double factor, int stepEpochs) {
        LearningRateSchedule s = new LearningRateSchedule();
        s.kind = kind;
        s.baseRate = rate;
        s.factor = factor;
        s.stepEpochs = stepEpochs;
        s.validate();
        return s;
    }

    public void validate() {
        if (!(baseRate > 0)
                || !(factor > 0)
                || Double.isInfinite(baseRate)
                || Double.isInfinite(factor)
                || stepEpochs < 1) {
            throw new IllegalArgumentException(
                    "Invalid learning-rate schedule "
                            + this
                            + ": the rate and factor must be positive and the step at least 1 epoch.");
        }
    }

    /** Returns the learning rate for a 0-based epoch. */
    public double rate(int epoch) {
        switch (kind) {
            case CONSTANT:
                return baseRate;
            case STEP:
                return baseRate * Math.pow(factor, epoch / stepEpochs);
            case EXPONENTIAL:
                return baseRate * Math.pow(factor, epoch);
            default:
                throw new AssertionError(kind);
        }
    }

    @Override
    public String toString() {
        switch (kind) {
            case STEP:
                return String.format(
                        "step(%.3g, x%.3g every %d epochs)", baseRate, factor, stepEpochs);
            case EXPONENTIAL:
                return String.format("exponential(%.3g, gamma %.3g)", baseRate, factor);
            default:
                return String.format("constant(%.3g)", baseRate);
        }
    }
}
