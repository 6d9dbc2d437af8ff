package org.easy2hard.experiment.sheet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import org.easy2hard.data.DataFormatException;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.experiment.DriverData;
import org.easy2hard.experiment.DriverResult;
import org.easy2hard.experiment.RunDirectory;
import org.easy2hard.experiment.RunIntegrity;
import org.easy2hard.experiment.RunResult;
import org.easy2hard.experiment.driver.NoisyLabels;
import org.easy2hard.experiment.driver.Population;
import org.easy2hard.experiment.driver.ThirdGradeToCollege;
import org.easy2hard.hardness.HardnessCatalog;
import org.easy2hard.hardness.Level;
import org.easy2hard.hardness.Stratifier;
import org.easy2hard.stats.GridBootstrap;
import org.easy2hard.stats.ItemResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Driver runs (their manifests have no single spec) exported as the authors' result sheets. */
class DriverSheetsTest {

    private static final GridBootstrap BOOTSTRAP = GridBootstrap.builder().optResamples(200).build();
    private static Dataset mmlu;

    @TempDir
    Path root;

    @BeforeAll
    static void load() {
        mmlu = DriverData.mmlu();
    }

    private DriverResult population() {
        return Population.builder(mmlu).addModel(DriverData.fakeModel("fake"))
                .optMeasures(List.of(HardnessCatalog.find(DatasetId.MMLU, "human_hardness"),
                        HardnessCatalog.find(DatasetId.MMLU, "question_num_words")))
                .optTraining(40, 2).setRunDirectory(root.resolve("population")).build().run();
    }

    @Test
    void aPopulationRunGivesRowsPerMeasureWithTheBaselineRepeatedAsTheAuthorsSheets() {
        DriverResult run = population();
        List<RunResult> results = ResultSheets.readRuns(run.directory());
        assertEquals(List.of("human_hardness", "question_num_words"),
                results.stream().map(r -> r.spec().measure()).toList());
        ResultSheet sheet = ResultSheets.builder().optBootstrap(BOOTSTRAP).build().sheet(results);
        for (String measure : List.of("human_hardness", "question_num_words")) {
            Set<String> supervision = sheet.rows().stream().filter(r -> r.hardnessVarName().equals(measure)
                    && r.testOn().equals("hard")).map(ResultSheet.Row::supervision).collect(Collectors.toSet());
            assertEquals(Set.of("Unsupervised", "Easy", "Hard"), supervision, measure);
        }
        // Easy-trained by question words, hard test items: the mean over the 2 bootstraps of each one's accuracy.
        Stratifier words = Stratifier.fit(HardnessCatalog.find(DatasetId.MMLU, "question_num_words"), mmlu);
        double expected = 0;
        for (int b = 0; b < 2; b++) {
            int bootstrap = b;
            List<ItemResult> hard = run.records(r -> r.condition().hardnessMeasure().equals("question_num_words")
                    && r.condition().trainPool().equals("easy") && r.bootstrap() == bootstrap
                    && words.cutoffs().levelOf(r.hardness("question_num_words")).orElseThrow() == Level.HARD);
            expected += hard.stream().mapToDouble(ItemResult::correctness).average().orElseThrow() / 2;
        }
        ResultSheet.Row easyHard = sheet.rows().stream().filter(r -> r.hardnessVarName().equals("question_num_words")
                && r.trainOn().equals("easy") && r.testOn().equals("hard")).findFirst().orElseThrow();
        assertEquals(expected, easyHard.testAcc(), 1e-12);
    }

    @Test
    void theToolkitsNumbersMatchTheSheetsHardTestRowsAndCarryTheUnguardedSgr() {
        DriverResult run = population();
        List<RunResult> results = ResultSheets.readRuns(run.directory());
        ResultSheets sheets = ResultSheets.builder().optBootstrap(BOOTSTRAP).build();
        ResultSheet sheet = sheets.sheet(results);
        List<java.util.Map<String, String>> sgr = SheetNumbers.rows(results, sheets, BOOTSTRAP).stream()
                .filter(row -> row.get("kind").equals("sgr")).toList();
        assertEquals(2, sgr.size(), "one SGR per measure");
        for (java.util.Map<String, String> row : sgr) {
            String measure = row.get("hardness_var_name");
            for (String supervision : List.of("Unsupervised", "Easy", "Hard")) {
                double fromSheet = sheet.rows().stream().filter(r -> r.hardnessVarName().equals(measure)
                        && r.testOn().equals("hard") && r.supervision().equals(supervision)).findFirst()
                        .orElseThrow().testAcc();
                assertEquals(fromSheet, Double.parseDouble(row.get(supervision.toLowerCase(java.util.Locale.ROOT))),
                        1e-12, measure + " " + supervision);
            }
            double u = Double.parseDouble(row.get("unsupervised"));
            double e = Double.parseDouble(row.get("easy"));
            double h = Double.parseDouble(row.get("hard"));
            assertEquals((e - u) / (h - u), Double.parseDouble(row.get("sgr_raw")), 1e-12);
        }
    }

