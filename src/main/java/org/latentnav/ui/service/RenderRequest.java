package org.latentnav.ui.service;

/**
 * One edit to render.
 *
 * @param z the latent [m]
 * @param truncation truncation psi in (0, 1]
 * @param epsilon the requested change per attribute, each in [-1, 1]
 * @param held true for attributes held fixed while the others move
 */
public record RenderRequest(float[] z, float truncation, float[] epsilon, boolean[] held) {
    public RenderRequest {
        if (epsilon.length != held.length) {
            throw new IllegalArgumentException(
                    "Expected one held flag per epsilon, but got "
                            + held.length
                            + " flags for "
                            + epsilon.length
                            + " values");
        }
        z = z.clone();
        epsilon = epsilon.clone();
        held = held.clone();
    }
}
