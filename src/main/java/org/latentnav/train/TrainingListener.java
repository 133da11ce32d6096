package org.latentnav.train;

import java.awt.image.BufferedImage;

/**
 * Receives progress from a training loop. Calls come from the training thread; a UI must hand them
 * to its own thread and should throttle them.
 */
public interface TrainingListener {
    /** Losses and learning rate of one iteration. */
    record Iteration(
            int epoch,
            int iteration,
            int iterationsPerEpoch,
            long globalStep,
            long totalSteps,
            double regression,
            double discriminator,
            double content,
            double total,
            double learningRate,
            double secondsPerIteration) {}

    /** Means over one finished epoch, and a preview grid rendered after it. */
    record Epoch(
            int epoch,
            int epochs,
            double regression,
            double discriminator,
            double content,
            double total,
            double learningRate,
            double seconds,
            BufferedImage preview) {}

    default void onIteration(Iteration iteration) {}

    default void onEpoch(Epoch epoch) {}
}
