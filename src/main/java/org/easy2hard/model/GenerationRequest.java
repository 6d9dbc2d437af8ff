package org.easy2hard.model;

import java.util.List;
import java.util.Objects;

/**
 * One greedy-generation request.
 *
 * @param prompt    the text to continue
 * @param maxTokens the most new tokens to generate (100 for StrategyQA and 300 for GSM8k chain of thought), &ge; 1
 * @param stop      strings that end the generation; the returned text stops before the first one (may be empty)
 */
public record GenerationRequest(String prompt, int maxTokens, List<String> stop) {

    /** Validates the limit and copies the stop strings. */
    public GenerationRequest {
        Objects.requireNonNull(prompt, "prompt");
        stop = List.copyOf(stop);
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1, was " + maxTokens);
        }
        for (String s : stop) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("stop strings must not be empty");
            }
        }
    }
}
