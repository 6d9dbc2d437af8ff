package org.easy2hard.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's own dataset from CSV and JSONL: fields, answer forms, hardness columns, and every bad-row error. */
class UserDatasetLoaderTest {

    private static final Path DIR = Path.of("src/test/resources/org/easy2hard/data/user");

    private final UserDatasetLoader loader = UserDatasetLoader.builder().build();

    private UserDataset load(String file) {
        return loader.load(DIR.resolve(file));
    }

    @Test
    void readsACsvWithOneOptionsColumnAndEveryAnswerForm() {
        UserDataset data = load("questions.csv");
        Dataset items = data.dataset();
        assertEquals("questions", items.name());
        assertEquals(DatasetId.USER, items.id());
        assertEquals(List.of("q1", "q2", "q3", "q4", "q5"), items.items().stream().map(Item::id).toList());
        // Text, letter, 0-based index, JSON-array options, and text before letter ("B" is option 0 of B|C|A).
        assertEquals(List.of(1, 1, 1, 1, 0), items.items().stream().map(Item::goldIndex).toList());
        assertEquals(List.of("4", "carbon dioxide", "Jupiter", "100", "B"),
                items.items().stream().map(Item::answer).toList());
        assertEquals(List.of("90", "100", "110"), items.items().get(3).options());
        assertEquals("Which gas do plants take in?\n(one line break inside the quotes)",
                items.items().get(1).question());
        assertEquals("Add two and two.", items.items().get(0).reasoning());
        assertEquals("math", items.items().get(0).attributes().get("subject"));
        assertEquals("questions", items.items().get(0).split());
    }

    @Test
    void hardnessColumnsLoseTheirPrefixAndEmptyOrNaCellsAreMissing() {
        UserDataset data = load("questions.csv");
        assertEquals(List.of("steps", "grade"), data.hardnessColumns());
        assertEquals(List.of("question_num_words", "answer_num_words", "answer_num_chars", "reasoning_num_words"),
                data.lengthMeasures());
        Dataset items = data.dataset();
        assertEquals(OptionalDouble.of(2.5), items.items().get(4).hardness("steps"));
        assertEquals(OptionalDouble.empty(), items.items().get(2).hardness("steps"));
        assertEquals(OptionalDouble.empty(), items.items().get(4).hardness("grade"));
        assertEquals(OptionalDouble.of(5), items.items().get(0).hardness("question_num_words"));
        assertEquals(OptionalDouble.of(1), items.items().get(0).hardness("answer_num_chars"));
    }

    @Test
    void readsOptionColumnsWithFewerOptionsOnSomeRowsAndNumbersRowsWithoutIds() {
        UserDataset data = load("option-columns.csv");
        List<Item> items = data.dataset().items();
        assertEquals(List.of("1", "2", "3"), items.stream().map(Item::id).toList());
        assertEquals(List.of(2, 4, 3), items.stream().map(item -> item.options().size()).toList());
        assertEquals(List.of(0, 2, 2), items.stream().map(Item::goldIndex).toList());
        assertEquals(List.of("words"), data.hardnessColumns());
    }

    @Test
    void readsJsonLinesWithIndexNestedHardnessAndPrefixedFields() {
        UserDataset data = load("questions.jsonl");
        List<Item> items = data.dataset().items();
        assertEquals(List.of("a", "7", "3"), items.stream().map(Item::id).toList());
        assertEquals(List.of("green", "9", "whale"), items.stream().map(Item::answer).toList());
        assertEquals(List.of("grade", "steps"), data.hardnessColumns());
        assertEquals(Map.of("topic", "nature"), items.get(0).attributes());
        assertEquals(OptionalDouble.of(3), items.get(2).hardness("steps"));
        assertEquals(OptionalDouble.empty(), items.get(2).hardness("grade"));
        assertEquals("Whales breathe air.", items.get(2).reasoning());
    }

