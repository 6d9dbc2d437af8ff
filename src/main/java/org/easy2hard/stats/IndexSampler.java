package org.easy2hard.stats;

import java.util.SplittableRandom;

/**
 * Uniform integers in {@code [0, bound)} drawn from a {@link SplittableRandom}, by Lemire's multiply-and-reject
 * method ("Fast Random Integer Generation in an Interval", ACM TOMACS 2019).
 *
 * <p>Why not {@link SplittableRandom#nextInt(int)}: its bounded method is an implementation detail of the JDK that uses
 * a division per draw; this one is exactly uniform, needs a division only once per bound, and consumes
 * {@link SplittableRandom#nextInt()} values in a documented way, so published numbers depend only on the seed and on
 * SplitMix64, not on the JDK's choice of bounding algorithm.
 */
final class IndexSampler {

    private static final long LOW_32_BITS = 0xFFFF_FFFFL;

    private final int bound;
    /** 2^32 mod bound: products whose low word falls below it would make some results more likely; they are redrawn. */
    private final long rejectBelow;

    /**
     * A sampler for {@code [0, bound)}.
     *
     * @throws IllegalArgumentException when bound is not positive
     */
    IndexSampler(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, was " + bound);
        }
        this.bound = bound;
        this.rejectBelow = (1L << 32) % bound;
    }

    /** The exclusive upper bound. */
    int bound() {
        return bound;
    }

    /** The next index; consumes one {@code nextInt()} except in the rare rejection case. */
    int next(SplittableRandom random) {
        long product = (random.nextInt() & LOW_32_BITS) * bound;
        while ((product & LOW_32_BITS) < rejectBelow) {
            product = (random.nextInt() & LOW_32_BITS) * bound;
        }
        return (int) (product >>> 32);
    }
}
