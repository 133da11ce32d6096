package org.latentnav.ui.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of a saved editing session: which models were used (id and weights sha256), the
 * latent and the slider values. Field names are the JSON keys.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class SessionFile {
    public static final int FORMAT_VERSION = 1;

    public int formatVersion = FORMAT_VERSION;
    public ModelReference generator;
    public ModelReference directions;
    public ModelReference regressor;

    /** Seed the latent was drawn from, or null for a latent that came from elsewhere. */
    public Long seed;

    public float[] z;
    public float truncation = 0.7f;
    public List<Slider> sliders = new ArrayList<>();

    /** A model by card id and the sha256 of its weights file. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class ModelReference {
        public String id;
        public String sha256;

        /** Generator fingerprint as loaded; informative only. */
        public String fingerprint;

        public ModelReference() {}

        public ModelReference(String id, String sha256, String fingerprint) {
            this.id = id;
            this.sha256 = sha256;
            this.fingerprint = fingerprint;
        }
    }

    /** One attribute slider. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Slider {
        public String attribute;
        public double epsilon;
        public boolean held;

        public Slider() {}

        public Slider(String attribute, double epsilon, boolean held) {
            this.attribute = attribute;
            this.epsilon = epsilon;
            this.held = held;
        }
    }
}
