package org.easy2hard.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The notebooks in {@code notebooks/} keep the layout every notebook relies on: the project's kernel, the two
 * {@code %jars} cells that make them work on any IJava kernel, renderer registration, prose between the code, and
 * no stored outputs (outputs belong to executed copies, not to the sources).
 */
class NotebookFilesTest {

    static Stream<Path> notebooks() throws IOException {
        return Files.list(Path.of("notebooks")).filter(path -> path.toString().endsWith(".ipynb")).sorted();
    }

    private static JsonNode read(Path notebook) throws IOException {
        return new ObjectMapper().readTree(notebook.toFile());
    }

    private static Stream<JsonNode> cells(Path notebook, String type) throws IOException {
        List<JsonNode> cells = new java.util.ArrayList<>();
        read(notebook).path("cells").forEach(cells::add);
        return cells.stream().filter(cell -> cell.path("cell_type").asText().equals(type));
    }

    private static String source(JsonNode cell) {
        StringBuilder text = new StringBuilder();
        cell.path("source").forEach(line -> text.append(line.asText()));
        return text.toString();
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void runsOnTheProjectKernel(Path notebook) throws IOException {
        assertEquals("easy2hard-java", read(notebook).path("metadata").path("kernelspec").path("name").asText());
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void loadsTheLibraryInItsFirstCodeCellsAndRegistersRenderers(Path notebook) throws IOException {
        List<String> code = cells(notebook, "code").map(NotebookFilesTest::source).toList();
        assertEquals("%jars ../target/lib/*.jar", code.get(0));
        assertEquals("%jars ../target/easy2hard.jar", code.get(1));
        assertTrue(code.get(2).contains("Notebooks.register();"), code.get(2));
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void tellsAStoryInProseCells(Path notebook) throws IOException {
        long prose = cells(notebook, "markdown").count();
        assertTrue(prose >= 3, notebook + " has " + prose + " markdown cells");
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void keepsNoOutputs(Path notebook) throws IOException {
        read(notebook).path("cells").forEach(cell -> assertEquals(0, cell.path("outputs").size(), notebook.toString()));
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void marksExactlyOneKeyTableForTheIndexPage(Path notebook) throws IOException {
        long tagged = cells(notebook, "code")
                .filter(cell -> cell.path("metadata").path("tags").toString().contains(NotebookIndex.KEY_TABLE_TAG))
                .count();
        assertEquals(1, tagged, notebook.toString());
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void saysInItsFirstProseCellHowLongItTakesColdAndCached(Path notebook) throws IOException {
        String first = cells(notebook, "markdown").map(NotebookFilesTest::source).findFirst().orElse("");
        assertTrue(first.contains("Time on 2 cores") && first.contains("cold") && first.contains("cached"), first);
    }
}
