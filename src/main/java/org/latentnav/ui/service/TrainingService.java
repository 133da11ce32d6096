package org.latentnav.ui.service;

import java.nio.file.Path;
import org.latentnav.ui.task.TaskContext;

/** Trains direction sets; call it on the training worker thread only. */
public interface TrainingService {
    /**
     * Trains (or resumes) a run and returns the folder of the finished direction set.
     *
     * @throws org.latentnav.train.TrainingCancelledException if the context was cancelled
     */
    Path train(TrainingRequest request, TrainingMonitor monitor, TaskContext context)
            throws Exception;
}
