package org.easy2hard.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsSnapshotTest {

    private static final Path DOCS = Path.of("docs", "results");

    @TempDir
    Path dir;

    @Test
    void eachFigureIsNamedByItsNotebookAndTheLastLineOfItsCell() throws IOException {
        Path notebook = dir.resolve("07-x.ipynb");
        Files.writeString(notebook, """
                {"cells": [
                 {"cell_type": "code", "metadata": {}, "source": ["var a = 1;\\n", "Figures.one(a)   // note\\n", "\\n"],
                  "outputs": [{"output_type": "display_data", "data": {"image/png": "iVBORw0KGgo="}}]},
                 {"cell_type": "code", "metadata": {}, "source": ["table"],
                  "outputs": [{"output_type": "display_data", "data": {"text/html": "<table></table>"}}]},
                 {"cell_type": "code", "metadata": {}, "source": ["Figures.two()"],
                  "outputs": [{"output_type": "display_data", "data": {"image/png": "iVBORw0KGgo="}}]}
                ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
                """);
        assertEquals(List.of(new ResultsSnapshot.Figure("07-x-figure-1.png", "07-x.ipynb", "Figures.one(a)   // note"),
                new ResultsSnapshot.Figure("07-x-figure-2.png", "07-x.ipynb", "Figures.two()")),
                ResultsSnapshot.figures(notebook, "07-x"));
    }

    /** Every figure committed under docs/results still has its file and the notebook cell that draws it. */
    @Test
    void everyCommittedFiguresSourceCellStillExists() throws IOException {
        List<String> lines = Files.readAllLines(DOCS.resolve(ResultsSnapshot.MANIFEST));
        assertFalse(lines.isEmpty(), "docs/results/figures.tsv lists no figures");
        for (String line : lines) {
            String[] fields = line.split("\t", 3);
            assertEquals(3, fields.length, line);
            assertTrue(Files.isRegularFile(DOCS.resolve(fields[0])), "missing " + DOCS.resolve(fields[0]));
            assertTrue(Files.readString(Path.of("docs", "results", "README.md")).contains("](" + fields[0] + ")"),
                    fields[0] + " is not shown on docs/results/README.md");
            JsonNode notebook = new ObjectMapper().readTree(Path.of("notebooks", fields[1]).toFile());
            boolean found = false;
            for (JsonNode cell : notebook.path("cells")) {
                String source = ExecutedNotebooks.joined(cell.path("source"));
                found |= cell.path("cell_type").asText().equals("code")
                        && source.lines().map(String::strip).anyMatch(fields[2]::equals);
            }
            assertTrue(found, fields[0] + ": notebooks/" + fields[1] + " has no code cell with the line '" + fields[2]
                    + "' any more: rerun the notebooks and ResultsSnapshot (see docs/results/README.md)");
        }
    }
}
