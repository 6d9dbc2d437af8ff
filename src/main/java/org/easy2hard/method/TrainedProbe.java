package org.easy2hard.method;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fitted linear probe: the training normalisation and the weights, with the record of how the fit went. Plain
 * Java values, no native memory: answering items is a dot product per option, done here in double precision.
 *
 * @param weights         w, one float per feature dimension (as trained, in float32)
 * @param normalization   the z-scoring fitted on the training items' option vectors
 * @param epochLosses     the training loss at each epoch, evaluated before that epoch's update (as the paper's
 *                        training log records it)
 * @param finalLoss       the loss at the final weights
 * @param finalNll        its mean negative log-likelihood part
 * @param weightNorm      ||w||_2 of the final weights
 * @param refits          how many fits were thrown away because their weights became NaN or infinite
 * @param device          the DJL device the probe was trained on, e.g. {@code cpu()} or {@code gpu(0)}
 */
public record TrainedProbe(
        float[] weights,
        ZScore normalization,
        double[] epochLosses,
        double finalLoss,
        double finalNll,
        double weightNorm,
        int refits,
        String device) {

    /** Copies the arrays and checks that the weights fit the normalisation. */
    public TrainedProbe {
        weights = weights.clone();
        epochLosses = epochLosses.clone();
        if (weights.length != normalization.dimension()) {
            throw new IllegalArgumentException(weights.length + " weights for " + normalization.dimension()
                    + " normalised dimensions");
        }
    }

    /** The feature dimension. */
    public int dimension() {
        return weights.length;
    }

    /** The number of epochs trained. */
    public int epochs() {
        return epochLosses.length;
    }

    /** The score w . z(x) of each option, z being the training z-scoring. */
    public double[] scores(float[][] options) {
        double[] scores = new double[options.length];
        for (int o = 0; o < options.length; o++) {
            double[] z = normalization.apply(options[o]);
            double score = 0;
            for (int j = 0; j < z.length; j++) {
                score += weights[j] * z[j];
            }
            scores[o] = score;
        }
        return scores;
    }

    /** The softmax of {@link #scores(float[][])} over the item's options. */
    public double[] probabilities(float[][] options) {
        return Softmax.of(scores(options), 1.0);
    }

    /**
     * Diagnostics for the run records: {@code final_loss}, {@code final_nll}, {@code weight_norm}, {@code epochs},
     * {@code refits}, {@code dimension}, and {@code gpu} (1 when trained on a GPU, else 0; the device's name is
     * {@link #device()}).
     */
    public Map<String, Double> diagnostics() {
        Map<String, Double> diagnostics = new LinkedHashMap<>();
        diagnostics.put("final_loss", finalLoss);
        diagnostics.put("final_nll", finalNll);
        diagnostics.put("weight_norm", weightNorm);
        diagnostics.put("epochs", (double) epochs());
        diagnostics.put("refits", (double) refits);
        diagnostics.put("dimension", (double) dimension());
        diagnostics.put("gpu", device.startsWith("gpu") ? 1.0 : 0.0);
        return diagnostics;
    }

    /** The weights (a copy). */
    @Override
    public float[] weights() {
        return weights.clone();
    }

    /** The per-epoch training losses (a copy). */
    @Override
    public double[] epochLosses() {
        return epochLosses.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrainedProbe that && Arrays.equals(weights, that.weights)
                && normalization.equals(that.normalization) && Arrays.equals(epochLosses, that.epochLosses)
                && Double.compare(finalLoss, that.finalLoss) == 0 && Double.compare(finalNll, that.finalNll) == 0
                && Double.compare(weightNorm, that.weightNorm) == 0 && refits == that.refits
                && device.equals(that.device);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(weights) + normalization.hashCode()) + Arrays.hashCode(epochLosses);
    }

    @Override
    public String toString() {
        return "TrainedProbe[dimension=" + dimension() + ", epochs=" + epochs() + ", finalLoss=" + finalLoss
                + ", weightNorm=" + weightNorm + ", refits=" + refits + ", device=" + device + "]";
    }
}
