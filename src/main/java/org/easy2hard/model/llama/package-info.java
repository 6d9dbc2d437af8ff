/**
 * A Llama-family causal language model inside the JVM (Llama 2/3, SmolLM, TinyLlama, Mistral, Qwen2), on DJL's
 * NDArray API and PyTorch engine: CPU here, CUDA where DJL loads a CUDA libtorch. It is both a
 * {@link org.easy2hard.model.LanguageModel} (zero-shot, ICL and CoT prompting) and an
 * {@link org.easy2hard.model.Encoder} (the linear probe's features), and the base the fine-tuning arm trains
 * adapters on. Depends only on {@code org.easy2hard.model}, {@code org.easy2hard.io} and its own
 * {@link org.easy2hard.model.llama.internal}.
 *
 * <pre>{@code
 * try (LlamaModel model = LlamaModel.builder().setModel(ModelReference.parse("hf:HuggingFaceTB/SmolLM2-360M")).build()) { // or a Path
 *     List<LogLikelihood> scores = model.logLikelihoods(requests, progress);   // BOS + context + continuation
 *     List<Generation> answers = model.generate(generationRequests, progress); // greedy, KV cache, stop strings
 *     float[][] features = model.encode(texts);                                // middle + last layer, final token
 * }
 * }</pre>
 *
 * <p>The public surface is {@link org.easy2hard.model.llama.LlamaModel} and its builder, plus what a user of it
 * meets: {@link org.easy2hard.model.llama.BosRule} (a builder option), {@link org.easy2hard.model.llama.LlamaTokenizer}
 * ({@code LlamaModel.tokenizer()}), {@link org.easy2hard.model.llama.MemoryBudget} (the batch memory budget and its
 * {@code EASY2HARD_MEMORY_BUDGET} variable) and {@link org.easy2hard.model.llama.HubDownloader} /
 * {@link org.easy2hard.model.llama.HubReference} (fetching {@code hf:} repositories ahead of time). The decoder, the
 * checkpoint reader and writer, the memory estimate and the layer placement are in
 * {@link org.easy2hard.model.llama.internal}, which is not API ({@code model.lora} uses it).
 *
 * <ul>
 *   <li>{@link org.easy2hard.model.llama.LlamaModel}: the backend and its builder (a parsed
 *       {@link org.easy2hard.model.ModelReference} or a model directory, context length (default 2,048, capped by
 *       the model's window), batch size, device, hidden states); its {@link org.easy2hard.model.ModelIdentity} names
 *       the repository or directory, the resolved commit, the weights' SHA-256, stored dtypes and every
 *       output-changing setting. It delegates to package-private parts along the seams of the work:
 *       {@code ModelLoader} (directory or download, hashes, environment, device, network), {@code Scoring},
 *       {@code Generator}, {@code Features} and {@code BatchPlan} (batches sized to the memory budget, the estimate
 *       printed once per plan, out-of-memory errors that name the setting to lower).</li>
 *   <li>{@link org.easy2hard.model.llama.LlamaTokenizer}: {@code tokenizer.json} through DJL's Hugging Face
 *       tokenizer; BOS by {@link org.easy2hard.model.llama.BosRule} (default the paper's {@code bos_token_id}
 *       rule, §5.1); options tokenized on their own without a leading space by default
 *       ({@link org.easy2hard.model.OptionTokens#AUTHORS}, §5.3); EOS ids from {@code config.json} and
 *       {@code generation_config.json}; {@code clean_up_tokenization_spaces} honoured when decoding. Tested on the
 *       real Llama-2, Llama-3 and Qwen3 vocabularies against transformers.js and llama.cpp.</li>
 *   <li>{@link org.easy2hard.model.llama.HubDownloader} and {@link org.easy2hard.model.llama.HubReference}:
 *       {@code hf:} references fetched into {@code <cache>/models/hf/} with resume, the hub's SHA-256 checked,
 *       atomic renames; {@code HF_ENDPOINT} and {@code HF_TOKEN} honoured (the token goes to the hub's host
 *       only).</li>
 * </ul>
 *
 * <p>Computation is float32, or float16 on request (matrix products in half precision, norms, softmax and
 * log-probabilities in float32; bfloat16 is not reachable through DJL); the batch memory is predicted before work
 * starts and batches are split to fit the {@link org.easy2hard.model.llama.MemoryBudget}; several devices can share
 * the blocks ({@code EASY2HARD_DEVICES=all}). On a CPU shared with other work, set {@code OMP_WAIT_POLICY=PASSIVE}
 * (or fewer PyTorch threads, {@code -Dai.djl.pytorch.num_threads}): spinning OpenMP threads slowed scoring
 * twentyfold on the loaded build machine. {@code bench/llama-bench.sh} measures scoring and generation speed.
 */
package org.easy2hard.model.llama;

import org.easy2hard.model.llama.internal.ComputeTypes;
import org.easy2hard.model.llama.internal.KvCache;
import org.easy2hard.model.llama.internal.LayerPlacement;
import org.easy2hard.model.llama.internal.LinearHook;
import org.easy2hard.model.llama.internal.LlamaConfig;
import org.easy2hard.model.llama.internal.LlamaNetwork;
import org.easy2hard.model.llama.internal.MemoryEstimate;
import org.easy2hard.model.llama.internal.PaddedBatch;
import org.easy2hard.model.llama.internal.SafeTensors;
import org.easy2hard.model.llama.internal.SafeTensorsWriter;
