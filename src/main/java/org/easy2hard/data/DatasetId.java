package org.easy2hard.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The four datasets of the paper, with the short names used on the command line and as folder names, and
 * {@link #USER} for a user's own dataset read from a CSV or JSONL file ({@link UserDatasetLoader}); a user dataset's
 * own name is its {@link Dataset#name()}.
 */
public enum DatasetId {
    /** AI2 Reasoning Challenge, Easy + Challenge, joined with the paper's hardness annotations. */
    ARC("arc", "ARC (Easy + Challenge) with grade / difficulty / Bloom annotations"),
    /** The ten high-school and college STEM subjects of MMLU, validation + test. */
    MMLU("mmlu", "MMLU-STEM-5 (high school vs college biology, chemistry, CS, math, physics)"),
    /** StrategyQA's 2,290 labelled yes/no questions with decompositions and facts. */
    STRATEGYQA("strategyqa", "StrategyQA (yes/no questions with reasoning decompositions)"),
    /** Grade-school math word problems with worked solutions. */
    GSM8K("gsm8k", "GSM8k (grade-school math with worked solutions)"),
    /** A user's own dataset, loaded from a CSV or JSONL file by {@link UserDatasetLoader}; not downloadable. */
    USER("user", "a user's own dataset (CSV or JSONL file)");

    private final String shortName;
    private final String description;

    DatasetId(String shortName, String description) {
        this.shortName = shortName;
        this.description = description;
    }

    /** The lower-case name used on the command line and as the dataset's folder in the data directory. */
    public String shortName() {
        return shortName;
    }

    /** Whether this is one of the paper's four datasets (false only for {@link #USER}). */
    public boolean isPaperDataset() {
        return this != USER;
    }

    /** The paper's four datasets, in order: what the data directory holds and the downloader fetches. */
    public static List<DatasetId> paperDatasets() {
        return Arrays.stream(values()).filter(DatasetId::isPaperDataset).toList();
    }

    /** One line saying what the dataset is. */
    public String description() {
        return description;
    }

    /**
     * Parses a short name such as {@code arc} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the valid choices when the name is unknown
     */
    public static DatasetId parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(id -> id.shortName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown dataset '" + name + "'; choose one of "
                        + Arrays.stream(values()).map(DatasetId::shortName).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return shortName;
    }
}
