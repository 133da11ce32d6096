package org.latentnav.ui.service;

import java.util.List;

/**
 * A loaded generator, direction set and regressor that renders edits. Every method must be called
 * on the inference worker thread that opened it.
 */
public interface EditPipeline {
    ModelSelection selection();

    /** Returns the direction set's attributes, in the order of every attribute array. */
    List<String> attributes();

    int latentSize();

    int resolution();

    String generatorFingerprint();

    RenderResult render(RenderRequest request);

    /**
     * Renders the edited image for {@code frames} values of one attribute's epsilon, evenly spaced
     * from -1 to 1, with the other attributes as in {@code base}.
     */
    List<int[]> sweep(RenderRequest base, int attribute, int frames);
}
