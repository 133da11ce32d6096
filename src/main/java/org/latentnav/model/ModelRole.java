package org.latentnav.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a model folder contains, as written in the "role" field of its model.json. */
public enum ModelRole {
    GENERATOR("generator"),
    DISCRIMINATOR("discriminator"),
    REGRESSOR("regressor"),
    FEATURES("features"),
    DIRECTIONS("directions");

    private final String id;

    ModelRole(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
