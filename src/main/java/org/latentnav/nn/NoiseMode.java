package org.latentnav.nn;

/** How the generator's per-pixel noise inputs are filled. */
public enum NoiseMode {
    /** Fixed noise maps stored with the weights: the same latent always gives the same image. */
    CONST,
    /** Fresh Gaussian noise on every call, as in GAN training. */
    RANDOM,
    /** No noise. */
    NONE
}
