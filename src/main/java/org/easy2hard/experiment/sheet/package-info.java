/**
 * Interchange with the paper's result sheets. {@link org.easy2hard.experiment.sheet.ResultSheets} writes run
 * directories (of a study or a driver) in the authors' schema (bootstrap-averaged sheet, all-bootstraps sheet,
 * item-level file; the rows of one condition are the package-private {@code ConditionRows}) and reads them back;
 * {@link org.easy2hard.experiment.sheet.ResultSheet} and
 * {@link org.easy2hard.experiment.sheet.ItemLevelSheet} read such files (ours, the authors', external runs) and
 * {@link org.easy2hard.experiment.sheet.ExternalResults} turns them into Unsupervised / Easy / Hard comparisons with
 * SGR.
 *
 * <p>Uses the engine ({@code org.easy2hard.experiment}), the drivers' names ({@code experiment.driver}),
 * {@code hardness}, {@code data} and {@code stats}; knows nothing of notebooks or the command line.
 */
package org.easy2hard.experiment.sheet;
