package org.easy2hard.model;

/**
 * How a scoring backend turns a {@link LogLikelihoodRequest}'s continuation (an option, written with the space that
 * separates it from the prompt: {@code " Paris"}) into the tokens it scores.
 */
public enum OptionTokens {

    /**
     * The paper's rule (the authors' {@code make_LM_batch}: {@code tokenizer.encode(answer, add_special_tokens=False)},
     * "DO NOT ADD SPACE BEFORE ANSWER"): the prompt is tokenized on its own, then the option text without its one
     * leading space is tokenized on its own and appended. SentencePiece tokenizers then score {@code "▁Paris"}
     * (their word-start mark is the space); byte-level BPE tokenizers (Llama 3, Qwen2, SmolLM2) score {@code "Paris"}
     * after whatever the prompt ends with ({@code "Ġ"} when the prompt keeps its trailing space).
     */
    AUTHORS("authors"),

    /**
     * lm-evaluation-harness's split: trailing whitespace of the context moves to the continuation, the joined text
     * is tokenized, and the tokens after the context's own tokens are the continuation's. It scores the tokens of
     * the natural text ({@code "ĠParis"} after {@code "Answer:"}), not the paper's.
     */
    JOINT("lm-eval-joint");

    private final String label;

    OptionTokens(String label) {
        this.label = label;
    }

    /** The name written into model identities and manifests. */
    public String label() {
        return label;
    }

    /** The option text the {@link #AUTHORS} rule tokenizes: the continuation without one leading space. */
    public static String answerText(String continuation) {
        return continuation.startsWith(" ") ? continuation.substring(1) : continuation;
    }
}
