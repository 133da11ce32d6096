package org.latentnav.train;

/** Thrown by a training loop that stopped because {@code cancel()} was called. */
public class TrainingCancelledException extends RuntimeException {
    public TrainingCancelledException(String message) {
        super(message);
    }
}
