package org.easy2hard.experiment;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.Item;
import org.easy2hard.hardness.Stratifier;

/**
 * The paper's main sampler ({@code stratified_test_sampling}, paper-spec §4.1): for a bootstrap, draw
 * {@code trainSize} items without replacement from the train pool; the test set is every other probing item, of
 * every hardness level.
 *
 * <p>The paper draws from numpy's global generator seeded once, so its draws depend on the order experiments ran in.
 * Here each draw has its own generator seeded from (seed, measure, pool, bootstrap), so that a condition's training
 * sample is the same whether it runs first, last or after a resume. The draws are therefore not the paper's item for
 * item (numpy's generator is not re-implemented), but they follow its rules.
 */
public final class StratifiedSampler {

    /** The paper's code asserts the pool holds at least this many items beyond the training sample. */
    public static final int MINIMUM_SPARE_ITEMS = 50;

    private final Dataset probing;
    private final Stratifier stratifier;
    private final long seed;

    /**
     * @param probing    the probing set (every experiment item)
     * @param stratifier the hardness measure and its resolved cutoffs
     * @param seed       the experiment's seed
     */
    public StratifiedSampler(Dataset probing, Stratifier stratifier, long seed) {
        this.probing = probing;
        this.stratifier = stratifier;
        this.seed = seed;
    }

    /**
     * The training sample and test set of one bootstrap.
     *
     * @throws IllegalArgumentException when the pool holds fewer than {@code trainSize + 50} items (the paper's check)
     */
    public TrainTestSplit draw(TrainPool pool, int trainSize, int bootstrap) {
        if (pool == TrainPool.NONE) {
            return new TrainTestSplit(pool, bootstrap, List.of(), probing.items());
        }
        List<Item> candidates = pool == TrainPool.ALL ? probing.items()
                : stratifier.split(probing).get(pool.level().orElseThrow());
        if (candidates.size() < trainSize + MINIMUM_SPARE_ITEMS) {
            throw new IllegalArgumentException("the " + pool.label() + " pool of " + probing.name() + " by "
                    + stratifier.measure().name() + " has " + candidates.size() + " items; training on " + trainSize
                    + " needs at least " + (trainSize + MINIMUM_SPARE_ITEMS));
        }
        List<Item> train = Draws.sample(candidates, trainSize, random(pool, bootstrap));
        Set<String> trainIds = new HashSet<>();
        train.forEach(item -> trainIds.add(item.id()));
        List<Item> test = probing.items().stream().filter(item -> !trainIds.contains(item.id())).toList();
        return new TrainTestSplit(pool, bootstrap, train, test);
    }

    /** The seed that {@code fit} gets for a pool and bootstrap: independent of the order conditions run in. */
    public long fitSeed(TrainPool pool, int bootstrap) {
        return derive("fit", pool, bootstrap);
    }

    private SplittableRandom random(TrainPool pool, int bootstrap) {
        return new SplittableRandom(derive("train-sample", pool, bootstrap));
    }

    private long derive(String purpose, TrainPool pool, int bootstrap) {
        return Seeds.derive(purpose, seed, stratifier.measure().name(), pool.label(), bootstrap);
    }
}
