package org.easy2hard.method;

import java.util.Arrays;

/**
 * A method's answer to one multiple-choice item: a probability per option (summing to 1) and the chosen option.
 *
 * @param itemId        the item's id
 * @param probabilities one probability per option, in the item's option order
 * @param predicted     index of the chosen option (the most probable; the lowest index on ties)
 */
public record Prediction(String itemId, double[] probabilities, int predicted) {

    /** Copies the probabilities and checks the chosen index. */
    public Prediction {
        probabilities = probabilities.clone();
        if (predicted < 0 || predicted >= probabilities.length) {
            throw new IllegalArgumentException("item " + itemId + ": predicted option " + predicted + " of "
                    + probabilities.length);
        }
    }

    /** A prediction choosing the most probable option (the first one on ties). */
    public static Prediction argmax(String itemId, double[] probabilities) {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return new Prediction(itemId, probabilities, best);
    }

    /** The probabilities (a copy). */
    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** Probability of one option. */
    public double probability(int option) {
        return probabilities[option];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Prediction that && itemId.equals(that.itemId) && predicted == that.predicted
                && Arrays.equals(probabilities, that.probabilities);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * itemId.hashCode() + predicted) + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "Prediction[" + itemId + ", predicted=" + predicted + ", p=" + Arrays.toString(probabilities) + "]";
    }
}
