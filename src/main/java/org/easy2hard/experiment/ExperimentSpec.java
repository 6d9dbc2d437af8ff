package org.easy2hard.experiment;

import java.util.List;
import java.util.Objects;
import org.easy2hard.data.DatasetId;

/**
 * What one easy-to-hard experiment runs: a dataset's probing set stratified by one hardness measure, the train pools
 * to compare, the training size and the bootstraps. The methods and the model are given to the runner beside it.
 *
 * @param dataset    which dataset
 * @param measure    the hardness measure's name, e.g. {@code human_grade}
 * @param pools      the train pools, e.g. none, easy, hard
 * @param trainSize  training items per bootstrap (the paper: 160 for probes)
 * @param bootstraps number of bootstraps, indices 0..bootstraps-1 (the paper: 5)
 * @param seed       seed of the training draws and fits
 */
public record ExperimentSpec(DatasetId dataset, String measure, List<TrainPool> pools, int trainSize, int bootstraps,
        long seed) {

    /** The paper's probe settings: 160 training items, 5 bootstraps, seed 0. */
    public static ExperimentSpec paperProbe(DatasetId dataset, String measure) {
        return new ExperimentSpec(dataset, measure, List.of(TrainPool.NONE, TrainPool.EASY, TrainPool.HARD), 160, 5, 0);
    }

    /** Validates the values. */
    public ExperimentSpec {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(measure, "measure");
        pools = List.copyOf(pools);
        if (pools.isEmpty() || pools.stream().distinct().count() != pools.size()) {
            throw new IllegalArgumentException("train pools must be non-empty and distinct: " + pools);
        }
        if (trainSize < 1) {
            throw new IllegalArgumentException("train size must be at least 1, was " + trainSize);
        }
        if (bootstraps < 1) {
            throw new IllegalArgumentException("bootstraps must be at least 1, was " + bootstraps);
        }
    }
}