    @Test
    void declaredColumnsAreMeasuresUnderTheirOwnName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mine.csv");
        Files.writeString(file, "question,options,answer,difficulty\nQ one?,a|b,a,3\nQ two?,a|b,b,1\n");
        UserDataset data = UserDatasetLoader.builder().optHardnessColumns(List.of("difficulty")).optName("mine")
                .optLengthMeasures(false).build().load(file);
        assertEquals(List.of("difficulty"), data.measures());
        assertEquals(OptionalDouble.of(3), data.dataset().items().get(0).hardness("difficulty"));
        assertEquals(Map.of("mine.csv", DataChecksums.sha256(file)), data.checksums());
    }

    // -------------------------------------------------------------------------------------------- bad rows

    private void assertFails(String file, String expected) {
        DataFormatException error = assertThrows(DataFormatException.class, () -> load(file));
        assertEquals(DIR.resolve(file) + ":" + expected, error.getMessage());
    }

    @Test
    void aBlankQuestionNamesItsLineAndField() {
        assertFails("bad-missing-question.csv", "3: field question: missing or blank");
    }

    @Test
    void anAnswerNotAmongTheOptionsNamesItsLine() {
        assertFails("bad-answer.csv", "3: field answer: '5' is not among the options [3, 4, 6] (give the gold "
                + "option's text, its letter A..C or its 0-based index)");
    }

    @Test
    void aRepeatedIdNamesBothLines() {
        assertFails("bad-duplicate-id.csv", "4: field id: 'q1' repeats the id of line 2");
    }

    @Test
    void aNonNumericHardnessValueNamesItsColumn() {
        assertFails("bad-hardness.csv", "3: field hardness_steps: hardness value 'two' is not a number");
    }

    @Test
    void aRaggedRowNamesItsLine() {
        assertFails("bad-ragged.csv", "3: row has 5 cells but the header has 4 columns");
    }

    @Test
    void aMissingRequiredColumnIsReportedOnTheHeaderLine() {
        assertFails("bad-no-answer-column.csv", "1: header: missing required column 'answer'");
    }

    @Test
    void malformedJsonNamesItsLine() {
        DataFormatException error = assertThrows(DataFormatException.class, () -> load("bad-malformed.jsonl"));
        assertTrue(error.getMessage().startsWith(DIR.resolve("bad-malformed.jsonl") + ":2: malformed JSON line"),
                error.getMessage());
    }

    @Test
    void aJsonIndexOutOfRangeNamesItsLine() {
        assertFails("bad-answer-index.jsonl", "2: field answer: index 2 is not among the 2 options (0-based: 0..1)");
    }

    @Test
    void aJsonRowWithoutQuestionNamesItsLine() {
        assertFails("bad-missing-question.jsonl", "2: field question: missing");
    }

    @Test
    void anUnknownExtensionIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data.txt");
        Files.writeString(file, "question\n");
        DataFormatException error = assertThrows(DataFormatException.class, () -> loader.load(file));
        assertEquals(file + ": unknown file type; use .csv, .jsonl or .ndjson", error.getMessage());
    }

    @Test
    void repeatedOptionsNeedALetterOrIndexToSayWhichIsGold(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("repeats.csv");
        Files.writeString(file, "question,options,answer\nQ?,same|other|same,C\nQ2?,same|other|same,same\n");
        DataFormatException error = assertThrows(DataFormatException.class, () -> loader.load(file));
        assertEquals(file + ":3: field answer: 'same' is the text of options [A, C]; give the gold option's letter "
                + "or 0-based index", error.getMessage());
        Path fixed = dir.resolve("fixed.csv");
        Files.writeString(fixed, "question,options,answer\nQ?,same|other|same,C\n");
        Item item = loader.load(fixed).dataset().items().get(0);
        assertEquals(2, item.goldIndex());
        Path written = dir.resolve("written.csv");
        UserDatasetWriter.writeCsv(List.of(item), List.of(), written);
        assertEquals(2, loader.load(written).dataset().items().get(0).goldIndex());
    }

    // ------------------------------------------------------------------------------------------- real items

    @Test
    void realMmluItemsWrittenAsCsvLoadBackIdentically(@TempDir Path dir) {
        Dataset mmlu = Datasets.mmlu(SharedData.store());
        // Every item: commas, quotes, newlines and repeated options all occur in the real texts.
        List<Item> some = mmlu.items();
        assertEquals(1746, some.size());
        List<String> measures = List.of("human_hardness", "question_num_words", "answer_num_chars");
        Path file = dir.resolve("mmlu-sample.csv");
        UserDatasetWriter.writeCsv(some, measures, file);

        List<Item> back = loader.load(file).dataset().items();

        assertEquals(some.size(), back.size());
        for (int i = 0; i < some.size(); i++) {
            Item original = some.get(i);
            Item loaded = back.get(i);
            assertEquals(original.id(), loaded.id());
            assertEquals(original.question(), loaded.question());
            assertEquals(original.options(), loaded.options());
            assertEquals(original.goldIndex(), loaded.goldIndex());
            assertEquals(original.answer(), loaded.answer());
            assertEquals(original.split(), loaded.split());
            assertEquals(original.attributes(), loaded.attributes());
            assertEquals(original.hardness(), loaded.hardness(), original.id());
        }
    }
}
