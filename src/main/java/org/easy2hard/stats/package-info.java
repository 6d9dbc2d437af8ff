/**
 * Statistics the paper's conclusions rest on, computed from item-level results. Pure numerics; this package depends
 * on no other easy2hard package (only on Tablesaw, for output).
 *
 * <ul>
 *   <li>{@link org.easy2hard.stats.ItemResult} and {@link org.easy2hard.stats.Condition}: one test item's outcome in
 *       one run, and what identifies the run's condition.</li>
 *   <li>{@link org.easy2hard.stats.ItemGrid}: one condition's items &times; bootstrap-draws matrix, NaN where an item
 *       was not tested; statistics align conditions on item ids.</li>
 *   <li>{@link org.easy2hard.stats.GridBootstrap}: the paper's grid bootstrap for accuracy
 *       ({@link org.easy2hard.stats.AccuracyResult}), paired differences with p-values
 *       ({@link org.easy2hard.stats.DifferenceResult}) and the Supervision Gap Recovered with a guarded denominator
 *       ({@link org.easy2hard.stats.SgrResult}); deterministic for a seed, single-threaded.</li>
 *   <li>{@link org.easy2hard.stats.Spearman}: rank correlation of hardness measures, one implementation for the
 *       project.</li>
 *   <li>{@link org.easy2hard.stats.StatsTables} and {@link org.easy2hard.stats.Formats}: Tablesaw tables with readable
 *       column names and display text such as {@code "71.3 ± 2.1"}.</li>
 * </ul>
 *
 * <p>A worked SGR example with real output is in {@code docs/stats-worked-example.md}; the speed is measured by
 * {@code bench/stats-bench.sh}.
 */
package org.easy2hard.stats;
