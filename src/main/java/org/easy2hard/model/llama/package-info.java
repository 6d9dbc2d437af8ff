/**
 * A Llama-family causal language model inside the JVM (Llama, SmolLM, Mistral, Qwen2), on DJL's NDArray API and
 * PyTorch engine: CPU here, CUDA when a CUDA libtorch is present. Depends only on {@code org.easy2hard.model} and
 * {@code org.easy2hard.io}.
 *
 * <ul>
 *   <li>{@link org.easy2hard.model.llama.SafeTensors} / {@link org.easy2hard.model.llama.SafeTensorsWriter}:
 *       single-file and sharded checkpoints, F32/F16/BF16 read as float32, validated headers; F32 writing (tests'
 *       tiny models, adapters).</li>
 *   <li>{@link org.easy2hard.model.llama.LlamaConfig}: {@code config.json}, with clear refusals of what the decoder
 *       does not implement.</li>
 *   <li>{@link org.easy2hard.model.llama.LlamaNetwork}: the differentiable forward pass (RMSNorm, rotary
 *       embeddings, grouped-query attention with causal and padding masks, SwiGLU, tied or untied head), left-padded
 *       batches ({@link org.easy2hard.model.llama.PaddedBatch}), a key/value cache
 *       ({@link org.easy2hard.model.llama.KvCache}), and a {@link org.easy2hard.model.llama.LinearHook} on every
 *       projection where adapters add their terms.</li>
 * </ul>
 */
package org.easy2hard.model.llama;
