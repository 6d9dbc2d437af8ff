package org.easy2hard.model;

/**
 * Which hidden states an encoder returns, counted as Hugging Face counts {@code hidden_states}: index 0 is the
 * embedding layer's output and index i (1..L) the output of transformer block i, so a model with L blocks has
 * L + 1 hidden states and the last one is {@code last_hidden_state}.
 */
public enum Layers {

    /** The last hidden state only (index L): what the model was trained to produce. */
    LAST,

    /**
     * The middle hidden state (index ceil((L+1)/2)) followed by the last (index L), concatenated after pooling, as
     * the paper's probes use middle and last layer together. For 12 blocks: 7 and 12; for 6 blocks: 4 and 6.
     */
    MIDDLE_AND_LAST;

    /** The hidden-state indices this choice selects for a model with {@code blocks} transformer blocks. */
    public int[] hiddenStates(int blocks) {
        if (blocks < 1) {
            throw new IllegalArgumentException("a model needs at least one block, not " + blocks);
        }
        return switch (this) {
            case LAST -> new int[] {blocks};
            case MIDDLE_AND_LAST -> new int[] {middle(blocks), blocks};
        };
    }

    /** The middle hidden-state index, ceil((L+1)/2), for a model with {@code blocks} blocks. */
    public static int middle(int blocks) {
        // ceil((L+1)/2) in integer arithmetic
        return (blocks + 2) / 2;
    }
}
