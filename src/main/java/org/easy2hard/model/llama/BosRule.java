package org.easy2hard.model.llama;

/** Which beginning-of-sequence token goes before every scored, generated or encoded sequence. */
public enum BosRule {

    /**
     * The paper's rule: prepend {@code tokenizer.bos_token_id} whenever it is not None (the {@code bos_token} of
     * {@code tokenizer_config.json}; without that file, the config's {@code bos_token_id}). Qwen has none.
     */
    AUTHORS("authors"),

    /**
     * What Hugging Face's {@code tokenizer(text)} adds: the special tokens the tokenizer's post-processor template
     * puts before a text (Llama 2: {@code <s>}; Qwen and GPT-2-style byte-level files: none).
     */
    TOKENIZER_TEMPLATE("tokenizer-template"),

    /** No BOS (lm-evaluation-harness's default for causal models). */
    NONE("none");

    private final String label;

    BosRule(String label) {
        this.label = label;
    }

    /** The name written into model identities and manifests. */
    public String label() {
        return label;
    }
}
