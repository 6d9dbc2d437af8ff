package org.easy2hard.model;

import java.util.Objects;

/**
 * A generated continuation.
 *
 * @param text         the new text, cut before the first stop string
 * @param tokens       how many tokens were generated (including those cut with the stop string, when known)
 * @param finishReason why generation ended: {@link #STOP} (a stop string or end-of-sequence token) or
 *                     {@link #LENGTH} (the token limit or the context window)
 */
public record Generation(String text, int tokens, String finishReason) {

    /** Generation ended at a stop string or at the end-of-sequence token. */
    public static final String STOP = "stop";

    /** Generation ended at the token limit or the end of the context window. */
    public static final String LENGTH = "length";

    /** Checks the fields. */
    public Generation {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finishReason, "finishReason");
        if (tokens < 0) {
            throw new IllegalArgumentException("tokens must be >= 0, was " + tokens);
        }
    }
}
