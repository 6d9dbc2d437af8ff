package org.easy2hard.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parsed row of a user's dataset file before it becomes an item; knows where it came from for error messages,
 * and checks the question, the options and the answer (text, letter or index) against each other. Filled by
 * {@link UserDatasetLoader}'s CSV and JSONL readers.
 */
final class UserRow {
    final Path file;
    final long line;
    String id;
    String question;
    String reasoning = "";
    String split;
    boolean hasOptions;
    List<String> options = List.of();
    String answerText;
    Integer answerIndex;
    int gold = -1;
    final Map<String, Double> hardness = new LinkedHashMap<>();
    final Map<String, String> attributes = new LinkedHashMap<>();

    UserRow(Path file, long line) {
        this.file = file;
        this.line = line;
    }

    DataFormatException error(String detail) {
        return new DataFormatException(file, line, detail);
    }

    List<String> textList(JsonNode array, String field) {
        if (!array.isArray()) {
            throw error("field " + field + ": should be an array of strings, is " + array.getNodeType());
        }
        List<String> texts = new ArrayList<>();
        int position = 1;
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                throw error("field " + field + ": element " + position + " should be a string, is "
                        + element.getNodeType());
            }
            texts.add(element.asText());
            position++;
        }
        return texts;
    }

    void putHardness(String field, String measure, double value) {
        if (hardness.containsKey(measure)) {
            throw error("field " + field + ": hardness measure '" + measure + "' is given twice");
        }
        hardness.put(measure, value);
    }

    void validate() {
        if (question == null || question.isBlank()) {
            throw error("field question: missing or blank");
        }
        if (answerText == null || answerText.isBlank()) {
            throw error("field answer: missing or blank");
        }
        if (!hasOptions) {
            if (answerIndex != null) {
                throw error("field answer: an index needs options, and this item has none");
            }
            return;
        }
        if (options.size() < 2) {
            throw error("field options: " + options.size() + " option(s); a multiple-choice item needs at "
                    + "least 2");
        }
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).isBlank()) {
                throw error("field options: option " + (i + 1) + " is blank");
            }
        }
        gold = answerIndex != null ? checkedIndex(answerIndex) : resolve(answerText.strip());
    }

    private int checkedIndex(int index) {
        if (index < 0 || index >= options.size()) {
            throw error("field answer: index " + index + " is not among the " + options.size()
                    + " options (0-based: 0.." + (options.size() - 1) + ")");
        }
        return index;
    }

    private int resolve(String answer) {
        List<Integer> matches = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).strip().equals(answer)) {
                matches.add(i);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            // Real data repeats options now and then (MMLU does); the text alone then does not say which.
            throw error("field answer: '" + answer + "' is the text of options " + matches.stream()
                    .map(i -> String.valueOf((char) ('A' + i))).toList() + "; give the gold option's letter or "
                    + "0-based index");
        }
        if (answer.length() == 1 && Character.isLetter(answer.charAt(0))) {
            int index = Character.toUpperCase(answer.charAt(0)) - 'A';
            if (index >= 0 && index < options.size()) {
                return index;
            }
        }
        if (answer.matches("\\d{1,9}")) {
            int index = Integer.parseInt(answer);
            if (index < options.size()) {
                return index;
            }
        }
        throw error("field answer: '" + answer + "' is not among the options " + options
                + " (give the gold option's text, its letter A.." + (char) ('A' + options.size() - 1)
                + " or its 0-based index)");
    }

    Item toItem(String defaultSplit) {
        String answer = hasOptions ? options.get(gold) : answerText.strip();
        return new Item(id, DatasetId.USER, split != null ? split : defaultSplit, question, options,
                hasOptions ? gold : -1, answer, reasoning, List.of(), attributes, hardness);
    }
}
