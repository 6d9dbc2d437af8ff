package org.easy2hard.method;

/**
 * How many optimizer updates a fine-tuning run makes, by the paper's {@code standardize_optimization_config}
 * (paper-spec §5.6): the effective batch is {@code min(n_train, 50)} items, reached by gradient accumulation; an
 * epoch is one pass over the shuffled training items in {@code ceil(n / batch)} batches (the last one smaller); the
 * number of epochs is 3, raised until the run makes at least the minimum number of updates (10, or 150 with chain
 * of thought). For n = 160: 4 updates per epoch, 3 epochs (12 updates) without CoT, 38 epochs (152) with.
 *
 * <p>The paper's code has a quirk (§9 item 9): its accumulation counter runs across epochs and starts at 1, so some
 * micro-batches are never applied and n = 160 gives about 9-12 real updates. {@link TrainingSchedule#PAPER} (the
 * trainer's default) runs this plan that way; {@link TrainingSchedule#EXACT} applies every batch, as counted here.
 *
 * @param trainSize       training items
 * @param effectiveBatch  items per optimizer update
 * @param updatesPerEpoch optimizer updates per epoch
 * @param epochs          passes over the training items
 */
public record OptimizationPlan(int trainSize, int effectiveBatch, int updatesPerEpoch, int epochs) {

    /** The paper's largest effective batch. */
    public static final int PAPER_MAX_BATCH = 50;
    /** The paper's base number of epochs. */
    public static final int PAPER_EPOCHS = 3;
    /** The paper's minimum number of updates without chain of thought. */
    public static final int PAPER_MIN_UPDATES = 10;
    /** The paper's minimum number of updates with chain of thought. */
    public static final int PAPER_MIN_UPDATES_COT = 150;

    /** Checks the values. */
    public OptimizationPlan {
        if (trainSize < 1 || effectiveBatch < 1 || updatesPerEpoch < 1 || epochs < 1) {
            throw new IllegalArgumentException("bad optimization plan: n=" + trainSize + ", batch=" + effectiveBatch
                    + ", updates/epoch=" + updatesPerEpoch + ", epochs=" + epochs);
        }
    }

    /**
     * The paper's rule.
     *
     * @param trainSize  training items, at least 1
     * @param maxBatch   the largest effective batch (paper: 50)
     * @param baseEpochs epochs before raising (paper: 3)
     * @param minUpdates the fewest optimizer updates (paper: 10, or 150 with CoT)
     */
    public static OptimizationPlan standardize(int trainSize, int maxBatch, int baseEpochs, int minUpdates) {
        if (trainSize < 1) {
            throw new IllegalArgumentException("fine-tuning needs at least one training item");
        }
        if (maxBatch < 1 || baseEpochs < 1 || minUpdates < 0) {
            throw new IllegalArgumentException("bad optimization settings: batch " + maxBatch + ", epochs "
                    + baseEpochs + ", minimum updates " + minUpdates);
        }
        int batch = Math.min(trainSize, maxBatch);
        int perEpoch = (trainSize + batch - 1) / batch;
        int epochs = Math.max(baseEpochs, (minUpdates + perEpoch - 1) / perEpoch);
        return new OptimizationPlan(trainSize, batch, perEpoch, epochs);
    }

    /** All optimizer updates of the run. */
    public int totalUpdates() {
        return updatesPerEpoch * epochs;
    }
}
