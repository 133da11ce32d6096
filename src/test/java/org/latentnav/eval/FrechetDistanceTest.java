package org.latentnav.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {
    private static float[][] gaussian(int n, double[] mean, double[] std, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] rows = new float[n][mean.length];
        for (float[] row : rows) {
            for (int j = 0; j < mean.length; j++) {
                row[j] = (float) (mean[j] + std[j] * random.nextGaussian());
            }
        }
        return rows;
    }

    @Test
    void diagonalGaussiansMatchClosedForm() {
        // For diagonal covariances the distance is sum (m1 - m2)^2 + (s1 - s2)^2.
        double[] m1 = {0, 1, 2};
        double[] m2 = {1, 1, 0};
        double[] s1 = {1, 2, 0.5};
        double[] s2 = {2, 2, 1.5};
        double expected = 1 + 0 + 4 + 1 + 0 + 1;
        var a = FrechetDistance.Statistics.of(gaussian(200_000, m1, s1, 1));
        var b = FrechetDistance.Statistics.of(gaussian(200_000, m2, s2, 2));
        assertEquals(expected, FrechetDistance.between(a, b), 0.05);
    }

    @Test
    void identicalSamplesHaveZeroDistance() {
        float[][] rows = gaussian(500, new double[] {0, 0, 0, 0}, new double[] {1, 1, 3, 1}, 3);
        var a = FrechetDistance.Statistics.of(rows);
        assertEquals(0, FrechetDistance.between(a, a), 1e-6);
    }
}
