package org.easy2hard.method;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;

/**
 * A synthetic multiple-choice task no random model knows: the question is one letter q, the four options are
 * letters, and the gold option is the letter {@code (7 q + 3) mod 26}. A model answers it only by learning that map.
 */
final class SyntheticChoices {

    private SyntheticChoices() {
    }

    /** n items drawn from the seed; the gold option's position is uniform. */
    static List<Item> items(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Item> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int q = random.nextInt(26);
            int answer = (7 * q + 3) % 26;
            List<String> options = new ArrayList<>();
            int gold = random.nextInt(4);
            while (options.size() < 4) {
                int letter = options.size() == gold ? answer : random.nextInt(26);
                String text = String.valueOf((char) ('a' + letter));
                if (letter == answer && options.size() != gold || options.contains(text)) {
                    continue;
                }
                options.add(text);
            }
            items.add(new Item("s" + seed + "-" + i, DatasetId.ARC, "synthetic", String.valueOf((char) ('a' + q)),
                    options, gold, options.get(gold), "", List.of(), Map.of(), Map.of()));
        }
        return items;
    }

    /** The question letter itself is the prompt (a bigram model sees only the last context token). */
    static String prompt(Item item) {
        return item.question();
    }

    /** The option letters, without a space. */
    static List<String> continuations(Item item) {
        return item.options();
    }
}
