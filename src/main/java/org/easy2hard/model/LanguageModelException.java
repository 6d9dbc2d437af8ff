package org.easy2hard.model;

/**
 * A language model could not answer: a server that returns no prompt log-probabilities, a request that does not fit
 * the context window, a model directory with missing or mismatched tensors. The message says what and where.
 */
public class LanguageModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error with a message naming what failed. */
    public LanguageModelException(String message) {
        super(message);
    }

    /** An error with a message and its cause. */
    public LanguageModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
