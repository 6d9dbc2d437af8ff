/**
 * <b>Not API.</b> The decoder behind {@link org.easy2hard.model.llama.LlamaModel}: public only because
 * {@code model.llama} and {@code model.lora} (adapters hook into the projections and train through the forward pass)
 * need it across packages. Anything here may change without notice; use {@code LlamaModel} and its builder.
 *
 * <ul>
 *   <li>{@link org.easy2hard.model.llama.internal.LlamaNetwork}: the differentiable forward pass (RMSNorm, rotate-half
 *       rotary embeddings with llama3 or linear scaling, grouped-query attention with causal and padding masks,
 *       SwiGLU, tied or untied head) over left-padded {@link org.easy2hard.model.llama.internal.PaddedBatch}es, with a
 *       {@link org.easy2hard.model.llama.internal.KvCache} for generation and a
 *       {@link org.easy2hard.model.llama.internal.LinearHook} on every {@link org.easy2hard.model.llama.internal.Projection}
 *       (y = x·Wᵀ + b + hook) where adapters add their terms; base weights stay frozen.
 *       {@link org.easy2hard.model.llama.internal.LlamaWeights} builds it: the tensors a config implies, a
 *       checkpoint checked against them and loaded, or random weights of the same shapes.</li>
 *   <li>{@link org.easy2hard.model.llama.internal.LlamaConfig}: {@code config.json} (llama, mistral, qwen2; rope
 *       settings top-level or in transformers 5's {@code rope_parameters}), with clear refusals of what the decoder
 *       does not implement.</li>
 *   <li>{@link org.easy2hard.model.llama.internal.SafeTensors} /
 *       {@link org.easy2hard.model.llama.internal.SafeTensorsWriter} (with {@link org.easy2hard.model.llama.internal.HostTensor}
 *       and {@link org.easy2hard.model.llama.internal.HalfFloats}): single-file and sharded checkpoints, F32/F16/BF16
 *       read as float32 (tensors over 1 GiB of float32 in pieces, so those over 2 GiB load), validated headers;
 *       atomic writing (tests' tiny models, adapters).</li>
 *   <li>{@link org.easy2hard.model.llama.internal.ComputeTypes} (float32 or float16 matrix products; bfloat16 is not
 *       reachable through DJL), {@link org.easy2hard.model.llama.internal.MemoryEstimate} (the device memory of a
 *       batch) and {@link org.easy2hard.model.llama.internal.LayerPlacement} (blocks spread over several devices).</li>
 * </ul>
 * Depends on {@code org.easy2hard.model} and {@code org.easy2hard.io}, never on {@code model.llama}.
 */
package org.easy2hard.model.llama.internal;
