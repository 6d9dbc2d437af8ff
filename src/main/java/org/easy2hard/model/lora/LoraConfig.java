package org.easy2hard.model.lora;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The shape of a set of LoRA adapters: rank r, scaling alpha (the update is multiplied by alpha / r), dropout on
 * the adapter's input during training, and the names of the linear projections that get an adapter.
 *
 * <p>{@link #paper()} is the paper's setting (paper-spec §5.6): r = 16, alpha = 32, dropout 0.1 on {@code q_proj}
 * and {@code v_proj}, PEFT's default modules for Llama.
 *
 * @param rank          r, the inner dimension of B A; at least 1
 * @param alpha         the scaling numerator; the adapter's output is multiplied by {@code alpha / rank}
 * @param dropout       probability of zeroing each input element of the adapter path in training, in [0, 1)
 * @param targetModules projection names as in Hugging Face checkpoints ({@code q_proj}, {@code v_proj}, ...);
 *                      not empty, no duplicates
 */
public record LoraConfig(int rank, double alpha, double dropout, List<String> targetModules) {

    /** The paper's rank. */
    public static final int PAPER_RANK = 16;
    /** The paper's alpha. */
    public static final double PAPER_ALPHA = 32;
    /** The paper's adapter dropout. */
    public static final double PAPER_DROPOUT = 0.1;
    /** PEFT's default target modules for Llama-family models, used by the paper. */
    public static final List<String> PAPER_TARGETS = List.of("q_proj", "v_proj");

    /** Checks the values and freezes the module list. */
    public LoraConfig {
        Objects.requireNonNull(targetModules, "targetModules");
        targetModules = List.copyOf(targetModules);
        if (rank < 1) {
            throw new IllegalArgumentException("LoRA rank must be at least 1: " + rank);
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("LoRA alpha must be positive and finite: " + alpha);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("LoRA dropout must be in [0, 1): " + dropout);
        }
        if (targetModules.isEmpty()) {
            throw new IllegalArgumentException("LoRA needs at least one target module");
        }
        if (targetModules.stream().distinct().count() != targetModules.size()) {
            throw new IllegalArgumentException("duplicate LoRA target modules: " + targetModules);
        }
    }

    /** r = 16, alpha = 32, dropout 0.1, {@code q_proj} and {@code v_proj}. */
    public static LoraConfig paper() {
        return new LoraConfig(PAPER_RANK, PAPER_ALPHA, PAPER_DROPOUT, PAPER_TARGETS);
    }

    /** A copy with another rank. */
    public LoraConfig withRank(int newRank) {
        return new LoraConfig(newRank, alpha, dropout, targetModules);
    }

    /** A copy with another alpha. */
    public LoraConfig withAlpha(double newAlpha) {
        return new LoraConfig(rank, newAlpha, dropout, targetModules);
    }

    /** A copy with another dropout. */
    public LoraConfig withDropout(double newDropout) {
        return new LoraConfig(rank, alpha, newDropout, targetModules);
    }

    /** A copy with other target modules. */
    public LoraConfig withTargets(List<String> modules) {
        return new LoraConfig(rank, alpha, dropout, modules);
    }

    /** The factor of the adapter's output, {@code alpha / rank} (2.0 for the paper's setting). */
    public double scale() {
        return alpha / rank;
    }

    /** The values for run manifests, keys prefixed {@code lora.}. */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("lora.rank", Integer.toString(rank));
        settings.put("lora.alpha", Double.toString(alpha));
        settings.put("lora.dropout", Double.toString(dropout));
        settings.put("lora.targets", String.join(",", targetModules));
        settings.put("lora.init", "A ~ U(-1/sqrt(in), 1/sqrt(in)) (kaiming_uniform a=sqrt(5)), B = 0");
        return settings;
    }
}
