package org.easy2hard.model;

import java.util.Objects;

/**
 * One scoring request: how probable is {@code continuation} right after {@code context}?
 *
 * <p>The continuation is scored as written, including a leading space when the caller puts one there (the paper's
 * option text follows {@code "Answer:"} with a space, so prompt builders pass {@code " " + option}). Backends that
 * tokenize context and continuation separately (the in-JVM model) and those that tokenize the joined text and split
 * it at the context's last character (a completions server echoing the prompt) can differ by a merge across the
 * boundary; both document which they do.
 *
 * @param context      the text before the continuation (the prompt); may be empty
 * @param continuation the text whose log-probability is wanted; not empty
 */
public record LogLikelihoodRequest(String context, String continuation) {

    /** Checks that the continuation is not empty. */
    public LogLikelihoodRequest {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(continuation, "continuation");
        if (continuation.isEmpty()) {
            throw new IllegalArgumentException("continuation must not be empty");
        }
    }
}
