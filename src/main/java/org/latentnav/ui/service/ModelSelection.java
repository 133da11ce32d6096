package org.latentnav.ui.service;

import java.util.Objects;

/** The generator, direction set and regressor that an edit uses. */
public record ModelSelection(ModelEntry generator, ModelEntry directions, ModelEntry regressor) {
    public ModelSelection {
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(directions, "directions");
        Objects.requireNonNull(regressor, "regressor");
    }
}
