package org.easy2hard.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns of a user's CSV file and what each one is (id, question, options in one cell or in option_k columns,
 * answer, reasoning, split, hardness measures, attributes), and how a record becomes a {@link UserRow}. Split out of
 * {@link UserDatasetLoader}.
 */
final class UserCsvHeader {

    private static final Pattern OPTION_COLUMN = Pattern.compile("option_(\\d+)");

    final List<String> names;
    final UserDatasetLoader loader;
    int id = -1;
    int question = -1;
    int options = -1;
    int answer = -1;
    int reasoning = -1;
    int split = -1;
    final TreeMap<Integer, Integer> optionColumns = new TreeMap<>();
    final Map<Integer, String> hardness = new LinkedHashMap<>();
    final Map<Integer, String> attributes = new LinkedHashMap<>();

    private UserCsvHeader(List<String> names, UserDatasetLoader loader) {
        this.names = names;
        this.loader = loader;
    }

    static UserCsvHeader of(List<String> names, Path file, UserDatasetLoader loader) {
        UserCsvHeader header = new UserCsvHeader(names, loader);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String column = names.get(i);
            if (column.isEmpty()) {
                throw new DataFormatException(file, 1, "header: column " + (i + 1) + " has no name");
            }
            if (!seen.add(column)) {
                throw new DataFormatException(file, 1, "header: column '" + column + "' appears twice");
            }
            Matcher option = OPTION_COLUMN.matcher(column);
            switch (column) {
                case "id" -> header.id = i;
                case "question" -> header.question = i;
                case "options" -> header.options = i;
                case "answer" -> header.answer = i;
                case "reasoning" -> header.reasoning = i;
                case "split" -> header.split = i;
                default -> {
                    String measure = loader.measureName(column);
                    if (measure != null) {
                        if (header.hardness.containsValue(measure)) {
                            throw new DataFormatException(file, 1, "header: two columns give hardness measure '"
                                    + measure + "'");
                        }
                        header.hardness.put(i, measure);
                    } else if (option.matches()) {
                        header.optionColumns.put(Integer.parseInt(option.group(1)), i);
                    } else {
                        header.attributes.put(i, column);
                    }
                }
            }
        }
        if (header.question < 0) {
            throw new DataFormatException(file, 1, "header: missing required column 'question'");
        }
        if (header.answer < 0) {
            throw new DataFormatException(file, 1, "header: missing required column 'answer'");
        }
        if (header.options >= 0 && !header.optionColumns.isEmpty()) {
            throw new DataFormatException(file, 1, "header: give the options either in one 'options' column or "
                    + "in option_1..option_k columns, not both");
        }
        int expected = 1;
        for (int number : header.optionColumns.keySet()) {
            if (number != expected++) {
                throw new DataFormatException(file, 1, "header: option columns must be option_1, option_2, ... "
                        + "without gaps; option_" + (expected - 1) + " is missing");
            }
        }
        return header;
    }

    UserRow row(CsvRows.Located record, Path file, long line, int rowNumber) {
        UserRow row = new UserRow(file, line);
        row.id = id >= 0 ? record.get(id).strip() : Integer.toString(rowNumber);
        if (row.id.isEmpty()) {
            throw new DataFormatException(file, line, "field id: empty (give every row an id, or drop the column)");
        }
        row.question = record.get(question);
        row.reasoning = reasoning >= 0 ? record.get(reasoning) : "";
        row.split = split >= 0 && !record.get(split).isBlank() ? record.get(split).strip() : null;
        if (options >= 0) {
            row.options = loader.splitOptions(record.get(options), row);
            row.hasOptions = true;
        } else if (!optionColumns.isEmpty()) {
            row.options = new ArrayList<>();
            row.hasOptions = true;
            boolean ended = false;
            for (Map.Entry<Integer, Integer> column : optionColumns.entrySet()) {
                String text = record.get(column.getValue());
                if (text.isBlank()) {
                    ended = true;
                } else if (ended) {
                    throw row.error("field option_" + column.getKey() + ": comes after an empty option cell "
                            + "(leave only the last option cells empty)");
                } else {
                    row.options.add(text);
                }
            }
        }
        row.answerText = record.get(answer);
        hardness.forEach((column, measure) -> row.putHardness(names.get(column), measure,
                UserDatasetLoader.parseNumber(record.get(column), names.get(column), row)));
        attributes.forEach((column, attribute) -> row.attributes.put(attribute, record.get(column)));
        row.validate();
        return row;
    }
}
