package org.easy2hard.stats;

import java.util.Objects;

/**
 * What identifies one experimental condition whose item-level results are bootstrapped together: the dataset, the
 * model, the method, the pool the training data came from, the hardness measure that defined that pool and the number
 * of training items (or in-context demonstrations).
 *
 * <p>The bootstrap index is deliberately <em>not</em> part of the condition: the paper's "bootstraps" are repeated
 * draws of the training sample for one condition, and they become the columns of that condition's {@link ItemGrid}.
 * A run is therefore identified by a condition plus a bootstrap index, which is what {@link ItemResult} records.
 *
 * <p>All text fields are free-form labels (the statistics package knows nothing about datasets or models); use
 * {@link #NONE} where a field does not apply, e.g. the training pool and hardness measure of zero-shot prompting.
 *
 * @param dataset short dataset name, e.g. {@code arc}
 * @param model model name, e.g. {@code llama-2-70b}
 * @param method method name, e.g. {@code icl}, {@code linear-probe}, {@code qlora}, {@code zero-shot}
 * @param trainPool where the training items came from, e.g. {@code easy}, {@code hard}, {@code all}, {@code none}
 * @param hardnessMeasure the measure whose cut-offs defined the training pool, e.g. {@code human_grade}
 * @param nTrain number of training items or demonstrations; 0 for unsupervised (zero-shot) conditions
 */
public record Condition(String dataset, String model, String method, String trainPool, String hardnessMeasure,
        int nTrain) {

    /** The label for a field that does not apply to a condition. */
    public static final String NONE = "none";

    /**
     * Validates the fields.
     *
     * @throws NullPointerException when a text field is null
     * @throws IllegalArgumentException when a text field is blank or {@code nTrain} is negative
     */
    public Condition {
        requireLabel(dataset, "dataset");
        requireLabel(model, "model");
        requireLabel(method, "method");
        requireLabel(trainPool, "trainPool");
        requireLabel(hardnessMeasure, "hardnessMeasure");
        if (nTrain < 0) {
            throw new IllegalArgumentException("nTrain must be >= 0, was " + nTrain);
        }
    }

    /** Starts a builder; dataset, model, method and training pool must be set, the rest is optional. */
    public static Builder builder() {
        return new Builder();
    }

    /** True when no training data was used (n = 0), i.e. the "Unsupervised" baseline of the paper. */
    public boolean isUnsupervised() {
        return nTrain == 0;
    }

    /** A compact human-readable label such as {@code arc/llama-2-70b/icl train=easy(human_grade) n=10}. */
    public String label() {
        StringBuilder text = new StringBuilder()
                .append(dataset).append('/').append(model).append('/').append(method)
                .append(" train=").append(trainPool);
        if (!NONE.equals(hardnessMeasure)) {
            text.append('(').append(hardnessMeasure).append(')');
        }
        return text.append(" n=").append(nTrain).toString();
    }

    private static void requireLabel(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank; use Condition.NONE when it does not apply");
        }
    }

    /** Builds a {@link Condition}; {@code set…} methods are required, {@code opt…} methods have defaults. */
    public static final class Builder {
        private String dataset;
        private String model;
        private String method;
        private String trainPool;
        private String hardnessMeasure = NONE;
        private int nTrain;

        private Builder() {
        }

        /** Sets the dataset name (required). */
        public Builder setDataset(String dataset) {
            this.dataset = dataset;
            return this;
        }

        /** Sets the model name (required). */
        public Builder setModel(String model) {
            this.model = model;
            return this;
        }

        /** Sets the method name (required). */
        public Builder setMethod(String method) {
            this.method = method;
            return this;
        }

        /** Sets the training pool (required); {@link Condition#NONE} for unsupervised conditions. */
        public Builder setTrainPool(String trainPool) {
            this.trainPool = trainPool;
            return this;
        }

        /** Sets the hardness measure that defined the training pool; defaults to {@link Condition#NONE}. */
        public Builder optHardnessMeasure(String hardnessMeasure) {
            this.hardnessMeasure = hardnessMeasure;
            return this;
        }

        /** Sets the number of training items or demonstrations; defaults to 0 (unsupervised). */
        public Builder optNTrain(int nTrain) {
            this.nTrain = nTrain;
            return this;
        }

        /**
         * Builds the condition.
         *
         * @throws NullPointerException when a required field was not set
         * @throws IllegalArgumentException when a field is invalid
         */
        public Condition build() {
            return new Condition(dataset, model, method, trainPool, hardnessMeasure, nTrain);
        }
    }
}
