package org.latentnav.train;

import java.util.SplittableRandom;

/** Deterministic random draws derived from a run seed and a step counter. */
public final class Seeds {
    private Seeds() {}

    /** Combines a seed and a step index into a well-mixed 64-bit seed (SplitMix64 finaliser). */
    public static long mix(long seed, long step) {
        long x = seed * 0x9E3779B97F4A7C15L + step;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    /** Returns {@code count} draws from N(0, 1). */
    public static float[] gaussian(SplittableRandom random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
