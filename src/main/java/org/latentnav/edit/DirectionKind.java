package org.latentnav.edit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Global directions (one vector per attribute) or local ones (a function T(z)). */
public enum DirectionKind {
    GLOBAL("global"),
    LOCAL("local");

    private final String id;

    DirectionKind(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static DirectionKind fromId(String id) {
        for (DirectionKind k : values()) {
            if (k.id.equalsIgnoreCase(id.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException(
                "Unknown direction kind '" + id + "': use global or local.");
    }

    @Override
    public String toString() {
        return id;
    }
}
