package org.easy2hard.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads GSM8k train then test (8,792 items) as generative items (paper-spec §2): the reasoning is the solution
 * before {@code ####} with leading and trailing newlines stripped (inner newlines and {@code <<a*b=c>>} calculator
 * annotations kept), the answer is the text after it, stripped. {@code num_steps} is the number of reasoning lines,
 * capped at 10. Ids are {@code train:LINE} / {@code test:LINE} with 0-based line numbers, as in the hold-out list.
 */
public final class Gsm8kLoader {

    /** The two files, in load order. */
    public static final List<String> FILES = List.of("gsm8k/train.jsonl", "gsm8k/test.jsonl");
    /** The paper caps the number of reasoning steps here. */
    public static final int MAX_STEPS = 10;

    private static final String SEPARATOR = "####";

    private final JsonRecords json = new JsonRecords();

    /** All 8,792 problems. */
    public Dataset load(DataStore store) {
        List<Item> items = new ArrayList<>();
        for (String relative : FILES) {
            var file = store.require(relative);
            String split = relative.substring(relative.indexOf('/') + 1, relative.indexOf('.'));
            for (JsonRecords.Located row : json.readLines(file)) {
                items.add(parse(row, split));
            }
        }
        return new Dataset(DatasetId.GSM8K, "gsm8k_main", items);
    }

    private static Item parse(JsonRecords.Located row, String split) {
        String question = row.text("question");
        String solution = row.text("answer");
        int separator = solution.lastIndexOf(SEPARATOR);
        if (separator < 0) {
            throw row.error("field 'answer' has no '####' before the final answer");
        }
        String reasoning = Text.strip(solution.substring(0, separator), "\n");
        String answer = Text.stripWhitespace(solution.substring(separator + SEPARATOR.length()));
        if (answer.isEmpty()) {
            throw row.error("field 'answer' has nothing after '####'");
        }
        int lines = reasoning.isEmpty() ? 0 : reasoning.split("\n", -1).length;
        Map<String, Double> hardness = new LinkedHashMap<>();
        hardness.put("num_steps", (double) Math.min(lines, MAX_STEPS));
        hardness.putAll(LengthMeasures.of(question, answer, reasoning));
        String id = split + ":" + (row.line() - 1);
        return new Item(id, DatasetId.GSM8K, split, question, List.of(), -1, answer, reasoning, List.of(), Map.of(),
                hardness);
    }
}
