package org.latentnav.edit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The latent space that directions move: z, w, or w+ (one w per synthesis layer). */
public enum LatentSpace {
    Z("z"),
    W("w"),
    W_PLUS("w+");

    private final String id;

    LatentSpace(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static LatentSpace fromId(String id) {
        for (LatentSpace s : values()) {
            if (s.id.equalsIgnoreCase(id.trim()) || s.name().equalsIgnoreCase(id.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown latent space '" + id + "': use z, w or w+.");
    }

    @Override
    public String toString() {
        return id;
    }
}
