package org.easy2hard.experiment.sheet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.easy2hard.data.DatasetId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.easy2hard.experiment.ExperimentRunner;
import org.easy2hard.experiment.ExperimentSpec;
import org.easy2hard.experiment.Fixtures;
import org.easy2hard.experiment.RunResult;
import org.easy2hard.experiment.RunSummary;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.experiment.UnitResult;
import org.easy2hard.hardness.Level;
import org.easy2hard.stats.AccuracyResult;
import org.easy2hard.stats.GridBootstrap;
import org.easy2hard.stats.ItemGrid;
import org.easy2hard.stats.ItemResult;
import org.easy2hard.stats.SgrResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * Export of a run to the paper's result-sheet schema and back: the sheet's accuracies and error bars are the run's,
 * computed the way the authors' main.py does, and importing the sheet (and the item-level file) gives them back.
 */
class ResultSheetsTest {

    private static final GridBootstrap BOOTSTRAP = GridBootstrap.builder().optResamples(2000).build();

    @TempDir
    static Path dir;
    static RunResult run;
    static ResultSheets sheets;

    @BeforeAll
    static void runASmallExperiment() {
        run = ExperimentRunner.builder()
                .setSpec(new ExperimentSpec(DatasetId.STRATEGYQA, "num_steps",
                        List.of(TrainPool.NONE, TrainPool.EASY, TrainPool.HARD), 20, 3, 0))
                .setData(Fixtures.dataset(), Map.of())
                .setModelName("toy")
                .setSupervisedMethod(Fixtures.majority())
                .setUnsupervisedMethod(Fixtures.firstOption())
                .setRunDirectory(dir.resolve("run"))
                .build()
                .run();
        sheets = ResultSheets.builder().optBootstrap(BOOTSTRAP).optData(List.of(Fixtures.dataset())).build();
    }

    private static ResultSheet.Row row(ResultSheet sheet, String trainOn, String testOn) {
        return sheet.rows().stream().filter(r -> r.trainOn().equals(trainOn) && r.testOn().equals(testOn))
                .findFirst().orElseThrow();
    }

    private static List<ItemResult> records(TrainPool pool, int bootstrap, Level level) {
        return run.units().stream().filter(unit -> unit.pool() == pool && (bootstrap < 0 || unit.bootstrap() == bootstrap))
                .flatMap(unit -> unit.records().stream())
                .filter(r -> level == null || run.cutoffs().levelOf(r.hardness("num_steps")).orElseThrow() == level)
                .toList();
    }

    private static double accuracy(List<ItemResult> records) {
        return records.stream().mapToDouble(ItemResult::correctness).average().orElseThrow();
    }

    @Test
    void theSheetHasTheAuthorsColumnsInTheirOrder() {
        ResultSheet sheet = sheets.sheet(List.of(run));
        List<String> columns = sheet.columns();
        assertEquals(ResultSheets.RESULT_COLUMNS, columns.subList(0, 23));
        assertEquals("human_hardness_mean_TRAIN", columns.get(23));
        assertEquals("human_hardness_std_TEST", columns.get(26));
        assertEquals("reasoning_prob_model-avg_std_TEST", columns.get(23 + 84 - 1));
        assertEquals("math_prop_TRAIN", columns.get(107));
        assertEquals(117, columns.size());
        // 3 conditions x (all, easy, medium, hard), zero-shot first as train_on "all".
        assertEquals(12, sheet.rows().size());
        assertEquals(List.of("all", "all", "all", "all"), sheet.rows().subList(0, 4).stream()
                .map(ResultSheet.Row::trainOn).toList());
        assertEquals(List.of("all", "easy", "medium", "hard"), sheet.rows().subList(0, 4).stream()
                .map(ResultSheet.Row::testOn).toList());
    }

