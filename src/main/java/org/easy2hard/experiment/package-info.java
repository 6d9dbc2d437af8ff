/**
 * The experiment engine: the paper's samplers and train pools, the runner that fits and evaluates a method per
 * planned unit (train pool, draw, test set), the run directory (manifest, item-level records, resume after a crash,
 * run lock, integrity checks) and run summaries (Unsupervised / Easy / Hard accuracy with intervals, SGR).
 * {@link org.easy2hard.experiment.EncoderStudy} wires a study to an encoder (probe and similarity baseline),
 * {@link org.easy2hard.experiment.LanguageModelStudy} to a causal language model (zero-shot prompting as the
 * unsupervised arm, in-context learning with or without chain of thought as the supervised one).
 *
 * <p>Sub-packages: {@code experiment.driver} holds the paper's experiment drivers (each plans its units and runs them
 * through this engine); {@code experiment.sheet} reads and writes the paper's result sheets. Neither is known here.
 *
 * <p>Uses {@code method}, {@code hardness}, {@code data} and {@code stats}; knows nothing of notebooks or the command
 * line.
 */
package org.easy2hard.experiment;
