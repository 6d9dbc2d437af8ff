/**
 * Models: the {@link org.easy2hard.model.Encoder} interface (text in, hidden-state features out), its DJL / ONNX
 * Runtime implementation for the encoders bundled in Maven jars or found in a local directory, the
 * {@link org.easy2hard.model.LanguageModel} interface (log-likelihoods, greedy generation, token counts) with two
 * backends, a server client in {@link org.easy2hard.model.openai} and the in-JVM Llama-family model in
 * {@link org.easy2hard.model.llama} (DJL PyTorch engine; local or {@code hf:} weights; both a language model and an
 * encoder), model identities for provenance, and the on-disk feature and request caches. Knows nothing of datasets,
 * methods or notebooks.
 *
 * <pre>{@code
 * try (Encoder encoder = FeatureCache.fromSettings().wrap(
 *         OnnxEncoder.builder().setModel(BundledModel.BGE_SMALL_EN_V15).build())) {
 *     float[][] features = encoder.encode(texts, progress);   // cached texts are read, the rest computed
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link org.easy2hard.model.ModelReference}: what a model string names (bundled encoder, ONNX directory,
 *       {@code hf:} repository, causal LM directory, server {@code URL[,URL...]#NAME}), parsed once with one-line
 *       refusals; {@link org.easy2hard.model.ModelEnvironment}: the one variable that names a model,
 *       {@code EASY2HARD_MODEL} (the deprecated {@code EASY2HARD_LM_URL}/{@code EASY2HARD_LM_MODEL} still read, with
 *       a warning). {@link org.easy2hard.model.open.ModelOpener} opens a reference.</li>
 *   <li>{@link org.easy2hard.model.OnnxEncoder}: DJL's ONNX Runtime engine and Hugging Face tokenizer; pooling
 *       ({@link org.easy2hard.model.Pooling}) and layer choice ({@link org.easy2hard.model.Layers}: by default the
 *       middle hidden state, exposed by editing the graph's output list, concatenated with the last).</li>
 *   <li>{@link org.easy2hard.model.CachingEncoder} over a {@link org.easy2hard.model.FeatureCache}: features keyed by
 *       model identity (weights hash and output-changing settings) and exact text, checksummed, written atomically.
 *       </li>
 *   <li>{@link org.easy2hard.model.RequestCache}: a language-model server's answers keyed by model identity and the
 *       canonical request (never the server's address or API key), checksummed, written atomically; what makes a
 *       run against a server resumable and independent of batching and replicas. Both caches are one
 *       {@link org.easy2hard.io.ContentStore} (layout, checksum, atomic write, repair) with their own payload codec.
 *       </li>
 *   <li>{@link org.easy2hard.model.openai}: {@code OpenAiCompatibleModel} and {@code OpenAiEmbeddingEncoder}, clients
 *       of vLLM and other OpenAI-compatible servers.</li>
 *   <li>{@link org.easy2hard.model.CacheDirectory}: where cached features, server answers and model copies live
 *       ({@code -Deasy2hard.cache.dir}, {@code EASY2HARD_CACHE_DIR}, else {@code ~/.cache/easy2hard}).</li>
 * </ul>
 *
 * <p>Every JVM that builds an encoder must run with {@code -Dai.djl.offline=true} and {@code OPT_OUT_TRACKING=true}
 * (DJL contacts the network at first use otherwise); {@link org.easy2hard.model.OnnxEncoder} refuses to start
 * without them.
 */
package org.easy2hard.model;
