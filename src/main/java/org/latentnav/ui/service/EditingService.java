package org.latentnav.ui.service;

/** Opens {@link EditPipeline}s; call it on the inference worker thread only. */
public interface EditingService extends AutoCloseable {
    /**
     * Loads (or reuses) the selected models and checks that they fit together.
     *
     * @throws org.latentnav.model.InvalidModelException if a model cannot be loaded or the
     *     direction set does not match the generator or the regressor
     */
    EditPipeline open(ModelSelection selection);

    /** Closes every model this service loaded. */
    @Override
    void close();
}
