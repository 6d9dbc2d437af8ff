package org.easy2hard.experiment.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.easy2hard.data.DataFormatException;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Reading sheets in the authors' format: a hand-written fixture with known values, and bad sheets. */
class ResultSheetImportTest {

    private static final Path DIR = Path.of("src/test/resources/org/easy2hard/experiment");

    private final ResultSheet authors = ResultSheet.read(DIR.resolve("authors-sheet.csv"));

    @Test
    void readsEveryColumnOfTheAuthorsSchema() {
        assertEquals(117, authors.columns().size());
        assertEquals(8, authors.rows().size());
        ResultSheet.Row easy = authors.rows().get(3);
        assertEquals(5, easy.line());
        assertEquals("learned", easy.probingMethod());
        assertEquals(160, easy.nTrain());
        assertEquals(0.52, easy.testAcc());
        assertEquals(0.031, easy.errorBar());
        assertEquals("52.00 \u00b1  3.10", easy.testAccStr());
        assertEquals("0040", easy.cells().get("prompt_id"));
        assertTrue(easy.bootIdx().isEmpty());
    }

    @Test
    void comparesUnsupervisedEasyAndHardOnHardTestItemsWithThePointSgr() {
        ExternalResults results = ExternalResults.of(authors);
        ExternalResults.Comparison probe = results.find("mmlu_STEM-5", "human_hardness", "learned", "Llama-2-70b")
                .orElseThrow();
        // The non-CoT zero-shot row (45%), not the CoT one (40%); the noisy (p = 0.1) easy row is left out.
        assertEquals(0.45, probe.unsupervised().orElseThrow().accuracy());
        assertEquals(0.04, probe.unsupervised().get().errorBar());
        assertEquals(0.52, probe.easy().orElseThrow().accuracy());
        assertEquals(0.55, probe.hard().orElseThrow().accuracy());
        assertEquals("52.0 ± 3.1", probe.easy().get().format());
        assertEquals(0.7, probe.sgr().orElseThrow(), 1e-12);
        assertTrue(probe.medium().isEmpty());
    }

    @Test
    void anSgrWithoutASupervisionGapIsUndefinedWithItsReason() {
        ExternalResults.Comparison qlora = ExternalResults.of(authors)
                .find("mmlu_STEM-5", "human_hardness", "finetuned", "Llama-2-70b").orElseThrow();
        assertTrue(qlora.sgr().isEmpty());
        assertEquals("undefined: H - U = -1.0 points, no supervision gap to recover", qlora.sgrNote());
    }

    @Test
    void theSheetBecomesATablesawTableWithNumericColumns() {
        Table table = authors.toTable();
        assertEquals(117, table.columnCount());
        assertEquals(0.52, table.doubleColumn("test_acc").getDouble(3));
        assertTrue(Double.isNaN(table.doubleColumn("human_grade_mean_TEST").getDouble(3)));
        assertEquals("learned", table.stringColumn("probing_method").get(3));
        Table comparisons = ExternalResults.of(authors).table();
        assertEquals(List.of("learned", "finetuned"), comparisons.stringColumn("method").asList());
        assertEquals(70.0, 100 * comparisons.doubleColumn("SGR (point)").getDouble(0), 1e-9);
    }

    private static void assertFails(String file, String expected) {
        DataFormatException error = assertThrows(DataFormatException.class, () -> ResultSheet.read(DIR.resolve(file)));
        assertEquals(DIR.resolve(file) + ":" + expected, error.getMessage());
    }

    @Test
    void aMissingColumnIsNamedOnLineOne() {
        assertFails("bad-missing-column.csv", "1: missing column 'hardness_var_name' (a result sheet needs model, "
                + "dataname, probing_method, n_train, hardness_var_name, train_on, test_on, test_acc)");
    }

    @Test
    void aNonNumericAccuracyNamesLineAndColumn() {
        assertFails("bad-accuracy.csv", "3: column test_acc: 'eighty' is not a number");
    }

    @Test
    void aRaggedRowNamesItsLine() {
        assertFails("bad-ragged.csv", "3: row has 7 cells but the header has 8 columns");
    }

    @Test
    void anItemLevelCorrectnessThatIsNotZeroOrOneNamesLineAndColumn() {
        Path file = DIR.resolve("bad-item-level.csv");
        DataFormatException error = assertThrows(DataFormatException.class, () -> ItemLevelSheet.read(file, "mmlu"));
        assertEquals(file + ":3: column accuracy1: '0.5' is not a correctness (0 or 1)", error.getMessage());
    }
}
