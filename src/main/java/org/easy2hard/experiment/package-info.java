/**
 * Experiments: the paper's samplers, the runner that fits and evaluates a method per train pool and bootstrap, the
 * run directory (manifest, item-level records, resume after a crash) and run summaries (Unsupervised / Easy / Hard
 * accuracy with intervals, SGR). {@link org.easy2hard.experiment.EncoderStudy} wires a study to an encoder (probe and
 * similarity baseline), {@link org.easy2hard.experiment.LanguageModelStudy} to a causal language model (zero-shot
 * prompting as the unsupervised arm, in-context learning with or without chain of thought as the supervised one).
 * Interchange with the paper's result sheets: {@link org.easy2hard.experiment.ResultSheets} writes runs in the
 * authors' schema (bootstrap-averaged sheet, all-bootstraps sheet, item-level file) and reads run directories back;
 * {@link org.easy2hard.experiment.ResultSheet} and {@link org.easy2hard.experiment.ItemLevelSheet} read such files
 * (ours, the authors', external runs) and {@link org.easy2hard.experiment.ExternalResults} turns them into
 * Unsupervised / Easy / Hard comparisons with SGR. Uses {@code method}, {@code hardness}, {@code data} and
 * {@code stats}; knows nothing of notebooks or the command line.
 */
package org.easy2hard.experiment;
