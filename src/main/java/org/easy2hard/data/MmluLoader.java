package org.easy2hard.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/**
 * Loads MMLU-STEM-5 as the paper does (paper-spec §2): the validation and test CSVs of five high-school subjects
 * (the easy side, {@code human_hardness = 0}) and the five matching college subjects ({@code = 1}): 1,746 items.
 *
 * <p>The CSVs have no header ({@code question,A,B,C,D,answer_letter}), quoted fields with embedded newlines and
 * mixed line ends, so they are read with an RFC-4180 parser; a record is one item, not one line.
 */
public final class MmluLoader {

    /** The five subject areas, each with a high-school and a college subject. */
    public static final List<String> AREAS = List.of("biology", "chemistry", "computer_science", "mathematics",
            "physics");
    /** The splits pooled, in load order (the 5-shot {@code dev} split is not used). */
    public static final List<String> SPLITS = List.of("val", "test");

    private static final String LETTERS = "ABCD";

    /** The CSV of one subject and split, relative to the data directory. */
    static String file(String subject, String split) {
        return "mmlu/" + split + "/" + subject + "_" + split + ".csv";
    }

    /** All 1,746 items: every high-school subject, then every college subject, each val then test. */
    public Dataset load(DataStore store) {
        List<Item> items = new ArrayList<>();
        for (String level : List.of("high_school", "college")) {
            for (String area : AREAS) {
                String subject = level + "_" + area;
                for (String split : SPLITS) {
                    Path file = store.require(file(subject, split));
                    items.addAll(readFile(file, subject, split, level.equals("college") ? 1 : 0));
                }
            }
        }
        return new Dataset(DatasetId.MMLU, "mmlu_STEM-5", items);
    }

    private static List<Item> readFile(Path file, String subject, String split, int college) {
        List<Item> items = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int row = 0;
            for (CsvRows.Located record : CsvRows.read(file, reader)) {
                items.add(parse(record.record(), file, record.line(), subject, split, row++, college));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return items;
    }

    private static Item parse(CSVRecord record, Path file, long line, String subject, String split, int row,
            int college) {
        if (record.size() != 6) {
            throw new DataFormatException(file, line, "expected 6 fields (question, A, B, C, D, answer letter), found "
                    + record.size());
        }
        String letter = record.get(5).strip();
        int gold = letter.length() == 1 ? LETTERS.indexOf(letter.charAt(0)) : -1;
        if (gold < 0) {
            throw new DataFormatException(file, line, "field 6 (answer): unknown answer label '" + record.get(5)
                    + "' (expected A, B, C or D)");
        }
        List<String> options = List.of(record.get(1), record.get(2), record.get(3), record.get(4));
        String question = record.get(0);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("subject", subject);
        attributes.put("answer_key", letter);
        Map<String, Double> hardness = new LinkedHashMap<>();
        hardness.put("human_hardness", (double) college);
        hardness.putAll(LengthMeasures.of(question, options.get(gold), null));
        String id = subject + "/" + split + "/" + row;
        return new Item(id, DatasetId.MMLU, split, question, options, gold, options.get(gold), "", List.of(),
                attributes, hardness);
    }
}
