/**
 * Opening a parsed {@link org.easy2hard.model.ModelReference}: {@link org.easy2hard.model.open.ModelOpener} turns a
 * reference into an encoder ({@code OnnxEncoder} or the in-JVM causal LM's hidden states), a language model (the
 * in-JVM {@code LlamaModel} or an OpenAI-compatible server client) or the {@code LlamaModel} itself, refusing a
 * kind that cannot serve the use with one line. It sits above {@code model}, {@code model.llama} and
 * {@code model.openai} because it needs all three, and they depend on {@code model}; the command line, the
 * studies, the drivers and the notebooks open models only through it.
 *
 * <pre>{@code
 * ModelReference reference = ModelReference.parse("hf:HuggingFaceTB/SmolLM2-360M");   // or "bge-small-en-v1.5",
 * try (LanguageModel lm = ModelOpener.openLanguageModel(reference)) {                // a directory, URL#NAME
 *     ...
 * }
 * }</pre>
 */
package org.easy2hard.model.open;
