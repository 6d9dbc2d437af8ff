/**
 * Hardness: which measures each dataset has (the paper's human, length and later model-based measures; a user
 * dataset's columns through {@link org.easy2hard.hardness.UserMeasures}), how their values become easy / medium /
 * hard ({@link org.easy2hard.hardness.Stratifier}, inclusive fixed cutoffs or 30/70 quantiles), and the descriptive
 * tables of RQ1 (bin counts, Spearman correlations). Reads items from {@code org.easy2hard.data}; knows nothing of
 * models or notebooks.
 */
package org.easy2hard.hardness;
