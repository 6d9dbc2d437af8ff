package org.easy2hard.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input ends in an error that names the file and the line (fixtures written here). */
class MalformedInputTest {

    private static final String ARC_ROW = "{\"id\":\"Q%d\",\"question\":{\"stem\":\"Which is a planet?\",\"choices\":["
            + "{\"text\":\"Mars\",\"label\":\"A\"},{\"text\":\"Moon\",\"label\":\"B\"},{\"text\":\"Sun\",\"label\":\"C\"},"
            + "{\"text\":\"Comet\",\"label\":\"D\"}]},\"answerKey\":\"%s\"}";
    private static final String ANNOTATION = "\t\"ARCEZ_Q%d\":{\r\n\t\t\"grade\":\"%s\",\r\n\t\t\"bloom\":\"Applying\","
            + "\r\n\t\t\"depth_of_knowledge\":\"II\",\r\n\t\t\"difficulty\":\"Medium\"\r\n\t}";

    @TempDir
    Path root;

    @Test
    void arcFixtureLoadsWhenWellFormed() throws IOException {
        writeArc(String.format(ARC_ROW, 1, "A") + "\n" + String.format(ARC_ROW, 2, "C") + "\n", "Grade 05", "Biology");
        Dataset arc = new ArcLoader().load(DataStore.at(root));
        // Q2's grade is a subject name, which the paper drops.
        assertEquals(1, arc.size());
        assertEquals(5.0, arc.items().get(0).hardness("human_grade").orElseThrow());
    }

    @Test
    void truncatedJsonLineNamesFileAndLine() throws IOException {
        String truncated = String.format(ARC_ROW, 2, "A").substring(0, 60);
        writeArc(String.format(ARC_ROW, 1, "A") + "\n" + truncated + "\n", "Grade 05", "Grade 06");
        DataFormatException error = assertThrows(DataFormatException.class, () -> new ArcLoader().load(DataStore.at(root)));
        assertEquals(root.resolve("arc/ARC-Easy/ARC-Easy-Train.jsonl"), error.file());
        assertEquals(2, error.line());
        assertTrue(error.getMessage().contains("ARC-Easy-Train.jsonl:2: malformed JSON line"), error.getMessage());
    }

    @Test
    void unknownArcAnswerLabelNamesFileLineAndLabels() throws IOException {
        writeArc(String.format(ARC_ROW, 1, "E") + "\n", "Grade 05", "Grade 06");
        DataFormatException error = assertThrows(DataFormatException.class, () -> new ArcLoader().load(DataStore.at(root)));
        assertEquals(1, error.line());
        assertTrue(error.getMessage().endsWith("item Q1: unknown answer label 'E' (the choices are labelled A, B, C, D)"),
                error.getMessage());
    }

    @Test
    void annotationWithUnknownGradeNamesFileAndLine() throws IOException {
        writeArc(String.format(ARC_ROW, 1, "A") + "\n", "Grade 05", "Kindergarten");
        DataFormatException error = assertThrows(DataFormatException.class, () -> new ArcLoader().load(DataStore.at(root)));
        assertEquals(root.resolve(ArcLoader.ANNOTATIONS), error.file());
        // "{", then Q1's entry spans lines 2-7, Q2's key is on line 8.
        assertEquals(8, error.line());
        assertTrue(error.getMessage().contains("unknown grade 'Kindergarten'"), error.getMessage());
    }

    @Test
    void missingFileIsNamedWithHowToGetIt() {
        DataFormatException error = assertThrows(DataFormatException.class, () -> new Gsm8kLoader().load(DataStore.at(root)));
        assertEquals(root.resolve("gsm8k/train.jsonl"), error.file());
        assertTrue(error.getMessage().contains("file is missing from the data directory"), error.getMessage());
        assertTrue(error.getMessage().contains("easy2hard data download"), error.getMessage());
    }

    @Test
    void mmluRowWithThreeOptionsNamesFileAndLine() throws IOException {
        writeMmlu("college_physics", "test", "\"What is\r\nlight?\",a wave,a particle,both,neither,C\r\n"
                + "Speed of sound?,fast,slow,medium,B\r\n");
        DataFormatException error = assertThrows(DataFormatException.class, () -> new MmluLoader().load(DataStore.at(root)));
        assertEquals(root.resolve("mmlu/test/college_physics_test.csv"), error.file());
        // The first record spans lines 1-2 (a quoted line break), so the bad one starts on line 3.
        assertEquals(3, error.line());
        assertTrue(error.getMessage().contains("expected 6 fields (question, A, B, C, D, answer letter), found 5"),
                error.getMessage());
    }

    @Test
    void mmluUnknownAnswerLetterNamesFileAndLine() throws IOException {
        writeMmlu("high_school_biology", "val", "What is DNA?,a,b,c,d,A\nWhat is RNA?,a,b,c,d,F\n");
        DataFormatException error = assertThrows(DataFormatException.class, () -> new MmluLoader().load(DataStore.at(root)));
        assertEquals(2, error.line());
        assertTrue(error.getMessage().contains("unknown answer label 'F'"), error.getMessage());
    }

    @Test
    void gsm8kAnswerWithoutMarkerNamesFileAndLine() throws IOException {
        write("gsm8k/train.jsonl", "{\"question\":\"1+1?\",\"answer\":\"1+1=2\\n#### 2\"}\n"
                + "{\"question\":\"2+2?\",\"answer\":\"2+2=4, so 4\"}\n");
        write("gsm8k/test.jsonl", "");
        DataFormatException error = assertThrows(DataFormatException.class, () -> new Gsm8kLoader().load(DataStore.at(root)));
        assertEquals(2, error.line());
        assertTrue(error.getMessage().contains("no '####'"), error.getMessage());
    }

    @Test
    void strategyQaRecordWithoutAnswerNamesTheLineItStartsOn() throws IOException {
        write("strategyqa/train.json", "[\n  {\"qid\": \"a\", \"question\": \"Is water wet?\", \"answer\": true,\n"
                + "   \"facts\": [\"Water is wet.\"], \"decomposition\": [\"Is water wet?\"]},\n"
                + "  {\"qid\": \"b\", \"question\": \"Is fire cold?\",\n"
                + "   \"facts\": [], \"decomposition\": []}\n]\n");
        write("strategyqa/dev.json", "[]");
        DataFormatException error = assertThrows(DataFormatException.class,
                () -> new StrategyQaLoader().load(DataStore.at(root)));
        assertEquals(4, error.line());
        assertTrue(error.getMessage().contains("qid b: field 'answer' should be true or false"), error.getMessage());
    }

    private void writeArc(String easyTrain, String grade1, String grade2) throws IOException {
        for (String file : ArcLoader.FILES) {
            write(file, "");
        }
        write("arc/ARC-Easy/ARC-Easy-Train.jsonl", easyTrain);
        write(ArcLoader.ANNOTATIONS, "{\r\n" + String.format(ANNOTATION, 1, grade1) + ",\r\n"
                + String.format(ANNOTATION, 2, grade2) + "\r\n}\r\n");
    }

    private void writeMmlu(String subject, String split, String content) throws IOException {
        for (String level : new String[] {"high_school_", "college_"}) {
            for (String area : MmluLoader.AREAS) {
                for (String s : MmluLoader.SPLITS) {
                    write("mmlu/" + s + "/" + level + area + "_" + s + ".csv", "");
                }
            }
        }
        write("mmlu/" + split + "/" + subject + "_" + split + ".csv", content);
    }

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
