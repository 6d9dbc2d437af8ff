package org.easy2hard.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads StrategyQA's 2,290 labelled questions ({@code train.json} then {@code dev.json}, the authors' split of the
 * official train set) as two-option items {@code ["yes", "no"]} with true as index 0 (paper-spec §2). Reasoning is
 * the facts joined by single spaces; {@code num_steps} is the number of decomposition steps.
 */
public final class StrategyQaLoader {

    /** The two files, in load order. */
    public static final List<String> FILES = List.of("strategyqa/train.json", "strategyqa/dev.json");

    private final JsonRecords json = new JsonRecords();

    /** All 2,290 questions. */
    public Dataset load(DataStore store) {
        List<Item> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String relative : FILES) {
            var file = store.require(relative);
            String split = relative.substring(relative.indexOf('/') + 1, relative.indexOf('.'));
            for (JsonRecords.Located row : json.readArray(file)) {
                Item item = parse(row, split);
                if (!seen.add(item.id())) {
                    throw row.error("duplicate qid '" + item.id() + "'");
                }
                items.add(item);
            }
        }
        return new Dataset(DatasetId.STRATEGYQA, "strategy-qa", items);
    }

    private static Item parse(JsonRecords.Located row, String split) {
        String qid = row.text("qid");
        String question = row.text("question");
        var answer = row.node().get("answer");
        if (answer == null || !answer.isBoolean()) {
            throw row.error("qid " + qid + ": field 'answer' should be true or false");
        }
        List<String> facts = row.textList("facts");
        List<String> decomposition = row.textList("decomposition");
        String reasoning = String.join(" ", facts);
        int gold = answer.booleanValue() ? 0 : 1;
        List<String> options = List.of("yes", "no");
        Map<String, String> attributes = new LinkedHashMap<>();
        if (row.node().hasNonNull("term")) {
            attributes.put("term", row.node().get("term").asText());
        }
        Map<String, Double> hardness = new LinkedHashMap<>();
        hardness.put("num_steps", (double) decomposition.size());
        hardness.putAll(LengthMeasures.of(question, options.get(gold), reasoning));
        return new Item(qid, DatasetId.STRATEGYQA, split, question, options, gold, options.get(gold), reasoning,
                decomposition, attributes, hardness);
    }
}
