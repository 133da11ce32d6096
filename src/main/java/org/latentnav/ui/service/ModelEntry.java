package org.latentnav.ui.service;

import java.nio.file.Path;
import java.util.Objects;
import org.latentnav.model.ModelCard;
import org.latentnav.model.ModelRole;

/**
 * A model folder found by the {@link ModelCatalog}.
 *
 * @param dir the model folder
 * @param card its parsed {@code model.json}
 * @param source the kind of folder it was found in: {@code models}, {@code user} or {@code run}
 */
public record ModelEntry(Path dir, ModelCard card, String source) {
    public ModelEntry {
        Objects.requireNonNull(dir);
        Objects.requireNonNull(card);
    }

    public ModelRole role() {
        return card.role;
    }

    /** Returns the card's id, or the folder name for a card without one. */
    public String id() {
        return card.id != null && !card.id.isBlank() ? card.id : dir.getFileName().toString();
    }

    /** Returns the sha256 of the weights file as recorded in the card, or null. */
    public String weightsSha256() {
        return card.weights == null ? null : card.weights.sha256;
    }

    /** Returns the card's value of a hyper-parameter as text, or null. */
    public String hyperParameter(String key) {
        Object value = card.hyperParameters == null ? null : card.hyperParameters.get(key);
        return value == null ? null : value.toString();
    }

    /** Returns a label for pickers: the id, the architecture and where the folder is. */
    public String label() {
        StringBuilder text = new StringBuilder(id());
        if (card.architecture != null) {
            text.append(" (").append(card.architecture).append(')');
        }
        if (!"models".equals(source)) {
            text.append(" [").append(source).append(']');
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return label();
    }
}
