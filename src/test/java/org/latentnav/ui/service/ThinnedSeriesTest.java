package org.latentnav.ui.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThinnedSeriesTest {
    @Test
    void fewPointsAreKeptExactly() {
        ThinnedSeries series = new ThinnedSeries(8);
        for (int i = 0; i < 5; i++) {
            series.add(i, i * i);
        }
        double[][] points = series.points();
        assertEquals(5, points[0].length);
        assertEquals(16, points[1][4]);
    }

    @Test
    void manyPointsStayWithinCapacity() {
        ThinnedSeries series = new ThinnedSeries(400);
        long start = System.nanoTime();
        for (int i = 0; i < 50_000; i++) {
            series.add(i, 2.0 * i + 1);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[][] points = series.points();

        assertEquals(50_000, series.added());
        assertTrue(points[0].length <= 401, "kept " + points[0].length + " points");
        assertTrue(points[0].length >= 200, "kept " + points[0].length + " points");
        for (int i = 1; i < points[0].length; i++) {
            assertTrue(points[0][i] > points[0][i - 1], "x increases at " + i);
        }
        for (int i = 0; i < points[0].length; i++) {
            // Means of a linear function lie on the same line.
            assertEquals(2.0 * points[0][i] + 1, points[1][i], 1e-6, "point " + i);
        }
        assertTrue(seconds < 1, "adding 50,000 points took " + seconds + " s");
    }

    @Test
    void bucketMeansPreserveOverallMean() {
        ThinnedSeries series = new ThinnedSeries(16);
        double sum = 0;
        int count = 1024;
        for (int i = 0; i < count; i++) {
            double y = Math.sin(i * 0.1);
            series.add(i, y);
            sum += y;
        }
        double[][] points = series.points();
        double mean = 0;
        for (double y : points[1]) {
            mean += y;
        }
        assertEquals(sum / count, mean / points[1].length, 1e-9);
    }

    @Test
    void oddCapacityIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ThinnedSeries(7));
    }
}
