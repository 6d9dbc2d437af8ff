package org.easy2hard.model;

import java.util.List;

/**
 * A causal language model as the prompting and fine-tuning arms see it: log-likelihoods of continuations given a
 * context, greedy generation, and token counting for fitting prompts into the context window. Backends: a server
 * speaking the OpenAI completions protocol (vLLM, SGLang, llama.cpp's server, TGI) and the in-JVM Llama-family model
 * on DJL's PyTorch engine.
 *
 * <p>Every call takes a whole batch, so that a backend can keep many requests in flight or pad them into one tensor
 * batch; results come back in request order and must not depend on how the batch was formed. A backend prepends the
 * model's BOS token to every sequence when its tokenizer has one (paper-spec §5.1).
 *
 * <p>Language models hold resources (HTTP clients, native tensors); close them when done.
 */
public interface LanguageModel extends AutoCloseable {

    /** What computes the outputs: part of every cache key and run manifest (never a secret such as an API key). */
    ModelIdentity identity();

    /**
     * The most tokens one sequence (BOS + context + continuation, or prompt + generated tokens) may have: the
     * smaller of the model's window and the configured limit (2,048 in the paper).
     */
    int contextLength();

    /**
     * How many tokens each text has under the model's tokenizer, without special tokens: what prompt builders use
     * to drop demonstrations that would not fit in {@link #contextLength()}.
     *
     * @param texts    the texts; may be empty
     * @param progress told how many texts are counted
     * @return one count per text, in order
     */
    int[] tokenCounts(List<String> texts, Progress progress);

    /**
     * Log-probabilities of each request's continuation given its context: the sum over the continuation's tokens
     * of log p(token | everything before it), natural logarithm, no length normalisation (paper-spec §5.3).
     *
     * @param requests the (context, continuation) pairs; may be empty
     * @param progress told how many requests are done
     * @return one result per request, in order
     * @throws LanguageModelException when the backend cannot score (e.g. a server that returns no prompt log-probs)
     */
    List<LogLikelihood> logLikelihoods(List<LogLikelihoodRequest> requests, Progress progress);

    /**
     * Greedy (temperature 0) continuations of each prompt, cut before the first stop string and after at most the
     * request's token limit.
     *
     * @param requests the prompts with their limits; may be empty
     * @param progress told how many requests are done
     * @return one generation per request, in order
     */
    List<Generation> generate(List<GenerationRequest> requests, Progress progress);

    /** As {@link #logLikelihoods(List, Progress)} without progress reports. */
    default List<LogLikelihood> logLikelihoods(List<LogLikelihoodRequest> requests) {
        return logLikelihoods(requests, Progress.NONE);
    }

    /** As {@link #generate(List, Progress)} without progress reports. */
    default List<Generation> generate(List<GenerationRequest> requests) {
        return generate(requests, Progress.NONE);
    }

    /** Releases resources; the model cannot be used afterwards. */
    @Override
    void close();
}
