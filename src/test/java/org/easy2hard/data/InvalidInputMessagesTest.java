package org.easy2hard.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad bytes, empty files and directories given as files are reported with the right place and a reason. */
class InvalidInputMessagesTest {

    @TempDir
    Path root;

    /** {@code good} lines of valid UTF-8 text from {@code row}, then a line with a Latin-1 é, then one more. */
    private static byte[] withBadByteOnLine(String header, java.util.function.IntFunction<String> row, int badLine)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int line = 1;
        if (header != null) {
            out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
            line++;
        }
        for (; line < badLine; line++) {
            out.write((row.apply(line) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String bad = row.apply(line).replace("planet", "plan\u00e9t");
        out.write(bad.getBytes(StandardCharsets.ISO_8859_1));
        out.write('\n');
        out.write((row.apply(line + 1) + "\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void aBadByteInACsvIsReportedOnItsOwnLineWithAReason() throws IOException {
        Path file = root.resolve("mine.csv");
        Files.write(file, withBadByteOnLine("question,option_a,option_b,answer,hardness_grade",
                i -> "Which planet is number " + i + "?,Mars,Venus,A," + (i % 9), 200));
        DataFormatException error = assertThrows(DataFormatException.class,
                () -> UserDatasetLoader.builder().build().load(file));
        assertEquals(200, error.line());
        assertTrue(error.getMessage().contains("not valid UTF-8") && error.getMessage().contains("0xE9"),
                error.getMessage());
    }

    @Test
    void aBadByteInJsonLinesIsReportedOnItsLineWithAReason() throws IOException {
        Path file = root.resolve("mine.jsonl");
        Files.write(file, withBadByteOnLine(null, i -> "{\"question\": \"Which planet is number " + i
                + "?\", \"options\": [\"Mars\", \"Venus\"], \"answer\": 0, \"hardness_grade\": " + (i % 9) + "}", 120));
        DataFormatException error = assertThrows(DataFormatException.class,
                () -> UserDatasetLoader.builder().build().load(file));
        assertEquals(120, error.line());
        assertTrue(error.getMessage().contains("not valid UTF-8"), error.getMessage());
    }

    @Test
    void aDirectoryGivenAsTheDataFileIsCalledOne() {
        DataFormatException error = assertThrows(DataFormatException.class,
                () -> UserDatasetLoader.builder().build().load(root));
        assertTrue(error.getMessage().contains("is a directory"), error.getMessage());
    }

    @Test
    void anEmptiedArcQuestionFileIsNamed() throws IOException {
        DataStore shared = SharedData.store();
        Path copy = root.resolve("data");
        for (String relative : ArcLoader.FILES) {
            copyInto(shared.root(), copy, relative);
        }
        copyInto(shared.root(), copy, ArcLoader.ANNOTATIONS);
        Path emptied = copy.resolve("arc/ARC-Challenge/ARC-Challenge-Test.jsonl");
        Files.write(emptied, new byte[0]);
        DataFormatException error = assertThrows(DataFormatException.class, () -> Datasets.arc(DataStore.at(copy)));
        assertEquals(emptied, error.file());
        assertTrue(error.getMessage().contains("holds no questions"), error.getMessage());
    }

    private static void copyInto(Path from, Path to, String relative) throws IOException {
        Files.createDirectories(to.resolve(relative).getParent());
        Files.copy(from.resolve(relative), to.resolve(relative), StandardCopyOption.REPLACE_EXISTING);
    }
}
