package org.easy2hard.model.llama.internal;

import ai.djl.ndarray.NDArray;

/**
 * Adds a term to a decoder projection: every projection computes {@code y = x·Wᵀ (+ b) + hook.delta(layer,
 * projection, x)}. This is where low-rank adapters plug in ({@code delta = (α/r)·(dropout(x)·Aᵀ)·Bᵀ}) without
 * changing the decoder; the base weights stay frozen (they never require gradients).
 *
 * <p>The delta must be computed from {@code x} with differentiable NDArray operations when it is to be trained, and
 * must have the projection's output shape ({@code x}'s shape with the last dimension replaced by the projection's
 * output width). Make {@code x} the first operand of the first operation (e.g. {@code x.matMul(aT)}) so that the
 * result belongs to the caller's per-batch NDManager and is freed with it.
 */
@FunctionalInterface
public interface LinearHook {

    /** Adds nothing. */
    LinearHook NONE = (layer, projection, input) -> null;

    /**
     * The term to add to a projection's output.
     *
     * @param layer      the block, 0-based
     * @param projection which projection
     * @param input      the projection's input, shape [batch, tokens, in]
     * @return the term to add ([batch, tokens, out]), or null to add nothing
     */
    NDArray delta(int layer, Projection projection, NDArray input);
}
