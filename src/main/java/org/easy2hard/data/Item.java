package org.easy2hard.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One question of any of the four datasets, immutable.
 *
 * <p>Multiple-choice items (ARC, MMLU, StrategyQA as yes/no) have {@link #options()} and a {@link #goldIndex()};
 * GSM8k items are generative: no options, gold index -1, and the gold {@link #answer()} string. {@code answer} is
 * always the gold answer text (the gold option's text for multiple choice), since the paper's length measures and
 * scoring work on that text.
 *
 * @param id            the dataset's own id (ARC id, StrategyQA qid) or a stable synthetic one
 *                      ({@code college_physics/test/17}, {@code train:41} for GSM8k line 41)
 * @param dataset       which dataset it belongs to
 * @param split         where it came from in the distribution, e.g. {@code ARC-Easy/Train}, {@code test}
 * @param question      the question text as distributed
 * @param options       answer options in their original order; empty for generative items
 * @param goldIndex     index of the correct option, or -1 for generative items
 * @param answer        the gold answer text
 * @param reasoning     worked reasoning (GSM8k solution, StrategyQA facts joined by spaces), or "" when none
 * @param decomposition StrategyQA's decomposition into sub-questions; empty elsewhere
 * @param attributes    other fields kept from the source (MMLU {@code subject}, ARC annotation strings, ...)
 * @param hardness      hardness values by measure name (the paper's column names, e.g. {@code human_grade})
 */
public record Item(
        String id,
        DatasetId dataset,
        String split,
        String question,
        List<String> options,
        int goldIndex,
        String answer,
        String reasoning,
        List<String> decomposition,
        Map<String, String> attributes,
        Map<String, Double> hardness) {

    /** Validates and freezes the collections (insertion order of the maps is kept for display). */
    public Item {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        options = List.copyOf(options);
        reasoning = reasoning == null ? "" : reasoning;
        decomposition = List.copyOf(decomposition);
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        hardness = Collections.unmodifiableMap(new LinkedHashMap<>(hardness));
        if (options.isEmpty() ? goldIndex != -1 : goldIndex < 0 || goldIndex >= options.size()) {
            throw new IllegalArgumentException("item " + id + ": gold index " + goldIndex
                    + " does not fit " + options.size() + " options");
        }
    }

    /** Whether the item is answered by choosing an option (false for GSM8k's generative items). */
    public boolean isMultipleChoice() {
        return !options.isEmpty();
    }

    /** The value of a hardness measure, empty when the item has none for it. */
    public OptionalDouble hardness(String measure) {
        Double value = hardness.get(measure);
        return value == null || value.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** A copy with one hardness value added or replaced (how model-based measures are attached later). */
    public Item withHardness(String measure, double value) {
        Map<String, Double> updated = new LinkedHashMap<>(hardness);
        updated.put(measure, value);
        return new Item(id, dataset, split, question, options, goldIndex, answer, reasoning, decomposition,
                attributes, updated);
    }
}
