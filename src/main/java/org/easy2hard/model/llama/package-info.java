/**
 * A Llama-family causal language model inside the JVM (Llama 2/3, SmolLM, TinyLlama, Mistral, Qwen2), on DJL's
 * NDArray API and PyTorch engine: CPU here, CUDA where DJL loads a CUDA libtorch. It is both a
 * {@link org.easy2hard.model.LanguageModel} (zero-shot, ICL and CoT prompting) and an
 * {@link org.easy2hard.model.Encoder} (the linear probe's features), and the base the fine-tuning arm trains
 * adapters on. Depends only on {@code org.easy2hard.model} and {@code org.easy2hard.io}.
 *
 * <pre>{@code
 * try (LlamaModel model = LlamaModel.builder().setModel(ModelReference.parse("hf:HuggingFaceTB/SmolLM2-360M")).build()) { // or a Path
 *     List<LogLikelihood> scores = model.logLikelihoods(requests, progress);   // BOS + context + continuation
 *     List<Generation> answers = model.generate(generationRequests, progress); // greedy, KV cache, stop strings
 *     float[][] features = model.encode(texts);                                // middle + last layer, final token
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link org.easy2hard.model.llama.LlamaModel}: the backend and its builder (model directory or
 *       {@code hf:owner/name[@revision]}, context length (default 2,048, capped by the model's window), batch size,
 *       device, hidden states); its {@link org.easy2hard.model.ModelIdentity} names the repository or directory,
 *       the resolved commit, the weights' SHA-256, stored dtypes and every output-changing setting.</li>
 *   <li>{@link org.easy2hard.model.llama.LlamaNetwork}: the differentiable forward pass (RMSNorm, rotate-half
 *       rotary embeddings with llama3 or linear scaling, grouped-query attention with causal and padding masks,
 *       SwiGLU, tied or untied head) over left-padded {@link org.easy2hard.model.llama.PaddedBatch}es, with a
 *       {@link org.easy2hard.model.llama.KvCache} for generation and a {@link org.easy2hard.model.llama.LinearHook}
 *       on every projection (y = x·Wᵀ + b + hook) where adapters add their terms; base weights stay frozen.</li>
 *   <li>{@link org.easy2hard.model.llama.LlamaTokenizer}: {@code tokenizer.json} through DJL's Hugging Face
 *       tokenizer; BOS by {@link org.easy2hard.model.llama.BosRule} (default the paper's {@code bos_token_id}
 *       rule, §5.1); options tokenized on their own without a leading space by default
 *       ({@link org.easy2hard.model.OptionTokens#AUTHORS}, §5.3); EOS ids from {@code config.json} and
 *       {@code generation_config.json}; {@code clean_up_tokenization_spaces} honoured when decoding. Tested on the
 *       real Llama-2, Llama-3 and Qwen3 vocabularies against transformers.js and llama.cpp.</li>
 *   <li>{@link org.easy2hard.model.llama.LlamaConfig}: {@code config.json} (llama, mistral, qwen2; rope settings
 *       top-level or in transformers 5's {@code rope_parameters}), with clear refusals of what the decoder does not
 *       implement.</li>
 *   <li>{@link org.easy2hard.model.llama.SafeTensors} / {@link org.easy2hard.model.llama.SafeTensorsWriter}:
 *       single-file and sharded checkpoints, F32/F16/BF16 read as float32 (tensors over 1 GiB of float32 in pieces,
 *       so those over 2 GiB load), validated headers; atomic writing (tests' tiny models, adapters).</li>
 *   <li>{@link org.easy2hard.model.llama.HubDownloader} and {@link org.easy2hard.model.llama.HubReference}:
 *       {@code hf:} references fetched into {@code <cache>/models/hf/} with resume, the hub's SHA-256 checked,
 *       atomic renames; {@code HF_ENDPOINT} and {@code HF_TOKEN} honoured (the token goes to the hub's host
 *       only).</li>
 * </ul>
 *
 * <p>Computation is float32, or float16 on request ({@link org.easy2hard.model.llama.ComputeTypes}: matrix products
 * in half precision, norms, softmax and log-probabilities in float32; bfloat16 is not reachable through DJL);
 * {@link org.easy2hard.model.llama.MemoryEstimate} predicts the device memory of a batch, and
 * {@link org.easy2hard.model.llama.LayerPlacement} spreads the blocks over several devices. On a CPU shared with other work, set {@code OMP_WAIT_POLICY=PASSIVE} (or fewer
 * PyTorch threads, {@code -Dai.djl.pytorch.num_threads}): spinning OpenMP threads slowed scoring twentyfold on the
 * loaded build machine. {@code bench/llama-bench.sh} measures scoring and generation speed.
 */
package org.easy2hard.model.llama;
