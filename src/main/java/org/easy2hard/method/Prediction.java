package org.easy2hard.method;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.easy2hard.data.Item;

/**
 * A method's answer to one item. Two kinds:
 * <ul>
 *   <li><b>scored options</b> (probe, zero-shot and ICL option scoring, fine-tuned MC): a probability per option
 *       (summing to 1) and the chosen option; correct when the chosen option is the gold one;</li>
 *   <li><b>generated answers</b> (chain of thought, GSM8k): no probabilities, the verdict of answer extraction, the
 *       option the extracted answer names (or -1), and the completion with every extractor's answer in
 *       {@link #outputs()}, so that a run can be re-scored offline.</li>
 * </ul>
 *
 * @param itemId        the item's id
 * @param probabilities one probability per option, in the item's option order; empty for generated answers
 * @param predicted     index of the chosen option (the most probable; the lowest index on ties), or -1 when a
 *                      generated answer names no option
 * @param outputs       the completion and extracted answers by name (e.g. {@code completion}, {@code answer.paper},
 *                      {@code answer.strict}, {@code answer.flexible}); empty for scored options
 * @param judgedCorrect the extraction's verdict for generated answers; null for scored options, whose correctness is
 *                      {@code predicted == gold}
 */
public record Prediction(String itemId, double[] probabilities, int predicted, Map<String, String> outputs,
        Boolean judgedCorrect) {

    /** Copies the arrays and maps and checks the chosen index. */
    public Prediction {
        Objects.requireNonNull(itemId, "itemId");
        probabilities = probabilities.clone();
        outputs = Collections.unmodifiableMap(new TreeMap<>(outputs));
        if (judgedCorrect == null) {
            if (predicted < 0 || predicted >= probabilities.length) {
                throw new IllegalArgumentException("item " + itemId + ": predicted option " + predicted + " of "
                        + probabilities.length);
            }
        } else if (probabilities.length != 0 || predicted < -1) {
            throw new IllegalArgumentException("item " + itemId
                    + ": a generated answer has no option probabilities and a predicted option >= -1");
        }
    }

    /** A scored-options prediction. */
    public Prediction(String itemId, double[] probabilities, int predicted) {
        this(itemId, probabilities, predicted, Map.of(), null);
    }

    /** A scored-options prediction choosing the most probable option (the first one on ties). */
    public static Prediction argmax(String itemId, double[] probabilities) {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return new Prediction(itemId, probabilities, best);
    }

    /**
     * A generated-answer prediction.
     *
     * @param itemId    the item's id
     * @param predicted the option the extracted answer names, or -1 (always -1 for items without options)
     * @param correct   whether the extracted answer equals the gold answer under the paper's rule
     * @param outputs   the completion and every extractor's answer
     */
    public static Prediction generated(String itemId, int predicted, boolean correct, Map<String, String> outputs) {
        return new Prediction(itemId, new double[0], predicted, outputs, correct);
    }

    /** Whether this is a generated answer (no option probabilities). */
    public boolean isGenerated() {
        return judgedCorrect != null;
    }

    /** Whether the prediction answers {@code item} correctly. */
    public boolean isCorrect(Item item) {
        return judgedCorrect != null ? judgedCorrect : predicted == item.goldIndex();
    }

    /** The probability given to the gold option, or NaN for generated answers and items without options. */
    public double goldProbability(Item item) {
        return probabilities.length == 0 || item.goldIndex() < 0 ? Double.NaN : probabilities[item.goldIndex()];
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
                && Arrays.equals(probabilities, that.probabilities) && outputs.equals(that.outputs)
                && Objects.equals(judgedCorrect, that.judgedCorrect);
    }

    @Override
    public int hashCode() {
        return Objects.hash(itemId, predicted, Arrays.hashCode(probabilities), outputs, judgedCorrect);
    }

    @Override
    public String toString() {
        return "Prediction[" + itemId + ", predicted=" + predicted
                + (isGenerated() ? ", correct=" + judgedCorrect + ", outputs=" + outputs
                        : ", p=" + Arrays.toString(probabilities)) + "]";
    }
}
