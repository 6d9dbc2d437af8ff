package org.easy2hard.method;

import java.util.List;

/**
 * An independent plain-Java, double-precision implementation of the paper's probe objective and optimiser
 * (paper-spec §5.5), written from the spec rather than from {@link LinearProbe}: its own z-scoring, the analytic
 * gradient of mean NLL + penalty * ||w||_2, clip_grad_norm_, and SGD with the linearly decaying learning rate.
 * Items are never padded: each softmax runs over the item's own options.
 */
final class ReferenceProbe {

    /**
     * The outcome of a reference fit.
     *
     * @param weights        the final w
     * @param epochLosses    the loss before each epoch's update
     * @param clippedUpdates how many updates had their gradient scaled down by the clipping
     */
    record Result(double[] weights, double[] epochLosses, int clippedUpdates) {
    }

    private ReferenceProbe() {
    }

    static Result fit(List<float[][]> items, int[] gold, float[] initial, double penalty, double learningRate,
            int epochs, double finalFraction, double maxGradientNorm) {
        double[][][] z = zScore(items);
        int d = initial.length;
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = initial[j];
        }
        double[] losses = new double[epochs];
        int clipped = 0;
        for (int t = 0; t < epochs; t++) {
            double[] gradient = new double[d];
            losses[t] = lossAndGradient(z, gold, w, penalty, gradient);
            double gradientNorm = Math.sqrt(dot(gradient, gradient));
            double scale = Math.min(1.0, maxGradientNorm / (gradientNorm + 1e-6));
            if (scale < 1.0) {
                clipped++;
            }
            // HF linear schedule over T = epochs / (1 - f) updates, written as 1 - (1 - f) t / epochs.
            double rate = learningRate * (1 - (1 - finalFraction) * t / epochs);
            for (int j = 0; j < d; j++) {
                w[j] -= rate * scale * gradient[j];
            }
        }
        return new Result(w, losses, clipped);
    }

    /** Mean NLL + penalty * ||w||_2 at w over already z-scored features; adds the gradient into {@code out}. */
    static double lossAndGradient(double[][][] z, int[] gold, double[] w, double penalty, double[] out) {
        int n = z.length;
        double nll = 0;
        for (int i = 0; i < n; i++) {
            double[][] options = z[i];
            double[] scores = new double[options.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int o = 0; o < options.length; o++) {
                scores[o] = dot(w, options[o]);
                max = Math.max(max, scores[o]);
            }
            double total = 0;
            for (int o = 0; o < options.length; o++) {
                total += Math.exp(scores[o] - max);
            }
            double logTotal = max + Math.log(total);
            nll -= (scores[gold[i]] - logTotal) / n;
            // d(-log p_gold)/dw = sum_o p_o z_o - z_gold
            for (int o = 0; o < options.length; o++) {
                double p = Math.exp(scores[o] - logTotal);
                double coefficient = (p - (o == gold[i] ? 1 : 0)) / n;
                for (int j = 0; j < w.length; j++) {
                    out[j] += coefficient * options[o][j];
                }
            }
        }
        double norm = Math.sqrt(dot(w, w));
        for (int j = 0; j < w.length; j++) {
            out[j] += penalty * w[j] / norm;
        }
        return nll + penalty * norm;
    }

    /** z-scores every option vector with the pooled mean and sample standard deviation (1 where that is 0). */
    static double[][][] zScore(List<float[][]> items) {
        int d = items.get(0)[0].length;
        double[] mean = new double[d];
        int count = 0;
        for (float[][] options : items) {
            for (float[] x : options) {
                for (int j = 0; j < d; j++) {
                    mean[j] += x[j];
                }
                count++;
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= count;
        }
        double[] variance = new double[d];
        for (float[][] options : items) {
            for (float[] x : options) {
                for (int j = 0; j < d; j++) {
                    variance[j] += (x[j] - mean[j]) * (x[j] - mean[j]) / (count - 1);
                }
            }
        }
        double[][][] z = new double[items.size()][][];
        for (int i = 0; i < items.size(); i++) {
            float[][] options = items.get(i);
            z[i] = new double[options.length][d];
            for (int o = 0; o < options.length; o++) {
                for (int j = 0; j < d; j++) {
                    double std = variance[j] > 0 ? Math.sqrt(variance[j]) : 1.0;
                    z[i][o][j] = (options[o][j] - mean[j]) / std;
                }
            }
        }
        return z;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += a[j] * b[j];
        }
        return sum;
    }
}
