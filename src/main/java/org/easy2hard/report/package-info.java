/**
 * The paper's figures, drawn with XChart and exportable as PNG and SVG without a display.
 *
 * <ul>
 *   <li>{@link org.easy2hard.report.Figures}: Unsupervised / Easy / Hard accuracy bars with error bars, SGR bars per
 *       measure and method, the Spearman heat map of hardness measures, accuracy against test hardness; saving and
 *       rendering to images. The public entry point for every figure; behind it, package-private,
 *       {@code SgrCharts} (SGR bars and their gap fallback), {@code HeatMaps}, {@code ChartLayout} (widths) and
 *       {@code ChartFiles} (PNG / SVG).</li>
 *   <li>{@link org.easy2hard.report.HardnessProfile} and {@link org.easy2hard.report.HardnessBin}: the binning and
 *       Student-t intervals of the accuracy-vs-hardness plot, as values that can be checked or tabulated.</li>
 *   <li>{@link org.easy2hard.report.OpenQuestionFigures}: the hardness window's accuracy and SGR against the
 *       train–test gap, the cross-domain SGR heat map.</li>
 *   <li>{@link org.easy2hard.report.Figure}: a chart with its file name.</li>
 * </ul>
 *
 * <p>This package sits on top: it reads {@code experiment}, {@code stats}, {@code hardness} and {@code data}, and no
 * other package depends on it.
 */
package org.easy2hard.report;
