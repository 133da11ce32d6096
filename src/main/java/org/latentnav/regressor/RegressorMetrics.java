package org.latentnav.regressor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-attribute evaluation of a regressor against 0 / 1 labels: mean squared error of the predicted
 * value in [0, 1] and accuracy of the prediction thresholded at 0.5.
 */
public final class RegressorMetrics {
    private final List<String> attributes;
    private final double[] squaredError;
    private final long[] correct;
    private long count;

    public RegressorMetrics(List<String> attributes) {
        this.attributes = attributes;
        this.squaredError = new double[attributes.size()];
        this.correct = new long[attributes.size()];
    }

    /** Adds a batch of predictions [B * N] and labels [B * N], row-major. */
    public void add(float[] predictions, float[] labels) {
        int n = attributes.size();
        for (int i = 0; i < predictions.length; i++) {
            int a = i % n;
            double e = predictions[i] - labels[i];
            squaredError[a] += e * e;
            if ((predictions[i] >= 0.5f) == (labels[i] >= 0.5f)) {
                correct[a]++;
            }
        }
        count += predictions.length / n;
    }

    public double mse() {
        double sum = 0;
        for (double e : squaredError) {
            sum += e;
        }
        return sum / (count * (double) attributes.size());
    }

    public double mse(int attribute) {
        return squaredError[attribute] / count;
    }

    public double accuracy(int attribute) {
        return correct[attribute] / (double) count;
    }

    public double meanAccuracy() {
        double sum = 0;
        for (int a = 0; a < attributes.size(); a++) {
            sum += accuracy(a);
        }
        return sum / attributes.size();
    }

    public long count() {
        return count;
    }

    /** Returns {attribute: {accuracy, mse}} for model cards and reports. */
    public Map<String, Map<String, Double>> perAttribute() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (int a = 0; a < attributes.size(); a++) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("accuracy", round(accuracy(a)));
            m.put("mse", round(mse(a)));
            out.put(attributes.get(a), m);
        }
        return out;
    }

    static double round(double v) {
        return Math.round(v * 1e5) / 1e5;
    }
}
