/**
 * Causal language models and encoders behind a server speaking the OpenAI protocol — vLLM (one GPU, a model spread
 * over several GPUs or nodes with tensor/pipeline parallelism, or several replicas), SGLang, TGI, llama.cpp's server:
 * the toolkit is the client, the server is the engine.
 *
 * <ul>
 *   <li>{@link org.easy2hard.model.openai.OpenAiCompatibleModel}: a {@link org.easy2hard.model.LanguageModel} over
 *       {@code /v1/completions} — continuation log-likelihoods from the echoed prompt's log-probs (the legacy
 *       {@code logprobs} layout or vLLM's {@code prompt_logprobs}), greedy generation with stop strings, token counts
 *       from {@code /tokenize}.</li>
 *   <li>{@link org.easy2hard.model.openai.OpenAiEmbeddingEncoder}: an {@link org.easy2hard.model.Encoder} over
 *       {@code /v1/embeddings} (a model served for embeddings, e.g. last-token hidden states), so the linear probe
 *       runs on it.</li>
 * </ul>
 *
 * <p>Both keep up to {@code maxInFlight} requests in flight (default 64) spread over the replicas (fewest outstanding
 * first), retry 408/429/5xx, refused or dropped connections and timeouts with exponential backoff and jitter
 * (honouring {@code Retry-After}), fail at once with the server's message on other 4xx, and look every request up in
 * the {@link org.easy2hard.model.RequestCache} before sending it: an interrupted run resumes where it stopped, and
 * results are the same whatever the batch size, the number in flight or the replica that answered. The API key is
 * read from {@code $OPENAI_API_KEY} (or the variable named), sent only in the {@code Authorization} header and never
 * written to a cache key, cache entry, identity, manifest, exception message or {@code toString}.
 *
 * <pre>{@code
 * // vllm serve meta-llama/Llama-2-7b-hf --port 8000                      (one GPU)
 * // vllm serve meta-llama/Llama-2-70b-hf --tensor-parallel-size 4       (one model over four GPUs)
 * // or several such servers on ports 8000, 8001, ... as replicas
 * try (LanguageModel model = OpenAiCompatibleModel.builder()
 *         .setModel("meta-llama/Llama-2-7b-hf")                              // the served model name
 *         .setBaseUrls("http://gpu1:8000/v1", "http://gpu2:8000/v1")         // replicas
 *         .optRevision("01c7f73d771dfac7d292323805ebc428287df4f9")           // the weights' commit, for provenance
 *         .optContextLength(2048)
 *         .build()) {
 *     List<LogLikelihood> scores = model.logLikelihoods(List.of(
 *             new LogLikelihoodRequest("Question: ...\nAnswer:", " photosynthesis"),
 *             new LogLikelihoodRequest("Question: ...\nAnswer:", " respiration")));
 *     List<Generation> thoughts = model.generate(List.of(
 *             new GenerationRequest("Q: ...\nA: Let's think step by step.", 300, List.of("\n\nQ:"))));
 * }
 * }</pre>
 */
package org.easy2hard.model.openai;