    @Test
    void testAccuracyIsTheMeanOverBootstrapsOfEachBootstrapsAccuracy() {
        ResultSheet.Row easyOnHard = row(sheets.sheet(List.of(run)), "easy", "hard");
        double expected = (accuracy(records(TrainPool.EASY, 0, Level.HARD)) + accuracy(records(TrainPool.EASY, 1,
                Level.HARD)) + accuracy(records(TrainPool.EASY, 2, Level.HARD))) / 3;
        assertEquals(expected, easyOnHard.testAcc(), 1e-15);
        assertEquals(20, easyOnHard.nTrain());
        assertEquals("strategy-qa", easyOnHard.dataname());
        assertEquals("majority", easyOnHard.probingMethod());
        assertEquals("supervised", easyOnHard.probeLoss());
        assertEquals(120.0, easyOnHard.nTest());
    }

    @Test
    void errorBarAndDisplayComeFromTheGridBootstrapOfTheSubset() {
        ResultSheet.Row hardOnHard = row(sheets.sheet(List.of(run)), "hard", "hard");
        AccuracyResult expected = BOOTSTRAP.accuracy(ItemGrid.fromRecords(records(TrainPool.HARD, -1, Level.HARD)));
        assertEquals(expected.accuracy().errorBar(), hardOnHard.errorBar(), 0);
        assertEquals(expected.effectiveSampleSize(), (int) hardOnHard.sampleSize());
        assertEquals(String.format(Locale.ROOT, "%5.2f \u00b1 %5.2f", 100 * expected.accuracy().bootstrapMean(),
                100 * expected.accuracy().errorBar()), hardOnHard.testAccStr());
        // Hard training items are not hard test items: fewer than 120 tested per bootstrap.
        assertEquals(100.0, hardOnHard.nTest());
    }

    @Test
    void zeroShotIsWrittenAsTheAuthorsWriteIt() {
        ResultSheet.Row zeroShot = row(sheets.sheet(List.of(run)), "all", "hard");
        assertEquals(0, zeroShot.nTrain());
        assertEquals("unsupervised", zeroShot.probeLoss());
        assertEquals("first-option", zeroShot.probingMethod());
        assertEquals("Unsupervised", zeroShot.supervision());
        assertEquals(accuracy(records(TrainPool.NONE, 0, Level.HARD)), zeroShot.testAcc(), 1e-15);
    }

    @Test
    void hardnessSummariesAreMeansAndSampleDeviationsOverTrainAndTestItems() {
        ResultSheet.Row easyOnAll = row(sheets.sheet(List.of(run)), "easy", "all");
        // Easy training items have 1 or 2 steps; the mean over draws of each draw's train mean lies in [1, 2].
        double trainMean = Double.parseDouble(easyOnAll.cells().get("num_steps_mean_TRAIN"));
        assertTrue(trainMean >= 1 && trainMean <= 2, Double.toString(trainMean));
        ResultSheet.Row hardOnHard = row(sheets.sheet(List.of(run)), "hard", "hard");
        assertEquals("", hardOnHard.cells().get("human_grade_mean_TEST"));
        double testMean = Double.parseDouble(hardOnHard.cells().get("num_steps_mean_TEST"));
        assertTrue(testMean >= 4 && testMean <= 5, Double.toString(testMean));
        // Hard test items have 4 or 5 steps, about half each: a sample deviation near 0.5.
        assertEquals(0.5, Double.parseDouble(hardOnHard.cells().get("num_steps_std_TEST")), 0.02);
    }

    @Test
    void theAllBootstrapsSheetHasOneRowPerBootstrap(@TempDir Path out) {
        Path file = out.resolve("all-boots.csv");
        sheets.writeAllBootstraps(List.of(run), file);
        ResultSheet sheet = ResultSheet.read(file);
        List<ResultSheet.Row> easyOnHard = sheet.rows().stream()
                .filter(r -> r.trainOn().equals("easy") && r.testOn().equals("hard")).toList();
        assertEquals(3, easyOnHard.size());
        for (int b = 0; b < 3; b++) {
            assertEquals(b, easyOnHard.get(b).bootIdx().orElseThrow());
            assertEquals(accuracy(records(TrainPool.EASY, b, Level.HARD)), easyOnHard.get(b).testAcc(), 1e-15);
            assertTrue(Double.isNaN(easyOnHard.get(b).errorBar()));
        }
    }

