package org.easy2hard.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A user's own dataset as {@link UserDatasetLoader} read it: the items (of {@link DatasetId#USER}), which hardness
 * measures the file declared, and the file's checksum for run manifests. Turn the measures into easy / medium /
 * hard with {@code org.easy2hard.hardness.UserMeasures} (30/70 quantiles unless cutoffs are given).
 *
 * @param file             the file it was read from
 * @param dataset          the items, in file order, named after the file (or the name given to the loader)
 * @param hardnessColumns  the measures the file carries (its hardness columns, prefix removed), in column order
 * @param lengthMeasures   the length measures the loader added (question / answer words and answer characters,
 *                         reasoning words when there is reasoning), computed as for the paper's datasets
 * @param sha256           SHA-256 of the file's bytes
 */
public record UserDataset(Path file, Dataset dataset, List<String> hardnessColumns, List<String> lengthMeasures,
        String sha256) {

    /** Validates and copies. */
    public UserDataset {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(sha256, "sha256");
        hardnessColumns = List.copyOf(hardnessColumns);
        lengthMeasures = List.copyOf(lengthMeasures);
        if (dataset.id() != DatasetId.USER) {
            throw new IllegalArgumentException("a user dataset holds USER items, not " + dataset.id());
        }
    }

    /** Every measure the items carry: the file's hardness columns, then the added length measures. */
    public List<String> measures() {
        return java.util.stream.Stream.concat(hardnessColumns.stream(), lengthMeasures.stream()).distinct().toList();
    }

    /** The name of the dataset (the file's name without extension, unless the loader was given one). */
    public String name() {
        return dataset.name();
    }

    /** File name → SHA-256, the form a run manifest records data identity in. */
    public Map<String, String> checksums() {
        return Map.of(file.getFileName().toString(), sha256);
    }
}
