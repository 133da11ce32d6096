package org.latentnav.ui.service;

/**
 * A line-chart series that keeps at most {@code capacity} points however many are added. Points are
 * averaged in buckets of a power-of-two width; when the buffer is full, neighbouring buckets merge
 * and the width doubles. Adding is O(1) amortised and a chart never draws more than {@code capacity
 * + 1} points. Not thread-safe.
 */
public final class ThinnedSeries {
    private final int capacity;
    private final double[] xs;
    private final double[] ys;
    private int size;
    private long bucketWidth = 1;
    private double partialX;
    private double partialY;
    private long partialCount;
    private long added;

    /**
     * Creates an empty series.
     *
     * @param capacity the maximum number of stored buckets, even and at least 2
     */
    public ThinnedSeries(int capacity) {
        if (capacity < 2 || capacity % 2 != 0) {
            throw new IllegalArgumentException(
                    "Invalid capacity " + capacity + ": use an even number of at least 2");
        }
        this.capacity = capacity;
        this.xs = new double[capacity];
        this.ys = new double[capacity];
    }

    public void add(double x, double y) {
        added++;
        partialX += x;
        partialY += y;
        partialCount++;
        if (partialCount < bucketWidth) {
            return;
        }
        if (size == capacity) {
            halve();
            // The partial bucket now needs the doubled width before it is stored.
            if (partialCount < bucketWidth) {
                return;
            }
        }
        xs[size] = partialX / partialCount;
        ys[size] = partialY / partialCount;
        size++;
        partialX = 0;
        partialY = 0;
        partialCount = 0;
    }

    /** Merges neighbouring buckets, so the buffer is half full and each bucket twice as wide. */
    private void halve() {
        for (int i = 0; i < size / 2; i++) {
            xs[i] = (xs[2 * i] + xs[2 * i + 1]) / 2;
            ys[i] = (ys[2 * i] + ys[2 * i + 1]) / 2;
        }
        size /= 2;
        bucketWidth *= 2;
    }

    /** Returns the number of points added since creation. */
    public long added() {
        return added;
    }

    /** Returns the bucket means and, last, the mean of an unfinished bucket: {xs, ys}. */
    public double[][] points() {
        int count = size + (partialCount > 0 ? 1 : 0);
        double[] outX = new double[count];
        double[] outY = new double[count];
        System.arraycopy(xs, 0, outX, 0, size);
        System.arraycopy(ys, 0, outY, 0, size);
        if (partialCount > 0) {
            outX[size] = partialX / partialCount;
            outY[size] = partialY / partialCount;
        }
        return new double[][] {outX, outY};
    }

    public void clear() {
        size = 0;
        bucketWidth = 1;
        partialX = 0;
        partialY = 0;
        partialCount = 0;
        added = 0;
    }
}
