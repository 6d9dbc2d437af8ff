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
 * Unsupervised / Easy / Hard comparisons with SGR.
 *
 * <p>The paper's experiment drivers, each planning its units (training draw, test set, method) up front and running
 * them through one resumable engine into a run directory: {@link org.easy2hard.experiment.AllToAll} (E0),
 * {@link org.easy2hard.experiment.Population} (E2, the main table), {@link org.easy2hard.experiment.ThirdGradeToCollege}
 * (Figure 1), {@link org.easy2hard.experiment.LearningCurves} (E3a), {@link org.easy2hard.experiment.NoisyLabels}
 * (E3b), {@link org.easy2hard.experiment.ScaleAndGap} (E4) and {@link org.easy2hard.experiment.ModelBasedHardness}
 * (the probe MDL of §3.2), beside {@link org.easy2hard.experiment.DecodingHardness} (the zero-shot MDL of any language
 * model, for every multiple-choice dataset). Drivers take models as {@link org.easy2hard.experiment.ModelArms}: any
 * {@code MultipleChoiceMethod}s, the probe today, prompting or fine-tuning later.
 *
 * <p>Uses {@code method}, {@code hardness}, {@code data} and {@code stats}; knows nothing of notebooks or the command
 * line.
 */
package org.easy2hard.experiment;