    @Test
    void sheetsOfPaperDatasetsHaveTheAuthorsColumnsSoTheyBindRowWise() {
        // ARC items also carry depth of knowledge, which the authors' columns lack.
        Dataset arc = DriverData.arc();
        DriverResult run = Population.builder(arc).addModel(DriverData.fakeModel("fake"))
                .optMeasures(List.of(HardnessCatalog.find(DatasetId.ARC, "human_grade"))).optTraining(10, 1)
                .setRunDirectory(root.resolve("arc")).build().run();
        ResultSheets sheets = ResultSheets.builder().optBootstrap(BOOTSTRAP).optData(List.of(arc)).build();
        List<String> columns = sheets.columns(ResultSheets.readRuns(run.directory()));
        List<String> authors = new java.util.ArrayList<>(ResultSheets.RESULT_COLUMNS);
        ResultSheets.HARDNESS_COLUMNS.forEach(c -> authors.addAll(List.of(c + "_mean_TRAIN", c + "_mean_TEST",
                c + "_std_TRAIN", c + "_std_TEST")));
        authors.addAll(ResultSheets.MMLU_SUBJECT_COLUMNS);
        assertEquals(authors, columns);
    }

    @Test
    void thirdGradeToCollegeRowsAreNamedByTheirTrainingSourceAndAllTestOnMmluCollege() {
        DriverResult run = ThirdGradeToCollege.builder(DriverData.arcAll(), mmlu).addModel(DriverData.fakeModel("fake"))
                .optTraining(10, 1).setRunDirectory(root.resolve("figure1")).build().run();
        ResultSheet sheet = ResultSheets.builder().optBootstrap(BOOTSTRAP).build()
                .sheet(ResultSheets.readRuns(run.directory()));
        Set<String> sources = new TreeSet<>();
        sheet.rows().stream().filter(r -> r.testOn().equals("hard")).forEach(r -> {
            sources.add(r.dataname() + "/" + r.supervision() + "/" + r.hardnessVarName());
            assertEquals("mmlu_STEM-5", r.cells().get("force_test_dataname"));
        });
        // 3rd grade, 8th grade (ARC by grade), high school, college (MMLU), and the baseline
        assertEquals(new TreeSet<>(Set.of("ai2_arc/Easy/human_grade", "ai2_arc/Hard/human_grade",
                "mmlu_STEM-5/Easy/human_hardness", "mmlu_STEM-5/Hard/human_hardness",
                "mmlu_STEM-5/Unsupervised/human_hardness")), sources);
    }

    @Test
    void noisyLabelRowsCarryTheirNoiseRate() {
        DriverResult run = NoisyLabels.builder(mmlu, HardnessCatalog.find(DatasetId.MMLU, "human_hardness"))
                .addModel(DriverData.fakeModel("fake")).optTraining(40, 1).optRates(0.0, 0.1)
                .setRunDirectory(root.resolve("noise")).build().run();
        ResultSheet sheet = ResultSheets.builder().optBootstrap(BOOTSTRAP).build()
                .sheet(ResultSheets.readRuns(run.directory()));
        Set<String> seen = new TreeSet<>();
        sheet.rows().stream().filter(r -> !r.isUnsupervised())
                .forEach(r -> seen.add(r.trainOn() + "@" + r.noiseLabelsP() + ":" + r.probingMethod()));
        assertEquals(new TreeSet<>(Set.of("easy@0.0:majority", "easy@0.1:majority", "hard@0.0:majority",
                "hard@0.2:majority")), seen);
    }

    @Test
    void aDriverRunMadeBeforeCutoffsWereRecordedIsRefusedWithTheReason() throws IOException {
        DriverResult run = population();
        Path manifest = run.directory().resolve(RunDirectory.MANIFEST);
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(manifest.toFile());
        json.remove("sheet");
        Files.writeString(manifest, json.toString());
        DataFormatException error = assertThrows(DataFormatException.class,
                () -> ResultSheets.readRuns(run.directory()));
        assertTrue(error.getMessage().contains("sheet.cutoffs is missing"), error.getMessage());
    }

    @Test
    void aFinishedDriverRunIsCompleteForExport() {
        RunIntegrity integrity = RunIntegrity.check(population().directory());
        assertTrue(integrity.complete(), integrity.describe());
    }

    @Test
    void aDriverRunWithAUnitFileGoneIsIncompleteForExport() throws IOException {
        DriverResult run = population();
        String lost = run.units().get(run.units().size() - 1).unit();
        Files.delete(run.directory().resolve("units").resolve(lost + ".jsonl"));
        RunIntegrity integrity = RunIntegrity.check(run.directory());
        assertTrue(!integrity.complete() && integrity.describe().contains(lost), integrity.describe());
    }
}
