package org.easy2hard.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.easy2hard.data.Item;

/** Random draws of items shared by the samplers and drivers: plain samples without replacement and nested subsets. */
public final class Draws {

    private Draws() {
    }

    /**
     * A uniform sample of {@code size} items without replacement, in draw order (partial Fisher–Yates).
     *
     * @throws IllegalArgumentException when there are fewer candidates than {@code size}
     */
    public static List<Item> sample(List<Item> candidates, int size, SplittableRandom random) {
        if (size > candidates.size()) {
            throw new IllegalArgumentException("cannot draw " + size + " of " + candidates.size() + " items");
        }
        List<Item> pool = new ArrayList<>(candidates);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(pool.size() - i);
            Item chosen = pool.get(j);
            pool.set(j, pool.get(i));
            pool.set(i, chosen);
        }
        return List.copyOf(pool.subList(0, size));
    }

    /**
     * A copy of training sizes, checked to be positive and distinct.
     *
     * @throws IllegalArgumentException naming the sizes otherwise
     */
    public static int[] checkSizes(int[] sizes) {
        if (sizes.length == 0 || java.util.Arrays.stream(sizes).anyMatch(n -> n < 1)
                || java.util.Arrays.stream(sizes).distinct().count() != sizes.length) {
            throw new IllegalArgumentException("sizes must be distinct and positive: "
                    + java.util.Arrays.toString(sizes));
        }
        return sizes.clone();
    }

    /**
     * Nested subsets, the paper's {@code get_sample_efficiency_subsets}: the largest size is drawn from the
     * candidates first, then each smaller size is drawn from the previous (next larger) subset, so every subset is
     * contained in every larger one.
     *
     * @param sizes ascending, distinct sizes
     * @return one subset per size, in the order of {@code sizes}
     */
    public static List<List<Item>> nested(List<Item> candidates, int[] sizes, SplittableRandom random) {
        for (int i = 1; i < sizes.length; i++) {
            if (sizes[i] <= sizes[i - 1]) {
                throw new IllegalArgumentException("sizes must be ascending and distinct");
            }
        }
        List<List<Item>> subsets = new ArrayList<>();
        List<Item> previous = candidates;
        for (int i = sizes.length - 1; i >= 0; i--) {
            previous = sample(previous, sizes[i], random);
            subsets.add(0, previous);
        }
        return List.copyOf(subsets);
    }
}
