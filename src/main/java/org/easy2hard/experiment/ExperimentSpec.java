package org.easy2hard.experiment;

import java.util.List;
import java.util.Objects;
import org.easy2hard.data.DatasetId;

/**
 * What one easy-to-hard experiment runs: a dataset's probing set stratified by one hardness measure, the train pools
 * to compare, the training size, the bootstraps and how many test items each bootstrap asks. The methods and the
 * model are given to the runner beside it.
 *
 * @param dataset    which dataset
 * @param measure    the hardness measure's name, e.g. {@code human_grade}
 * @param pools      the train pools, e.g. none, easy, hard
 * @param trainSize  training items per bootstrap (the paper: 160 for probes)
 * @param bootstraps number of bootstraps, indices 0..bootstraps-1 (the paper: 5)
 * @param seed       seed of the training draws and fits
 * @param testSize   test items per bootstrap: {@link #ALL_TEST_ITEMS} (0) tests every probing item not trained on (the
 *                   authors' {@code n_test = -1}); a positive n draws n of them per bootstrap, a third from each
 *                   hardness level (the authors' {@code n_test = 500} for GSM8k chain of thought, 167/167/166)
 */
public record ExperimentSpec(DatasetId dataset, String measure, List<TrainPool> pools, int trainSize, int bootstraps,
        long seed, int testSize) {

    /** {@link #testSize} value meaning every probing item not used for training. */
    public static final int ALL_TEST_ITEMS = 0;

    /** The authors' test sample for GSM8k chain-of-thought runs ({@code run_jobs.py}: {@code --n_test 500}). */
    public static final int PAPER_GSM8K_TEST_SIZE = 500;

    /** A spec that tests every probing item not trained on ({@link #ALL_TEST_ITEMS}). */
    public ExperimentSpec(DatasetId dataset, String measure, List<TrainPool> pools, int trainSize, int bootstraps,
            long seed) {
        this(dataset, measure, pools, trainSize, bootstraps, seed, ALL_TEST_ITEMS);
    }

    /** The paper's probe settings: 160 training items, 5 bootstraps, seed 0, every other item tested. */
    public static ExperimentSpec paperProbe(DatasetId dataset, String measure) {
        return new ExperimentSpec(dataset, measure, List.of(TrainPool.NONE, TrainPool.EASY, TrainPool.HARD),
                RunDefaults.TRAIN_SIZE, RunDefaults.BOOTSTRAPS, 0);
    }

    /**
     * The paper's test size for a dataset's prompting and fine-tuning runs: 500 per bootstrap for GSM8k (its only
     * runs are chain of thought, and {@code run_jobs.py} gives every GSM8k CoT job, the 5305 zero-shot included,
     * {@code --n_test 500}); every other dataset tests all non-training items.
     */
    public static int paperTestSize(DatasetId dataset) {
        return dataset == DatasetId.GSM8K ? PAPER_GSM8K_TEST_SIZE : ALL_TEST_ITEMS;
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
        if (testSize < 0) {
            throw new IllegalArgumentException("test size must be 0 (every non-training item) or positive, was "
                    + testSize);
        }
    }

    /** This spec with another test size. */
    public ExperimentSpec withTestSize(int testSize) {
        return new ExperimentSpec(dataset, measure, pools, trainSize, bootstraps, seed, testSize);
    }

    /** Whether each bootstrap tests a sample of the non-training items rather than all of them. */
    public boolean samplesTestItems() {
        return testSize > 0;
    }

    /**
     * How often the unsupervised baseline runs: once when it is asked every item (nothing is random), once per
     * bootstrap when each bootstrap draws its own test sample, as the authors' GSM8k 5305 arm
     * ({@code --probing_bootstraps 5 --n_test 500}).
     */
    public int unsupervisedBootstraps() {
        return samplesTestItems() ? bootstraps : 1;
    }

    /** How many draws a pool runs: {@link #unsupervisedBootstraps()} for none, {@link #bootstraps} otherwise. */
    public int draws(TrainPool pool) {
        return pool == TrainPool.NONE ? unsupervisedBootstraps() : bootstraps;
    }
}
