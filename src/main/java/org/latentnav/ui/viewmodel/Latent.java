package org.latentnav.ui.viewmodel;

import java.util.Arrays;
import org.latentnav.cli.Latents;

/**
 * A latent z and, when it came from one, the seed it was drawn from.
 *
 * @param seed the seed of {@link Latents#fromSeed}, or null for a latent from a file
 * @param z the latent, or null until the generator's latent size is known
 */
public record Latent(Long seed, float[] z) {
    public static Latent ofSeed(long seed) {
        return new Latent(seed, null);
    }

    /**
     * Returns this latent with {@code size} values: as it is if it already fits, drawn again from
     * its seed if it has one, or else drawn from seed 0.
     */
    public Latent withSize(int size) {
        if (z != null && z.length == size) {
            return this;
        }
        long from = seed != null ? seed : 0L;
        return new Latent(from, Latents.fromSeed(from, size));
    }

    /** Returns a short label: the seed, or "custom" for a latent without one. */
    public String label() {
        return seed != null ? Long.toString(seed) : "custom";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Latent
                && java.util.Objects.equals(seed, ((Latent) other).seed)
                && Arrays.equals(z, ((Latent) other).z);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hashCode(seed) + Arrays.hashCode(z);
    }

    @Override
    public String toString() {
        return "Latent[seed=" + seed + ", size=" + (z == null ? 0 : z.length) + "]";
    }
}