    @Test
    void exportThenImportGivesTheRunsAccuraciesAndErrorBars(@TempDir Path out) {
        Path file = out.resolve("sheet.csv");
        sheets.writeSheet(List.of(run), file);
        ExternalResults imported = ExternalResults.of(ResultSheet.read(file));
        ExternalResults.Comparison comparison = imported.find("strategy-qa", "num_steps", "majority", "toy")
                .orElseThrow();
        ResultSheet.Row exported = row(sheets.sheet(List.of(run)), "easy", "hard");
        assertEquals(exported.testAcc(), comparison.easy().orElseThrow().accuracy(), 0);
        assertEquals(exported.errorBar(), comparison.easy().orElseThrow().errorBar(), 0);
        AccuracyResult unsupervised = BOOTSTRAP.accuracy(ItemGrid.fromRecords(records(TrainPool.NONE, -1,
                Level.HARD)));
        assertEquals(unsupervised.estimate(), comparison.unsupervised().orElseThrow().accuracy(), 1e-15);
        assertEquals(unsupervised.accuracy().errorBar(), comparison.unsupervised().orElseThrow().errorBar(), 0);
        double u = comparison.unsupervised().get().accuracy();
        double expectedSgr = (comparison.easy().get().accuracy() - u) / (comparison.hard().get().accuracy() - u);
        assertEquals(expectedSgr, comparison.sgr().orElseThrow(), 1e-15);
        Table table = imported.table();
        assertEquals(1, table.rowCount());
        assertEquals(100 * exported.testAcc(), table.doubleColumn("Easy (%)").getDouble(0), 1e-12);
    }

    @Test
    void theItemLevelFileRebuildsTheGridsAndTheRealSgrInterval(@TempDir Path out) {
        Path file = out.resolve("item-level.csv");
        sheets.writeItemLevel(List.of(run), file);
        ItemLevelSheet items = ItemLevelSheet.read(file, "unused");
        assertEquals(run.records().size(), items.records().size());
        ExternalResults imported = ExternalResults.of(sheets.sheet(List.of(run)));
        Map<ExternalResults.Key, SgrResult> fromFile = imported.supervisionGapRecovered(items, BOOTSTRAP);
        SgrResult expected = new RunSummary(run, BOOTSTRAP).supervisionGapRecovered().orElseThrow();
        SgrResult actual = fromFile.values().iterator().next();
        assertEquals(expected.status(), actual.status());
        assertEquals(expected.supervisionGap(), actual.supervisionGap());
        assertEquals(expected.sgr(), actual.sgr());
        assertEquals(expected.sharedItems(), actual.sharedItems());
    }

