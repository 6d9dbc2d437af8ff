/**
 * Ways of answering multiple-choice items ({@link org.easy2hard.method.MultipleChoiceMethod}): the paper's linear
 * probe on an encoder's features ({@link org.easy2hard.method.LinearProbeMethod}, name {@code learned}, trained by
 * {@link org.easy2hard.method.LinearProbe} with DJL on the PyTorch engine), the texts it takes features of
 * ({@link org.easy2hard.method.FeatureTemplate}), and the unsupervised encoder baseline
 * ({@link org.easy2hard.method.SimilarityBaseline}, in the role of the paper's zero-shot {@code decoding}).
 * Prompting a causal language model (zero-shot, in-context learning, chain of thought) lives in the sub-package
 * {@code method.prompt}.
 *
 * <p>The fine-tuning arm ({@link org.easy2hard.method.FineTuningMethod}, name {@code finetuned}, paper-spec §5.6):
 * fresh LoRA adapters per fit on an {@link org.easy2hard.model.lora.AdaptableLanguageModel}, trained by
 * {@link org.easy2hard.method.LoraTrainer} (AdamW with decoupled weight decay, linear decay toward 10%, gradient-norm
 * clipping, gradient accumulation over micro-batches sized to a memory budget, the paper's
 * {@link org.easy2hard.method.OptimizationPlan} run by default as the authors' loop,
 * {@link org.easy2hard.method.TrainingSchedule#PAPER}) on the multiple-choice or chain-of-thought objective; answers
 * through the adapted model's {@link org.easy2hard.model.LanguageModel} view. Its
 * {@link org.easy2hard.method.TrainingRecord} (the loss per update) goes into the fit diagnostics and, with an adapter directory, next to the saved adapters.
 *
 * <p>Methods borrow their {@link org.easy2hard.model.Encoder} or model; they never close it. Uses {@code model} and
 * {@code data}.
 */
package org.easy2hard.method;
