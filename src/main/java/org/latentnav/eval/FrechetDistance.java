package org.latentnav.eval;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The Frechet distance between two Gaussians fitted to feature vectors: ||mu1 - mu2||^2 + Tr(C1 +
 * C2 - 2 (C1 C2)^(1/2)). With Inception-v3 pool features this is the FID; LatentNav computes it on
 * its own regressor's penultimate features, which makes it a different number that must not be
 * compared with published FIDs.
 */
public final class FrechetDistance {
    private FrechetDistance() {}

    /** Mean and covariance of feature rows. */
    public record Statistics(double[] mean, double[][] covariance, int count) {
        public static Statistics of(float[][] rows) {
            int n = rows.length;
            int d = rows[0].length;
            if (n < 2) {
                throw new IllegalArgumentException(
                        "At least two feature vectors are needed, got " + n + ".");
            }
            double[] mean = new double[d];
            for (float[] row : rows) {
                for (int j = 0; j < d; j++) {
                    mean[j] += row[j];
                }
            }
            for (int j = 0; j < d; j++) {
                mean[j] /= n;
            }
            double[][] cov = new double[d][d];
            double[] centred = new double[d];
            for (float[] row : rows) {
                for (int j = 0; j < d; j++) {
                    centred[j] = row[j] - mean[j];
                }
                for (int i = 0; i < d; i++) {
                    double ci = centred[i];
                    double[] covRow = cov[i];
                    for (int j = i; j < d; j++) {
                        covRow[j] += ci * centred[j];
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    cov[i][j] /= n - 1;
                    cov[j][i] = cov[i][j];
                }
            }
            return new Statistics(mean, cov, n);
        }
    }

    public static double between(Statistics a, Statistics b) {
        double meanTerm = 0;
        for (int i = 0; i < a.mean().length; i++) {
            double diff = a.mean()[i] - b.mean()[i];
            meanTerm += diff * diff;
        }
        RealMatrix c1 = new Array2DRowRealMatrix(a.covariance(), false);
        RealMatrix c2 = new Array2DRowRealMatrix(b.covariance(), false);
        // Tr((C1 C2)^(1/2)) equals the sum of square roots of the eigenvalues of the symmetric
        // matrix S C2 S with S = C1^(1/2), which avoids a non-symmetric matrix square root.
        RealMatrix s = symmetricSqrt(c1);
        RealMatrix m = s.multiply(c2).multiply(s);
        m = m.add(m.transpose()).scalarMultiply(0.5);
        double traceSqrt = 0;
        for (double lambda : new EigenDecomposition(m).getRealEigenvalues()) {
            traceSqrt += Math.sqrt(Math.max(lambda, 0));
        }
        return meanTerm + c1.getTrace() + c2.getTrace() - 2 * traceSqrt;
    }

    static RealMatrix symmetricSqrt(RealMatrix c) {
        EigenDecomposition eig = new EigenDecomposition(c);
        double[] values = eig.getRealEigenvalues();
        RealMatrix v = eig.getV();
        int d = values.length;
        RealMatrix scaled = v.copy();
        for (int j = 0; j < d; j++) {
            double root = Math.sqrt(Math.max(values[j], 0));
            for (int i = 0; i < d; i++) {
                scaled.setEntry(i, j, scaled.getEntry(i, j) * root);
            }
        }
        return scaled.multiply(v.transpose());
    }
}
