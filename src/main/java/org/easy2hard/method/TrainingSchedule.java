package org.easy2hard.method;

/**
 * How {@link LoraTrainer} turns an {@link OptimizationPlan} into forward-backward passes, clipping and optimizer
 * updates.
 *
 * <p>{@link #PAPER} (the default) is the authors' loop ({@code Probe.finetune} in their {@code models/probes.py},
 * paper-spec §5.6 and §9 item 9). The training items are read in <em>device batches</em> of a fixed number of items
 * (their {@code train_batch_size} rows divided by the number of options: for ARC and MMLU with Llama-2 on 4 GPUs 9
 * items for 7b, 3 for 13b, 1 for 70b); the accumulation factor is {@code min(n, 50) / deviceBatch} rounded down, so
 * an update averages 45, 48 or 50 items (when {@code n} is below the device batch, one batch of all items and no
 * accumulation). Each device batch's summed loss is divided by {@code accumulation * deviceBatch} and back-propagated;
 * then the <em>accumulated</em> gradient is clipped to the maximum norm, after every device batch, not only before an
 * update. A single counter, starting at 1 and running on across epochs, counts device batches; the optimizer steps
 * when it is a multiple of the accumulation factor. Device batches left over at the end of the run are never applied
 * and updates straddle epoch boundaries. The learning rate decays over {@code epochs * ceil(batchesPerEpoch /
 * accumulation)} planned updates, more than the run makes. For n = 160 without chain of thought (3 epochs) this gives
 * 10 updates with device batches of 9 or 3 items and 9 with 1 item, against {@link #EXACT}'s 12.
 *
 * <p>{@link #EXACT} is this toolkit's reading of the paper's text: every epoch is split into {@code ceil(n / batch)}
 * batches of {@code min(n, 50)} items (the last smaller), each batch's mean loss is one update, the gradient is
 * clipped once before each update, and the learning rate decays over exactly the updates made (12 for n = 160).
 * Its device batches are sized by the memory budget only, so it is the faster of the two on a large device.
 *
 * <p>In both, a device batch larger than the memory budget allows is computed in several forward-backward passes
 * whose gradients add up before the clipping, so the budget changes only the order of floating-point sums.
 */
public enum TrainingSchedule {

    /** The authors' loop: fixed device batches, clipping after each, a global accumulation counter. */
    PAPER,
    /** Every batch applied: one update per {@code min(n, 50)} items, clipping once per update. */
    EXACT;

    /**
     * Items read and clipped together: {@code deviceBatch} (all items when fewer) under {@link #PAPER}, the
     * effective batch under {@link #EXACT}.
     */
    public int chunk(OptimizationPlan plan, int deviceBatch) {
        if (deviceBatch < 1) {
            throw new IllegalArgumentException("device batch must be at least 1 item: " + deviceBatch);
        }
        return this == EXACT ? plan.effectiveBatch() : Math.min(deviceBatch, plan.trainSize());
    }

    /** Device batches per optimizer update (the authors' {@code grad_accumulation_factor}); 1 under EXACT. */
    public int accumulation(OptimizationPlan plan, int deviceBatch) {
        return this == EXACT ? 1 : Math.max(1, plan.effectiveBatch() / chunk(plan, deviceBatch));
    }

    /** Device batches per epoch. */
    public int chunksPerEpoch(OptimizationPlan plan, int deviceBatch) {
        int chunk = chunk(plan, deviceBatch);
        return (plan.trainSize() + chunk - 1) / chunk;
    }

    /** The optimizer updates the run makes. */
    public int updates(OptimizationPlan plan, int deviceBatch) {
        if (this == EXACT) {
            return plan.totalUpdates();
        }
        return plan.epochs() * chunksPerEpoch(plan, deviceBatch) / accumulation(plan, deviceBatch);
    }

    /** The updates the learning-rate decay is planned over (the authors' {@code num_training_steps}). */
    public int plannedUpdates(OptimizationPlan plan, int deviceBatch) {
        if (this == EXACT) {
            return plan.totalUpdates();
        }
        int accumulation = accumulation(plan, deviceBatch);
        return plan.epochs() * ((chunksPerEpoch(plan, deviceBatch) + accumulation - 1) / accumulation);
    }

    /**
     * What a device batch of {@code size} items divides its summed loss by: the accumulated batch under
     * {@link #PAPER} (the authors scale a short last batch by its share of a full one), the batch's own size
     * under {@link #EXACT}.
     */
    public int lossDivisor(OptimizationPlan plan, int deviceBatch, int size) {
        return this == EXACT ? size : accumulation(plan, deviceBatch) * chunk(plan, deviceBatch);
    }
}