    @Test
    void theItemLevelFileListsEveryProbingItemInOneOrderForEveryCondition(@TempDir Path out) throws Exception {
        Path file = out.resolve("item-level.csv");
        sheets.writeItemLevel(List.of(run), file);
        List<String> lines = Files.readAllLines(file).subList(1, Files.readAllLines(file).size());
        Map<String, List<String>> idsByCondition = new java.util.LinkedHashMap<>();
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            idsByCondition.computeIfAbsent(cells[7] + "/" + cells[9], c -> new java.util.ArrayList<>()).add(cells[0]);
        }
        List<String> dataOrder = Fixtures.dataset().items().stream().map(org.easy2hard.data.Item::id).toList();
        assertEquals(3, idsByCondition.size());
        idsByCondition.forEach((condition, ids) -> assertEquals(dataOrder, ids, condition));
        // An item easy-b0 trained on has no result in bootstrap 0: an empty cell, not a missing row.
        String trained = run.units().stream().filter(u -> u.unit().equals("easy-b0")).findFirst().orElseThrow()
                .trainIds().get(0);
        String row = lines.stream().filter(line -> line.startsWith(trained + ",") && line.contains(",easy,all,"))
                .findFirst().orElseThrow();
        assertTrue(row.startsWith(trained + ",,"), row);
    }

    @Test
    void aRunDirectoryReadsBackAsTheSameRun() {
        RunResult read = ResultSheets.readRun(run.directory());
        assertEquals(run.spec(), read.spec());
        assertEquals(run.cutoffs(), read.cutoffs());
        assertEquals(run.records(), read.records());
    }

    @Test
    void theItemLevelFileStartsWithTheIdAndHasOneAccuracyColumnPerBootstrap(@TempDir Path out) throws Exception {
        Path file = out.resolve("item-level.csv");
        sheets.writeItemLevel(List.of(run), file);
        String header = Files.readAllLines(file).get(0);
        assertEquals("id,accuracy,accuracy1,accuracy2,hardness_value,hardness_level_value,model,probing_method,"
                + "n_train,train_on,test_on,hardness_var_name,dataname", header);
        Optional<String> zeroShotLine = Files.readAllLines(file).stream().filter(line -> line.contains(",all,all,"))
                .findFirst();
        assertTrue(zeroShotLine.isPresent());
        assertTrue(zeroShotLine.get().matches("q\\d+,[01]\\.0,,,\\d\\.0,(easy|medium|hard),toy,first-option,0,all,"
                + "all,num_steps,strategy-qa"), zeroShotLine.get());
        assertFalse(Files.readString(file).contains("NaN"));
    }

    @Test
    void theCommandLineExportsRunDirectories(@TempDir Path out) {
        java.io.StringWriter text = new java.io.StringWriter();
        java.io.StringWriter errors = new java.io.StringWriter();
        Path sheet = out.resolve("sheet.csv");
        Path items = out.resolve("items.csv");
        int code = org.easy2hard.cli.Main.run(new java.io.PrintWriter(text), new java.io.PrintWriter(errors),
                "-d", out.resolve("no-data").toString(), "sheet", "export", run.directory().toString(),
                "--out", sheet.toString(), "--item-level", items.toString(), "--resamples", "2000");
        assertEquals(0, code, errors.toString());
        assertEquals("wrote " + sheet + " (12 rows from 1 run(s))\nwrote " + items + "\n", text.toString());
        ResultSheet.Row written = row(ResultSheet.read(sheet), "hard", "hard");
        assertEquals(row(sheets.sheet(List.of(run)), "hard", "hard").errorBar(), written.errorBar(), 0);
        assertEquals(run.records().size(), ItemLevelSheet.read(items, "x").records().size());
    }

    @Test
    void mmluRowsCarryTheSubjectProportionsOfTrainingAndTestItems(@TempDir Path out) {
        org.easy2hard.data.Dataset mmlu = org.easy2hard.data.Datasets.mmlu(org.easy2hard.data.SharedData.store());
        RunResult mmluRun = ExperimentRunner.builder()
                .setSpec(new ExperimentSpec(DatasetId.MMLU, "human_hardness", List.of(TrainPool.EASY), 50, 1, 0))
                .setData(mmlu, Map.of())
                .setModelName("toy")
                .setSupervisedMethod(Fixtures.majority())
                .setRunDirectory(out.resolve("mmlu"))
                .build()
                .run();
        ResultSheet sheet = ResultSheets.builder().optBootstrap(BOOTSTRAP).optData(List.of(mmlu)).build()
                .sheet(List.of(mmluRun));
        ResultSheet.Row easyOnHard = row(sheet, "easy", "hard");
        assertEquals("mmlu_STEM-5", easyOnHard.dataname());
        UnitResult unit = mmluRun.units().get(0);
        long mathTrain = unit.trainIds().stream().filter(id -> id.startsWith("high_school_mathematics/")).count();
        assertEquals(mathTrain / 50.0, Double.parseDouble(easyOnHard.cells().get("math_prop_TRAIN")), 1e-12);
        // The hard test items are the 603 college items: 111 of them are college mathematics.
        assertEquals(111 / 603.0, Double.parseDouble(easyOnHard.cells().get("math_prop_TEST")), 1e-12);
        double total = ResultSheets.MMLU_SUBJECT_COLUMNS.subList(5, 10).stream()
                .mapToDouble(column -> Double.parseDouble(easyOnHard.cells().get(column))).sum();
        assertEquals(1.0, total, 1e-12);
        assertEquals(1.0, Double.parseDouble(easyOnHard.cells().get("human_hardness_mean_TEST")));
        assertEquals(0.0, Double.parseDouble(easyOnHard.cells().get("human_hardness_mean_TRAIN")));
    }
}
