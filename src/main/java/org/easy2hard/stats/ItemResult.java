package org.easy2hard.stats;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The outcome of one test item in one run: the unit every statistic in this package is computed from.
 *
 * <p>Statistics align results on {@link #itemId()}, never on position, because conditions do not share identical test
 * sets: a hard-trained run, for instance, cannot test on its own training items.
 *
 * @param itemId the item's id, unique within its dataset
 * @param condition the condition the run belongs to
 * @param bootstrap the run's bootstrap index (the paper's {@code boot_idx}: which draw of the training sample), &ge; 0
 * @param correct whether the prediction was correct
 * @param goldProbability the model's probability of the gold answer in [0, 1], or NaN when the method gives none
 *     (e.g. free generation with answer extraction)
 * @param predictedOption the index of the predicted answer option, or {@link #NO_PREDICTION} when none could be
 *     extracted or the task has no options
 * @param hardness the item's hardness values by measure name (an immutable copy is kept); may be empty
 * @param outputs what the method produced besides the verdict, kept so that a run can be re-scored offline: the
 *     generated completion and the answers each extractor took from it (e.g. {@code completion},
 *     {@code answer.paper}, {@code answer.strict}, {@code answer.flexible}); empty for option-scoring methods
 */
public record ItemResult(String itemId, Condition condition, int bootstrap, boolean correct, double goldProbability,
        int predictedOption, Map<String, Double> hardness, Map<String, String> outputs) {

    /** The {@link #predictedOption()} value meaning no option was predicted. */
    public static final int NO_PREDICTION = -1;

    /**
     * Validates the fields and copies the hardness map.
     *
     * @throws NullPointerException when the id, condition or hardness map (or one of its keys or values) is null
     * @throws IllegalArgumentException when the id is blank, the bootstrap index is negative, the probability is outside
     *     [0, 1] (NaN is allowed) or the predicted option is below {@link #NO_PREDICTION}
     */
    public ItemResult {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(condition, "condition");
        if (itemId.isBlank()) {
            throw new IllegalArgumentException("itemId must not be blank");
        }
        if (bootstrap < 0) {
            throw new IllegalArgumentException("bootstrap index must be >= 0, was " + bootstrap);
        }
        if (!Double.isNaN(goldProbability) && (goldProbability < 0 || goldProbability > 1)) {
            throw new IllegalArgumentException("goldProbability must be in [0, 1] or NaN, was " + goldProbability);
        }
        if (predictedOption < NO_PREDICTION) {
            throw new IllegalArgumentException("predictedOption must be >= -1 (NO_PREDICTION), was " + predictedOption);
        }
        hardness = Map.copyOf(hardness);
        outputs = Collections.unmodifiableMap(new TreeMap<>(outputs));
    }

    /** A result without method outputs (option-scoring methods). */
    public ItemResult(String itemId, Condition condition, int bootstrap, boolean correct, double goldProbability,
            int predictedOption, Map<String, Double> hardness) {
        this(itemId, condition, bootstrap, correct, goldProbability, predictedOption, hardness, Map.of());
    }

    /** Starts a builder; id, condition, bootstrap index and correctness must be set, the rest is optional. */
    public static Builder builder() {
        return new Builder();
    }

    /** The correctness as a number: 1 when correct, 0 otherwise (what accuracy averages). */
    public double correctness() {
        return correct ? 1.0 : 0.0;
    }

    /** The item's value for one hardness measure, or NaN when the record has none for it. */
    public double hardness(String measure) {
        Double value = hardness.get(measure);
        return value == null ? Double.NaN : value;
    }

    /** Builds an {@link ItemResult}; {@code set…} methods are required, {@code opt…} methods have defaults. */
    public static final class Builder {
        private String itemId;
        private Condition condition;
        private Integer bootstrap;
        private Boolean correct;
        private double goldProbability = Double.NaN;
        private int predictedOption = NO_PREDICTION;
        private Map<String, Double> hardness = Map.of();
        private Map<String, String> outputs = Map.of();

        private Builder() {
        }

        /** Sets the item id (required). */
        public Builder setItemId(String itemId) {
            this.itemId = itemId;
            return this;
        }

        /** Sets the condition (required). */
        public Builder setCondition(Condition condition) {
            this.condition = condition;
            return this;
        }

        /** Sets the bootstrap index (required). */
        public Builder setBootstrap(int bootstrap) {
            this.bootstrap = bootstrap;
            return this;
        }

        /** Sets whether the prediction was correct (required). */
        public Builder setCorrect(boolean correct) {
            this.correct = correct;
            return this;
        }

        /** Sets the probability of the gold answer; defaults to NaN (unknown). */
        public Builder optGoldProbability(double goldProbability) {
            this.goldProbability = goldProbability;
            return this;
        }

        /** Sets the predicted option index; defaults to {@link ItemResult#NO_PREDICTION}. */
        public Builder optPredictedOption(int predictedOption) {
            this.predictedOption = predictedOption;
            return this;
        }

        /** Sets the hardness values by measure name; defaults to none. */
        public Builder optHardness(Map<String, Double> hardness) {
            this.hardness = hardness;
            return this;
        }

        /** Sets the method's outputs (completion, extracted answers); defaults to none. */
        public Builder optOutputs(Map<String, String> outputs) {
            this.outputs = outputs;
            return this;
        }

        /**
         * Builds the record.
         *
         * @throws NullPointerException when a required field was not set
         * @throws IllegalArgumentException when a field is invalid
         */
        public ItemResult build() {
            Objects.requireNonNull(bootstrap, "bootstrap index was not set");
            Objects.requireNonNull(correct, "correctness was not set");
            return new ItemResult(itemId, condition, bootstrap, correct, goldProbability, predictedOption, hardness,
                    outputs);
        }
    }
}
