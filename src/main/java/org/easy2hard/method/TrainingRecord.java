package org.easy2hard.method;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a fine-tuning run did: its plan, the mean training loss of every optimizer update (the loss curve), the
 * learning rate and the gradient norm (before clipping) of every update, how many micro-batches and tokens went
 * through the model, and the wall time.
 *
 * <p>Device batches are numbered 1, 2, ... across epochs, as the authors' global counter: {@code clipPoints} lists
 * after which device batches the accumulated gradient was clipped (every one under
 * {@link TrainingSchedule#PAPER}) with the norm it had, {@code updatePoints} after which ones an update followed.
 *
 * @param plan          effective batch, updates per epoch, epochs
 * @param schedule      how the plan was run
 * @param deviceBatch   items per device batch (the last of an epoch may be smaller)
 * @param accumulation  device batches per update
 * @param losses        per update, the mean loss over its batch
 * @param learningRates per update, the learning rate used
 * @param gradientNorms per update, the global gradient L2 norm before clipping
 * @param updatePoints  per update, the device batch it followed
 * @param clipPoints    device batches after which the gradient was clipped
 * @param clipNorms     per clip, the accumulated gradient's norm before it
 * @param microBatches  forward-backward passes made
 * @param tokens        tokens put through the model in training (BOS and padding excluded)
 * @param seconds       wall time of the training loop
 */
public record TrainingRecord(OptimizationPlan plan, TrainingSchedule schedule, int deviceBatch, int accumulation,
        double[] losses, double[] learningRates, double[] gradientNorms, int[] updatePoints, int[] clipPoints,
        double[] clipNorms, long microBatches, long tokens, double seconds) {

    /** Copies the arrays. */
    public TrainingRecord {
        losses = losses.clone();
        learningRates = learningRates.clone();
        gradientNorms = gradientNorms.clone();
        updatePoints = updatePoints.clone();
        clipPoints = clipPoints.clone();
        clipNorms = clipNorms.clone();
    }

    /** After which device batches an update followed (a copy). */
    @Override
    public int[] updatePoints() {
        return updatePoints.clone();
    }

    /** After which device batches the gradient was clipped (a copy). */
    @Override
    public int[] clipPoints() {
        return clipPoints.clone();
    }

    /** The accumulated gradient's norm before each clip (a copy). */
    @Override
    public double[] clipNorms() {
        return clipNorms.clone();
    }

    /** The loss curve (a copy). */
    @Override
    public double[] losses() {
        return losses.clone();
    }

    /** The learning rates (a copy). */
    @Override
    public double[] learningRates() {
        return learningRates.clone();
    }

    /** The gradient norms (a copy). */
    @Override
    public double[] gradientNorms() {
        return gradientNorms.clone();
    }

    /** Training tokens per second of wall time. */
    public double tokensPerSecond() {
        return seconds > 0 ? tokens / seconds : Double.NaN;
    }

    /**
     * The record as fit diagnostics: {@code loss.first}, {@code loss.final}, {@code updates}, {@code epochs},
     * {@code effective_batch}, {@code micro_batches}, {@code tokens}, {@code seconds}, and the whole curve as
     * {@code loss.update.0001}, {@code loss.update.0002}, ... (1-based, zero-padded so that they sort).
     */
    public Map<String, Double> diagnostics() {
        Map<String, Double> diagnostics = new LinkedHashMap<>();
        diagnostics.put("loss.first", losses.length == 0 ? Double.NaN : losses[0]);
        diagnostics.put("loss.final", losses.length == 0 ? Double.NaN : losses[losses.length - 1]);
        diagnostics.put("updates", (double) losses.length);
        diagnostics.put("epochs", (double) plan.epochs());
        diagnostics.put("effective_batch", (double) deviceBatch * accumulation);
        diagnostics.put("device_batch", (double) deviceBatch);
        diagnostics.put("accumulation", (double) accumulation);
        diagnostics.put("micro_batches", (double) microBatches);
        diagnostics.put("tokens", (double) tokens);
        diagnostics.put("seconds", seconds);
        for (int i = 0; i < losses.length; i++) {
            diagnostics.put(String.format("loss.update.%04d", i + 1), losses[i]);
        }
        return diagnostics;
    }

    /** Collects a run's record as the trainer goes. */
    static final class Builder {

        private final OptimizationPlan plan;
        private final TrainingSchedule schedule;
        private final int deviceBatch;
        private final int accumulation;
        private final double[] losses;
        private final double[] rates;
        private final double[] norms;
        private final int[] updatePoints;
        private final int[] clipPoints;
        private final double[] clipNorms;
        private int updates;
        private int clips;
        private long passes;
        private long tokens;

        Builder(OptimizationPlan plan, TrainingSchedule schedule, int deviceBatch, int accumulation, int updates,
                int deviceBatches) {
            this.plan = plan;
            this.schedule = schedule;
            this.deviceBatch = deviceBatch;
            this.accumulation = accumulation;
            this.losses = new double[updates];
            this.rates = new double[updates];
            this.norms = new double[updates];
            this.updatePoints = new int[updates];
            this.clipPoints = new int[deviceBatches];
            this.clipNorms = new double[deviceBatches];
        }

        /** One forward-backward pass over {@code passTokens} tokens. */
        void pass(long passTokens) {
            passes++;
            tokens += passTokens;
        }

        /** A clip after device batch {@code counter}, of a gradient with norm {@code norm}. */
        void clip(int counter, double norm) {
            clipPoints[clips] = counter;
            clipNorms[clips] = norm;
            clips++;
        }

        /** An update after device batch {@code counter}. */
        void update(int counter, double loss, double rate, double norm) {
            updatePoints[updates] = counter;
            losses[updates] = loss;
            rates[updates] = rate;
            norms[updates] = norm;
            updates++;
        }

        TrainingRecord build(double seconds) {
            return new TrainingRecord(plan, schedule, deviceBatch, accumulation, Arrays.copyOf(losses, updates),
                    Arrays.copyOf(rates, updates), Arrays.copyOf(norms, updates), Arrays.copyOf(updatePoints, updates),
                    Arrays.copyOf(clipPoints, clips), Arrays.copyOf(clipNorms, clips), passes, tokens, seconds);
        }
    }
}
