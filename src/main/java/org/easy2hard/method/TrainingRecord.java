package org.easy2hard.method;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a fine-tuning run did: its plan, the mean training loss of every optimizer update (the loss curve), the
 * learning rate and the gradient norm (before clipping) of every update, how many micro-batches and tokens went
 * through the model, and the wall time.
 *
 * @param plan          effective batch, updates per epoch, epochs
 * @param losses        per update, the mean loss over its batch
 * @param learningRates per update, the learning rate used
 * @param gradientNorms per update, the global gradient L2 norm before clipping
 * @param microBatches  forward-backward passes made
 * @param tokens        tokens put through the model in training (BOS and padding excluded)
 * @param seconds       wall time of the training loop
 */
public record TrainingRecord(OptimizationPlan plan, double[] losses, double[] learningRates, double[] gradientNorms,
        long microBatches, long tokens, double seconds) {

    /** Copies the arrays. */
    public TrainingRecord {
        losses = losses.clone();
        learningRates = learningRates.clone();
        gradientNorms = gradientNorms.clone();
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
        diagnostics.put("effective_batch", (double) plan.effectiveBatch());
        diagnostics.put("micro_batches", (double) microBatches);
        diagnostics.put("tokens", (double) tokens);
        diagnostics.put("seconds", seconds);
        for (int i = 0; i < losses.length; i++) {
            diagnostics.put(String.format("loss.update.%04d", i + 1), losses[i]);
        }
        return diagnostics;
    }
}
