package org.easy2hard.method;

import ai.djl.training.tracker.Tracker;

/**
 * The probe's learning-rate schedule as a DJL {@link Tracker}: linear decay toward a fraction of the start value.
 *
 * <p>The paper's code builds HuggingFace's {@code get_scheduler("linear", num_warmup_steps=0,
 * num_training_steps=T)} with {@code T = steps / (1 - f)}, f = 0.1 and steps = epochs (one full-batch step per
 * epoch), so T = 100 / 0.9 = 111.1 (not rounded). That schedule multiplies the learning rate by
 * {@code max(0, (T - t) / T)} at update t = 0, 1, ... (t counts the updates already made; the scheduler is
 * stepped after each optimizer step). Hence, exactly:
 *
 * <pre>
 *   lr_t = lr * (T - t) / T = lr * (1 - (1 - f) * t / epochs),   t = 0 .. epochs - 1
 * </pre>
 *
 * With the paper's values lr_t = 0.05 * (1 - 0.009 t): 0.05 for the first update, 0.04955 for the second, and
 * 0.05 * 0.109 = 0.00545 for the 100th and last; the rate would reach 10% (0.005) at t = 100, the update that is
 * never made, which is why the paper says "toward 10%".
 *
 * <p>DJL's {@link ai.djl.training.optimizer.Optimizer} numbers updates from 1 ({@code numUpdate} = t + 1), so
 * {@link #getNewValue(int)} shifts by one.
 */
final class LinearDecaySchedule implements Tracker {

    private final double start;
    private final double horizon;

    /**
     * @param start          learning rate of the first update
     * @param updates        number of updates that will be made (epochs, for full-batch training)
     * @param finalFraction  f: the rate approaches {@code f * start} after {@code updates} updates
     */
    LinearDecaySchedule(double start, int updates, double finalFraction) {
        if (!(finalFraction >= 0 && finalFraction < 1)) {
            throw new IllegalArgumentException("final fraction must be in [0, 1): " + finalFraction);
        }
        this.start = start;
        this.horizon = updates / (1 - finalFraction);
    }

    /** The learning rate of update t (0-based), in double precision. */
    double valueAt(int update) {
        return start * Math.max(0.0, (horizon - update) / horizon);
    }

    /** The learning rate for DJL's 1-based update number. */
    @Override
    public float getNewValue(int numUpdate) {
        return (float) valueAt(numUpdate - 1);
    }
}
