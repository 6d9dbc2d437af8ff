package org.easy2hard.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.easy2hard.io.AtomicFiles;

/**
 * Writes items as a user-dataset CSV that {@link UserDatasetLoader} reads back to the same items: columns
 * {@code id, question, option_1..option_k, answer, reasoning, split}, one column per kept attribute and
 * {@code hardness_<measure>} per chosen measure. Useful to hand a subset of the paper's data to another tool, or to
 * start a dataset of one's own from an existing one. The file is written whole or not at all.
 */
public final class UserDatasetWriter {

    private UserDatasetWriter() {
    }

    /**
     * Writes a CSV.
     *
     * @param items    the items (multiple choice or generative, not mixed)
     * @param measures the hardness measures to write, each as {@code hardness_<measure>}; an item without a value
     *                 gets an empty cell
     * @param file     the target file
     * @throws IllegalArgumentException when multiple-choice and generative items are mixed
     */
    public static void writeCsv(List<Item> items, List<String> measures, Path file) {
        boolean multipleChoice = !items.isEmpty() && items.get(0).isMultipleChoice();
        if (items.stream().anyMatch(item -> item.isMultipleChoice() != multipleChoice)) {
            throw new IllegalArgumentException("the items mix multiple-choice and generative questions; write them "
                    + "to separate files");
        }
        int maxOptions = items.stream().mapToInt(item -> item.options().size()).max().orElse(0);
        boolean reasoning = items.stream().anyMatch(item -> !item.reasoning().isEmpty());
        Set<String> attributes = new LinkedHashSet<>();
        items.forEach(item -> attributes.addAll(item.attributes().keySet()));
        List<String> header = new ArrayList<>(List.of("id", "question"));
        for (int i = 1; i <= maxOptions; i++) {
            header.add("option_" + i);
        }
        header.add("answer");
        if (reasoning) {
            header.add("reasoning");
        }
        header.add("split");
        header.addAll(attributes);
        measures.forEach(measure -> header.add(UserDatasetLoader.DEFAULT_HARDNESS_PREFIX + measure));
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            printer.printRecord(header);
            for (Item item : items) {
                List<String> row = new ArrayList<>(List.of(item.id(), item.question()));
                for (int i = 0; i < maxOptions; i++) {
                    row.add(i < item.options().size() ? item.options().get(i) : "");
                }
                row.add(answerCell(item));
                if (reasoning) {
                    row.add(item.reasoning());
                }
                row.add(item.split());
                attributes.forEach(attribute -> row.add(item.attributes().getOrDefault(attribute, "")));
                for (String measure : measures) {
                    row.add(item.hardness(measure).isPresent() ? number(item.hardness(measure).getAsDouble()) : "");
                }
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot format " + file, e);
        }
        try {
            AtomicFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * The gold answer in a form the loader resolves back to the same option: its text, or its letter when several
     * options share that text (real MMLU items repeat options now and then).
     */
    static String answerCell(Item item) {
        if (!item.isMultipleChoice()) {
            return item.answer();
        }
        String text = item.options().get(item.goldIndex()).strip();
        long sharing = item.options().stream().filter(option -> option.strip().equals(text)).count();
        return sharing == 1 && !text.isEmpty() ? text : String.valueOf((char) ('A' + item.goldIndex()));
    }

    /** Whole numbers without ".0", others in Java's shortest round-trip form. */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }
}
