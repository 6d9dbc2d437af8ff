/**
 * The datasets: one immutable item model for ARC, MMLU-STEM-5, StrategyQA and GSM8k, loaders that read each
 * canonical distribution format exactly as the paper did, the data directory ({@link org.easy2hard.data.DataStore})
 * and the downloader that fills it with checksum-verified files. Knows nothing of models, methods or notebooks.
 */
package org.easy2hard.data;
