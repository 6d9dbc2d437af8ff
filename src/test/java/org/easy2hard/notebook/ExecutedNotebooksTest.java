package org.easy2hard.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutedNotebooksTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};

    @TempDir
    Path dir;

    private Path notebook(String name, boolean html, boolean png) throws Exception {
        String b64 = Base64.getEncoder().encodeToString(PNG);
        String outputs = "{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": [\"hi\\n\"]}";
        if (html) {
            outputs += ", {\"output_type\": \"execute_result\", \"execution_count\": 1, \"metadata\": {},"
                    + " \"data\": {\"text/html\": \"<table></table>\", \"text/plain\": \"t\"}}";
        }
        if (png) {
            // A multi-line base64 string stored as a list of lines, as nbformat allows.
            outputs += ", {\"output_type\": \"display_data\", \"metadata\": {}, \"data\": {\"image/png\": [\""
                    + b64.substring(0, 4) + "\\n\", \"" + b64.substring(4) + "\"], \"text/plain\": \"img\"}}";
        }
        String json = "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": ["
                + "{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": \"# t\"},"
                + "{\"cell_type\": \"code\", \"metadata\": {}, \"execution_count\": 1, \"source\": \"t\","
                + " \"outputs\": [" + outputs + "]}]}";
        Path file = dir.resolve(name);
        Files.writeString(file, json);
        return file;
    }

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ExecutedNotebooks.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void passesWithTablesAndFiguresAndExtractsThePngs() throws Exception {
        Path good = notebook("00-tour.ipynb", true, true);
        Path figures = dir.resolve("out");
        Result result = run("--figures", figures.toString(), good.toString());
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().contains("00-tour.ipynb: ok (1 figure(s)"), result.out());
        assertArrayEquals(PNG, Files.readAllBytes(figures.resolve("00-tour").resolve("figure-1.png")));
    }

    @Test
    void failsNamingTheNotebookThatLacksAType() throws Exception {
        Path good = notebook("00-tour.ipynb", true, true);
        Path noFigure = notebook("01-hardness-measures.ipynb", true, false);
        Path noTable = notebook("02-easy-to-hard.ipynb", false, true);
        Result result = run(good.toString(), noFigure.toString(), noTable.toString());
        assertEquals(1, result.status());
        assertTrue(result.err().contains("01-hardness-measures.ipynb: FAIL: no image/png output"), result.err());
        assertTrue(result.err().contains("02-easy-to-hard.ipynb: FAIL: no text/html output"), result.err());
        assertTrue(!result.err().contains("00-tour"), result.err());
    }

    @Test
    void failsOnErrorOutputsAndUnreadableFiles() throws Exception {
        Path file = dir.resolve("err.ipynb");
        Files.writeString(file, "{\"cells\": [{\"cell_type\": \"code\", \"outputs\": [{\"output_type\": \"error\","
                + " \"ename\": \"EvalException\", \"evalue\": \"boom\", \"traceback\": []}]}]}");
        Result result = run("--require", "", file.toString());
        assertEquals(1, result.status());
        assertTrue(result.err().contains("EvalException: boom"), result.err());
        Files.writeString(dir.resolve("bad.ipynb"), "not json");
        assertEquals(2, run(dir.resolve("bad.ipynb").toString()).status());
        assertEquals(2, run().status());
    }

    @Test
    void usageErrorsExitTwoAndSayWhatIsWrong() throws Exception {
        Path good = notebook("00-tour.ipynb", true, true);
        Result unknown = run("--figure", "out", good.toString());
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("Unknown option: '--figure'"), unknown.err());
        Result missingValue = run(good.toString(), "--figures");
        assertEquals(2, missingValue.status());
        assertTrue(missingValue.err().contains("--figures"), missingValue.err());
        Result noNotebook = run("--figures", "out");
        assertEquals(2, noNotebook.status());
        assertTrue(noNotebook.err().contains("NOTEBOOK.ipynb"), noNotebook.err());
    }

    @Test
    void requiresOnlyTheTypesAsked() throws Exception {
        Path tableOnly = notebook("01-hardness-measures.ipynb", true, false);
        assertEquals(0, run("--require", "text/html", tableOnly.toString()).status());
        assertEquals(1, run("--require", "text/html,image/png", tableOnly.toString()).status());
    }

    @Test
    void stemDropsTheNbconvertSuffix() {
        ExecutedNotebooks.Contents contents = new ExecutedNotebooks.Contents(Path.of("x/02-easy.nbconvert.ipynb"),
                java.util.Set.of(), List.of(), List.of());
        assertEquals("02-easy", contents.stem());
    }
}
