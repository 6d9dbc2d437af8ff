package org.easy2hard.method;

/** Softmax with a temperature, in double precision, shifted by the maximum so that exp() cannot overflow. */
public final class Softmax {

    private Softmax() {
    }

    /** {@code exp(s_i / t) / sum_j exp(s_j / t)}; needs at least one score. */
    public static double[] of(double[] scores, double temperature) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("softmax of no scores");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double score : scores) {
            max = Math.max(max, score / temperature);
        }
        double[] probabilities = new double[scores.length];
        double total = 0;
        for (int i = 0; i < scores.length; i++) {
            probabilities[i] = Math.exp(scores[i] / temperature - max);
            total += probabilities[i];
        }
        for (int i = 0; i < scores.length; i++) {
            probabilities[i] /= total;
        }
        return probabilities;
    }
}
