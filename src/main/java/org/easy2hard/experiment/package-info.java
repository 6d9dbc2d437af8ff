/**
 * Experiments: the paper's samplers, the runner that fits and evaluates a method per train pool and bootstrap, the
 * run directory (manifest, item-level records, resume after a crash) and run summaries (Unsupervised / Easy / Hard
 * accuracy with intervals, SGR). Uses {@code method}, {@code hardness}, {@code data} and {@code stats}; knows nothing
 * of notebooks or the command line.
 */
package org.easy2hard.experiment;
