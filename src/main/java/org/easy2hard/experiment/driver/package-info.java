/**
 * The paper's experiment drivers, each planning its units (training draw, test set, method) up front and running
 * them through the engine of {@code org.easy2hard.experiment} into one resumable run directory:
 * {@link org.easy2hard.experiment.driver.AllToAll} (E0), {@link org.easy2hard.experiment.driver.Population} (E2, the
 * main table), {@link org.easy2hard.experiment.driver.ThirdGradeToCollege} (Figure 1),
 * {@link org.easy2hard.experiment.driver.LearningCurves} (E3a), {@link org.easy2hard.experiment.driver.NoisyLabels}
 * (E3b), {@link org.easy2hard.experiment.driver.ScaleAndGap} (E4) and
 * {@link org.easy2hard.experiment.driver.ModelBasedHardness} (the probe MDL of §3.2), beside
 * {@link org.easy2hard.experiment.driver.DecodingHardness} (the zero-shot MDL of any language model), and the review's
 * open questions beyond the paper: {@link org.easy2hard.experiment.driver.HardnessWindow} (a sliding training window
 * against the hardest bin) and {@link org.easy2hard.experiment.driver.CrossDomain} (every pair of datasets). Drivers take
 * models as {@code ModelArms}: any {@code MultipleChoiceMethod}s.
 *
 * <p>Uses the engine ({@code org.easy2hard.experiment}), {@code method}, {@code hardness}, {@code data} and
 * {@code stats}; knows nothing of result sheets, notebooks or the command line.
 */
package org.easy2hard.experiment.driver;
