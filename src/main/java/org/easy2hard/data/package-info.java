/**
 * The datasets: one immutable item model for ARC, MMLU-STEM-5, StrategyQA and GSM8k, loaders that read each
 * canonical distribution format exactly as the paper did, the data directory ({@link org.easy2hard.data.DataStore})
 * and the downloader that fills it with checksum-verified files. A user's own dataset
 * ({@link org.easy2hard.data.DatasetId#USER}) is read from a CSV or JSONL file by
 * {@link org.easy2hard.data.UserDatasetLoader} (errors name file, line and field) and written by
 * {@link org.easy2hard.data.UserDatasetWriter}; {@link org.easy2hard.data.CsvRows} is the line-numbered CSV reading
 * they and the result-sheet readers share. Knows nothing of models, methods or notebooks.
 */
package org.easy2hard.data;
