/**
 * Ways of answering multiple-choice items ({@link org.easy2hard.method.MultipleChoiceMethod}): the paper's linear
 * probe on an encoder's features ({@link org.easy2hard.method.LinearProbeMethod}, name {@code learned}, trained by
 * {@link org.easy2hard.method.LinearProbe} with DJL on the PyTorch engine), the texts it takes features of
 * ({@link org.easy2hard.method.FeatureTemplate}), and the unsupervised encoder baseline
 * ({@link org.easy2hard.method.SimilarityBaseline}, in the role of the paper's zero-shot {@code decoding}).
 * Prompting a causal language model (zero-shot, in-context learning, chain of thought) lives in the sub-package
 * {@code method.prompt}. Methods borrow their {@link org.easy2hard.model.Encoder} or language model; they never close
 * it. Uses {@code model} and {@code data}.
 */
package org.easy2hard.method;
