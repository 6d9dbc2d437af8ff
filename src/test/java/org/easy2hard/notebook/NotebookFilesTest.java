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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The notebooks in {@code notebooks/} keep the layout every notebook relies on: the project's kernel, one line of
 * set-up ({@code %load setup.jsh}: the two {@code %jars} lines that make them work on any IJava kernel, renderer
 * registration, the shared switches), prose between the code, and no stored outputs (outputs belong to executed
 * copies, not to the sources).
 */
class NotebookFilesTest {

    /** The one line of set-up every notebook starts with. */
    static final String SETUP_LINE = "%load setup.jsh";

    static final Path SETUP = Path.of("notebooks", "setup.jsh");

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
    void loadsTheSharedSetUpInItsFirstCodeCellAndNothingElseLoadsTheLibrary(Path notebook) throws IOException {
        List<String> code = cells(notebook, "code").map(NotebookFilesTest::source).toList();
        assertEquals(SETUP_LINE, code.get(0));
        for (String cell : code.subList(1, code.size())) {
            assertFalse(cell.contains("%jars") || cell.contains("Notebooks.register()"), notebook + ": " + cell);
        }
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void usesTheSetUpsSwitchesRatherThanItsOwn(Path notebook) throws IOException {
        for (String cell : cells(notebook, "code").map(NotebookFilesTest::source).toList()) {
            for (String declaration : List.of("boolean quick =", "String model =", "DataStore store =",
                    "List<String> models =", "System.getenv(\"EASY2HARD_QUICK\")", "System.getenv(\"EASY2HARD_MODEL\")")) {
                assertFalse(cell.contains(declaration), notebook + " declares its own " + declaration + " in: " + cell);
            }
        }
    }

    /** The set-up loads the library (the two {@code %jars} lines that make it work on any IJava kernel) first. */
    @Test
    void theSetUpLoadsTheLibraryAndRegistersRenderers() throws IOException {
        List<String> lines = Files.readAllLines(SETUP).stream().filter(line -> !line.isBlank() && !line.startsWith("//"))
                .toList();
        assertEquals("%jars ../target/lib/*.jar", lines.get(0));
        assertEquals("%jars ../target/easy2hard.jar", lines.get(1));
        assertTrue(lines.contains("import org.easy2hard.experiment.driver.*;"), lines.toString());
        assertTrue(lines.contains("import org.easy2hard.experiment.sheet.*;"), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("Notebooks.register();")), lines.toString());
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
