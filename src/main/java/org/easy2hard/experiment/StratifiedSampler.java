package org.easy2hard.experiment;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.Item;
import org.easy2hard.hardness.Level;
import org.easy2hard.hardness.Stratifier;

/**
 * The paper's main sampler ({@code stratified_test_sampling}, paper-spec §4.1): for a bootstrap, draw
 * {@code trainSize} items without replacement from the train pool; the test set is every other probing item, of
 * every hardness level, or, with a test size n, ceil(n/3) of them from each of the easy, medium and hard levels
 * (concatenated in that order and cut to n: 167/167/166 for the authors' n = 500).
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
        return draw(pool, trainSize, bootstrap, ExperimentSpec.ALL_TEST_ITEMS);
    }

    /**
     * The training sample and test set of one bootstrap, the test set sampled per level when {@code testSize > 0}.
     *
     * <p>The test sample's generator depends on (seed, measure, bootstrap) but not on the pool, as the authors seed
     * it with the bootstrap index alone: conditions of one bootstrap share most of their test items (all of them
     * but those a condition trained on). A level with fewer non-training items than its share gives all it has, so
     * the sample is then smaller than n (the authors' numpy draw would fail instead).
     *
     * @param testSize {@link ExperimentSpec#ALL_TEST_ITEMS} or the number of test items to draw
     * @throws IllegalArgumentException when the pool holds fewer than {@code trainSize + 50} items (the paper's check)
     */
    public TrainTestSplit draw(TrainPool pool, int trainSize, int bootstrap, int testSize) {
        if (pool == TrainPool.NONE) {
            return new TrainTestSplit(pool, bootstrap, List.of(), testSample(probing.items(), testSize, bootstrap));
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
        return new TrainTestSplit(pool, bootstrap, train, testSample(test, testSize, bootstrap));
    }

    /** Every candidate, or ceil(n/3) per level (easy, medium, hard) cut to n, returned in dataset order. */
    private List<Item> testSample(List<Item> candidates, int testSize, int bootstrap) {
        if (testSize == ExperimentSpec.ALL_TEST_ITEMS) {
            return candidates;
        }
        int perLevel = (testSize + 2) / 3;
        SplittableRandom random = new SplittableRandom(Seeds.derive("test-sample", seed, stratifier.measure().name(),
                bootstrap));
        Map<Level, List<Item>> byLevel = new EnumMap<>(Level.class);
        for (Item item : candidates) {
            stratifier.levelOf(item).ifPresent(level -> byLevel.computeIfAbsent(level, l -> new ArrayList<>())
                    .add(item));
        }
        List<Item> sample = new ArrayList<>();
        for (Level level : List.of(Level.EASY, Level.MEDIUM, Level.HARD)) {
            List<Item> pool = byLevel.getOrDefault(level, List.of());
            sample.addAll(Draws.sample(pool, Math.min(perLevel, pool.size()), random));
        }
        Set<String> kept = new HashSet<>();
        sample.subList(0, Math.min(testSize, sample.size())).forEach(item -> kept.add(item.id()));
        return candidates.stream().filter(item -> kept.contains(item.id())).toList();
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
