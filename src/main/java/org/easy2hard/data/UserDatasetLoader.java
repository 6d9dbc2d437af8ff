package org.easy2hard.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Loads a user's own dataset from a CSV or JSON-lines file, so that every experiment of the toolkit can run on it.
 * The format is chosen by the file's extension: {@code .csv}, or {@code .jsonl} / {@code .ndjson}.
 *
 * <h2>Fields</h2>
 * <ul>
 *   <li>{@code id} (optional): the item's id, unique in the file. Without an {@code id} column/field an item's id is
 *       its 1-based row number among the data rows ({@code "1"}, {@code "2"}, ...).</li>
 *   <li>{@code question} (required, not blank).</li>
 *   <li>options, at least two, none blank (repeats are allowed, as real data has them):
 *     <ul>
 *       <li>JSONL: {@code "options": ["...", "..."]}, an array of strings.</li>
 *       <li>CSV, either one {@code options} column holding the options separated by {@code |} (the delimiter can
 *           be changed with {@link Builder#optOptionDelimiter}; a cell starting with {@code [} is read as a JSON
 *           array of strings instead), or columns {@code option_1}, {@code option_2}, ... {@code option_k}: an item
 *           with fewer options leaves its last cells empty (no gaps).</li>
 *     </ul>
 *     A file with no options at all holds generative items (gold answer text only, like GSM8k), which the
 *     multiple-choice methods cannot run on.</li>
 *   <li>{@code answer} (required), read in this order: the gold option's exact text (surrounding spaces ignored);
 *       else a single letter, {@code A} (or {@code a}) being the first option; else a whole number, the 0-based
 *       option index (JSONL also takes a JSON integer). Anything else is an error. Text comes first, so an option
 *       whose text is {@code "B"} or {@code "2"} is found by its text; a text that several options share is an
 *       error (give the letter or index then).</li>
 *   <li>{@code reasoning} (optional): worked reasoning, as StrategyQA's facts or GSM8k's solutions.</li>
 *   <li>{@code split} (optional): where the item came from; default the file's name.</li>
 *   <li>hardness: every column / field whose name starts with {@code hardness_} (the prefix can be changed with
 *       {@link Builder#optHardnessPrefix}) is a measure named without the prefix ({@code hardness_grade} →
 *       {@code grade}); columns named with {@link Builder#optHardnessColumns} are measures under their own name.
 *       JSONL may also give {@code "hardness": {"grade": 3}}. Values are numbers; an empty cell, {@code NA},
 *       {@code NaN} or JSON {@code null} means the item has no value for that measure.</li>
 *   <li>any other column / field is kept as a text attribute (e.g. {@code subject}).</li>
 * </ul>
 * The loader also adds the paper's length measures ({@code question_num_words}, {@code answer_num_words},
 * {@code answer_num_chars}, and {@code reasoning_num_words} when the file has reasoning) unless a hardness column of
 * that name exists; {@link Builder#optLengthMeasures(boolean)} turns this off.
 *
 * <h2>Errors</h2>
 * Every problem is a {@link DataFormatException} naming the file, the line and the field: a missing required column
 * (line 1), a CSV row with more or fewer cells than the header, a missing or blank question, an answer that is not
 * among the options, a repeated id (naming both lines), a non-numeric hardness value, malformed JSON.
 *
 * <pre>{@code
 * UserDataset mine = UserDatasetLoader.builder().build().load(Path.of("my-questions.csv"));
 * List<HardnessMeasure> measures = UserMeasures.of(mine);          // 30/70 quantile cutoffs
 * }</pre>
 */
public final class UserDatasetLoader {

    /** The default prefix of hardness columns. */
    public static final String DEFAULT_HARDNESS_PREFIX = "hardness_";
    /** The default separator of options within one CSV {@code options} cell. */
    public static final String DEFAULT_OPTION_DELIMITER = "|";

    private static final Set<String> RESERVED = Set.of("id", "question", "options", "answer", "reasoning", "split",
            "hardness");

    private final String name;
    private final String hardnessPrefix;
    private final List<String> hardnessColumns;
    private final String optionDelimiter;
    private final boolean lengthMeasures;
    private final ObjectMapper json = new ObjectMapper();

    private UserDatasetLoader(Builder builder) {
        this.name = builder.name;
        this.hardnessPrefix = builder.hardnessPrefix;
        this.hardnessColumns = builder.hardnessColumns;
        this.optionDelimiter = builder.optionDelimiter;
        this.lengthMeasures = builder.lengthMeasures;
    }

    /** A builder with the defaults above. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a CSV or JSONL file.
     *
     * @throws DataFormatException naming file, line and field for any bad row, or the file for an unknown extension
     *     or a file without items
     */
    public UserDataset load(Path file) {
        String fileName = file.getFileName().toString();
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (Files.isDirectory(file)) {
            throw new DataFormatException(file, 0, "is a directory; give the dataset file itself (.csv or .jsonl)");
        }
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, 0, "no such file");
        }
        List<UserRow> rows;
        if (lower.endsWith(".csv")) {
            rows = readCsv(file);
        } else if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            rows = readJsonLines(file);
        } else {
            throw new DataFormatException(file, 0, "unknown file type; use .csv, .jsonl or .ndjson");
        }
        if (rows.isEmpty()) {
            throw new DataFormatException(file, 0, "holds no items");
        }
        String stem = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        String datasetName = name != null ? name : stem;
        List<Item> items = new ArrayList<>();
        Map<String, Long> lineOfId = new HashMap<>();
        Set<String> measures = new LinkedHashSet<>();
        boolean anyReasoning = false;
        for (UserRow row : rows) {
            Long earlier = lineOfId.putIfAbsent(row.id, row.line);
            if (earlier != null) {
                throw new DataFormatException(file, row.line, "field id: '" + row.id + "' repeats the id of line "
                        + earlier);
            }
            measures.addAll(row.hardness.keySet());
            anyReasoning |= !row.reasoning.isEmpty();
            items.add(row.toItem(stem));
        }
        List<String> added = new ArrayList<>();
        if (lengthMeasures) {
            List<Item> withLengths = new ArrayList<>(items.size());
            for (Item item : items) {
                Map<String, Double> lengths = LengthMeasures.of(item.question(), item.answer(),
                        anyReasoning ? item.reasoning() : null);
                Item updated = item;
                for (Map.Entry<String, Double> length : lengths.entrySet()) {
                    if (!measures.contains(length.getKey())) {
                        updated = updated.withHardness(length.getKey(), length.getValue());
                    }
                }
                withLengths.add(updated);
            }
            items = withLengths;
            LengthMeasures.of("", "", anyReasoning ? "" : null).keySet().stream()
                    .filter(measure -> !measures.contains(measure)).forEach(added::add);
        }
        return new UserDataset(file, new Dataset(DatasetId.USER, datasetName, items), List.copyOf(measures), added,
                DataChecksums.sha256(file));
    }

    // ------------------------------------------------------------------------------------------------------- CSV

    private List<UserRow> readCsv(Path file) {
        CsvRows.Table table;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            table = CsvRows.readWithHeader(file, reader, "question, options, answer, ...");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        UserCsvHeader header = UserCsvHeader.of(table.header(), file, this);
        List<UserRow> rows = new ArrayList<>();
        for (CsvRows.Located record : table.rows()) {
            rows.add(header.row(record, file, record.line(), rows.size() + 1));
        }
        return rows;
    }

    List<String> splitOptions(String cell, UserRow row) {
        String text = cell.strip();
        if (text.startsWith("[")) {
            try {
                JsonNode array = json.readTree(text);
                return row.textList(array, "options");
            } catch (JsonProcessingException e) {
                throw row.error("field options: starts with '[' but is not a JSON array of strings ("
                        + e.getOriginalMessage() + ")");
            }
        }
        List<String> options = new ArrayList<>();
        if (text.isEmpty()) {
            return options;
        }
        int start = 0;
        while (true) {
            int at = text.indexOf(optionDelimiter, start);
            options.add(text.substring(start, at < 0 ? text.length() : at).strip());
            if (at < 0) {
                return options;
            }
            start = at + optionDelimiter.length();
        }
    }

    static double parseNumber(String cell, String column, UserRow row) {
        String text = cell.strip();
        if (text.isEmpty() || text.equals("NA") || text.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        try {
            double value = Double.parseDouble(text);
            if (Double.isInfinite(value)) {
                throw row.error("field " + column + ": hardness value '" + cell + "' is infinite");
            }
            return value;
        } catch (NumberFormatException e) {
            throw row.error("field " + column + ": hardness value '" + cell + "' is not a number");
        }
    }

    /** The measure a column gives, or null when it is not a hardness column. */
    String measureName(String column) {
        if (hardnessColumns.contains(column)) {
            return column;
        }
        if (!hardnessPrefix.isEmpty() && column.startsWith(hardnessPrefix) && column.length() > hardnessPrefix.length()) {
            return column.substring(hardnessPrefix.length());
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------------ JSONL

    private List<UserRow> readJsonLines(Path file) {
        List<UserRow> rows = new ArrayList<>();
        for (JsonRecords.Located record : new JsonRecords().readLines(file)) {
            rows.add(jsonRow(record, rows.size() + 1));
        }
        return rows;
    }

    private UserRow jsonRow(JsonRecords.Located record, int rowNumber) {
        JsonNode node = record.node();
        UserRow row = new UserRow(record.file(), record.line());
        JsonNode id = node.get("id");
        if (id == null || id.isNull()) {
            row.id = Integer.toString(rowNumber);
        } else if (id.isTextual() || id.isIntegralNumber()) {
            row.id = id.asText().strip();
            if (row.id.isEmpty()) {
                throw row.error("field id: empty");
            }
        } else {
            throw row.error("field id: should be a string or a whole number, is " + id.getNodeType());
        }
        row.question = textField(node, "question", row, true);
        row.reasoning = textField(node, "reasoning", row, false);
        String split = textField(node, "split", row, false);
        row.split = split.isEmpty() ? null : split;
        JsonNode options = node.get("options");
        if (options != null && !options.isNull()) {
            row.options = row.textList(options, "options");
            row.hasOptions = true;
        }
        JsonNode answer = node.get("answer");
        if (answer == null || answer.isNull()) {
            throw row.error("field answer: missing");
        }
        if (answer.isIntegralNumber()) {
            row.answerIndex = answer.asInt();
            row.answerText = answer.asText();
        } else if (answer.isTextual()) {
            row.answerText = answer.asText();
        } else {
            throw row.error("field answer: should be the gold option's text, its letter or its 0-based index, is "
                    + answer.getNodeType());
        }
        JsonNode nested = node.get("hardness");
        if (nested != null && !nested.isNull()) {
            if (!nested.isObject()) {
                throw row.error("field hardness: should be an object of measure → number");
            }
            nested.fields().forEachRemaining(entry -> row.putHardness("hardness." + entry.getKey(), entry.getKey(),
                    jsonNumber(entry.getValue(), "hardness." + entry.getKey(), row)));
        }
        node.fields().forEachRemaining(entry -> {
            String field = entry.getKey();
            if (RESERVED.contains(field)) {
                return;
            }
            String measure = measureName(field);
            if (measure != null) {
                row.putHardness(field, measure, jsonNumber(entry.getValue(), field, row));
            } else {
                JsonNode value = entry.getValue();
                row.attributes.put(field, value.isValueNode() ? value.asText() : value.toString());
            }
        });
        row.validate();
        return row;
    }

    private static String textField(JsonNode node, String field, UserRow row, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw row.error("field " + field + ": missing");
            }
            return "";
        }
        if (!value.isTextual()) {
            throw row.error("field " + field + ": should be a string, is " + value.getNodeType());
        }
        return value.asText();
    }

    private static double jsonNumber(JsonNode value, String field, UserRow row) {
        if (value.isNull()) {
            return Double.NaN;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {
            return parseNumber(value.asText(), field, row);
        }
        throw row.error("field " + field + ": hardness value should be a number, is " + value.getNodeType());
    }

    /** Builds a {@link UserDatasetLoader}; every setting has a default. */
    public static final class Builder {
        private String name;
        private String hardnessPrefix = DEFAULT_HARDNESS_PREFIX;
        private List<String> hardnessColumns = List.of();
        private String optionDelimiter = DEFAULT_OPTION_DELIMITER;
        private boolean lengthMeasures = true;

        private Builder() {
        }

        /** The dataset's name in tables, records and result sheets (default: the file's name without extension). */
        public Builder optName(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Prefix that marks hardness columns (default {@code hardness_}; "" for none). */
        public Builder optHardnessPrefix(String prefix) {
            this.hardnessPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** Columns (or JSONL fields) that are hardness measures under their own name, prefix or not. */
        public Builder optHardnessColumns(List<String> columns) {
            this.hardnessColumns = List.copyOf(columns);
            return this;
        }

        /** Separator of options inside one CSV {@code options} cell (default {@code |}). */
        public Builder optOptionDelimiter(String delimiter) {
            if (delimiter == null || delimiter.isEmpty()) {
                throw new IllegalArgumentException("the option delimiter must not be empty");
            }
            this.optionDelimiter = delimiter;
            return this;
        }

        /** Whether to add the paper's length measures (default true). */
        public Builder optLengthMeasures(boolean add) {
            this.lengthMeasures = add;
            return this;
        }

        /** The loader. */
        public UserDatasetLoader build() {
            return new UserDatasetLoader(this);
        }
    }
}
