/**
 * Prompting a causal language model as the paper does ({@code decoding}, paper-spec §5.2–5.4, §5.7), against the
 * {@link org.easy2hard.model.LanguageModel} contract only (an OpenAI-compatible server or the in-JVM model):
 * {@link org.easy2hard.method.prompt.PromptFormat} (the formats 0040, 0306, 0305 and 5305 with the authors' strings
 * and whitespace rules), demonstration truncation to the context length, option scoring by summed log-probabilities
 * with a softmax, {@link org.easy2hard.method.prompt.AnswerExtraction} and
 * {@link org.easy2hard.method.prompt.AnswerCheck} (the paper's answer rule beside a strict and a flexible extractor),
 * and {@link org.easy2hard.method.prompt.PromptingMethod}: zero-shot (the unsupervised arm), in-context learning and
 * chain of thought as {@link org.easy2hard.method.MultipleChoiceMethod}s the experiment runner uses like the probe.
 *
 * <p>A sub-package of {@code method} because prompting brings its own vocabulary (formats, demonstrations,
 * extraction) that the encoder methods do not share; it uses {@code method}'s interfaces, {@code model} and
 * {@code data}, and nothing above.
 */
package org.easy2hard.method.prompt;
