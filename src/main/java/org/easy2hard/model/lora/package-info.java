/**
 * Low-rank adapters (LoRA, as PEFT implements them) on a causal language model's linear projections, on DJL's
 * PyTorch engine: the adapter tensors and their storage, and the view of a model that training needs. It uses the
 * in-JVM model's decoder through {@code org.easy2hard.model.llama.internal} (not API), which is why that package's
 * types are public.
 *
 * <ul>
 *   <li>{@link org.easy2hard.model.lora.LoraConfig}: rank, alpha, dropout, target modules ({@code paper()}: r 16,
 *       alpha 32, dropout 0.1 on {@code q_proj} and {@code v_proj}, paper-spec §5.6).</li>
 *   <li>{@link org.easy2hard.model.lora.LoraAdapters}: A (Kaiming-uniform from a seed) and B (zero) per
 *       {@link org.easy2hard.model.lora.LoraTarget}, the term {@code (alpha/r) dropout(x) A^T B^T} each adapted
 *       projection adds, training / evaluation modes (dropout masks drawn in Java from a seed), and storage as
 *       {@code adapter_model.safetensors} + {@code adapter_config.json} (PEFT's names and fields, plus the base model's
 *       identity and the seed; the file format is the package-private {@code PeftFiles}).</li>
 *   <li>{@link org.easy2hard.model.lora.AdaptableLanguageModel}: what fine-tuning needs of a model (tokens,
 *       differentiable continuation log-probabilities with adapters, a memory estimate per micro-batch, the adapted
 *       model as a {@link org.easy2hard.model.LanguageModel}); {@link org.easy2hard.model.lora.LoraLlama} implements it
 *       for the in-JVM Llama-family model through its projection hook.</li>
 * </ul>
 *
 * <p>Training itself (optimizer, schedule, accumulation, objectives) is in {@code org.easy2hard.method}
 * ({@code LoraTrainer}, {@code FineTuningMethod}).
 *
 * <p><b>A DJL pitfall this package avoids</b>: on the CPU, {@code NDArray.mul(Number)} (and {@code div}, {@code pow},
 * ...) wraps the scalar around a JVM buffer and frees it right after the operation, while autograd keeps it for the
 * backward pass, which then reads freed memory. Scalars inside a recorded computation come from
 * {@link org.easy2hard.model.lora.LoraAdapters#scalar}.
 */
package org.easy2hard.model.lora;
