package org.easy2hard.experiment;

import java.io.IOException;
import java.nio.file.Files;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.easy2hard.data.DataStore;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
import org.easy2hard.data.SharedData;
import org.easy2hard.experiment.sheet.ResultSheet;
import org.easy2hard.experiment.sheet.ResultSheets;
import org.easy2hard.hardness.Level;
import org.easy2hard.model.ScriptedLanguageModel;
import org.easy2hard.stats.GridBootstrap;
import org.easy2hard.stats.ItemResult;
import org.easy2hard.stats.SgrResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole RQ2 study with a causal LM on real items, through the runner and into the summary: a scripted model that
 * answers an item correctly when the item's hash falls below a threshold set by its prompt (30 with no
 * demonstrations, 60 with easy ones, 80 with hard ones), so Unsupervised / Easy / Hard and the SGR are known.
 */
class LanguageModelStudyTest {

    @TempDir
    Path root;

    private static int hash(Item item) {
        return Math.floorMod((item.id() + "|").hashCode(), 100);
    }

    /** The threshold of a prompt: 30 zero-shot, 60 with demos of mean level at most 5 (ARC grade), 80 otherwise. */
    private static int threshold(List<Item> demos, String measure, double easyMax) {
        if (demos.isEmpty()) {
            return 30;
        }
        double mean = demos.stream().mapToDouble(d -> d.hardness(measure).orElseThrow()).average().orElseThrow();
        return mean <= easyMax ? 60 : 80;
    }

    /**
     * Items named in a prompt by the text between each block's {@code prefix} (at the start or after a blank line)
     * and {@code end}; the last is the test item.
     */
    private static List<Item> itemsIn(String text, String blockPrefix, String end, Map<String, Item> byQuestion) {
        String prompt = "\n\n" + text;
        String prefix = "\n\n" + blockPrefix;
        List<Item> items = new ArrayList<>();
        int at = prompt.indexOf(prefix);
        while (at >= 0) {
            int stop = prompt.indexOf(end, at);
            items.add(byQuestion.get(prompt.substring(at + prefix.length(), stop).strip()));
            at = prompt.indexOf(prefix, stop);
        }
        return items;
    }

    private static Map<String, Item> byQuestion(Dataset data) {
        Map<String, Item> map = new HashMap<>();
        data.items().forEach(item -> map.putIfAbsent(item.question().strip(), item));
        return map;
    }

    private static double fraction(List<Item> items, int threshold) {
        return items.stream().filter(item -> hash(item) < threshold).count() / (double) items.size();
    }

    @Test
    void arcInContextLearningGivesTheUnsupervisedEasyHardTableAndSgr() throws IOException {
        DataStore store = SharedData.store();
        Map<String, Item> questions = new HashMap<>();
        ScriptedLanguageModel model = new ScriptedLanguageModel("meta-llama/Llama-2-70b-hf", 2048,
                (context, continuation) -> {
                    List<Item> named = itemsIn(context, "Question: ", " \nA) ", questions);
                    Item test = named.get(named.size() - 1);
                    boolean right = hash(test) < threshold(named.subList(0, named.size() - 1), "human_grade", 5);
                    String gold = " " + test.answer();
                    String wrong = " " + test.options().get(test.goldIndex() == 0 ? 1 : 0);
                    return continuation.equals(gold) ? (right ? -0.5 : -2.0)
                            : continuation.equals(wrong) ? (right ? -2.0 : -0.5) : -3.0;
                }, prompt -> "");
        LanguageModelStudy study = LanguageModelStudy.builder(store, model).setDataset(DatasetId.ARC).optEveryNth(10)
                .optBootstraps(2).optRunDirectory(root.resolve("run")).build();
        Dataset data = study.data();
        questions.putAll(byQuestion(data));
        RunResult run = study.run();

        int n = data.size();
        assertEquals(List.of(n, n - 10, n - 10, n - 10, n - 10),
                run.units().stream().map(unit -> unit.records().size()).toList());
        List<Item> hard = data.items().stream()
                .filter(item -> item.hardness("human_grade").orElseThrow() >= 8).toList();
        RunSummary summary = new RunSummary(run, GridBootstrap.builder().optResamples(1000).build());
        assertEquals(fraction(hard, 30), summary.grid(TrainPool.NONE, Level.HARD).orElseThrow().mean(), 1e-12);
        assertEquals(fraction(hard, 60), summary.grid(TrainPool.EASY, Level.HARD).orElseThrow().mean(), 1e-12);
        // Hard-trained runs do not test on their own 10 training items.
        assertEquals(fraction(hard, 80), summary.grid(TrainPool.HARD, Level.HARD).orElseThrow().mean(), 0.02);
        SgrResult sgr = summary.supervisionGapRecovered().orElseThrow();
        assertTrue(sgr.isDefined(), sgr.reason());
        double expected = (fraction(hard, 60) - fraction(hard, 30)) / (fraction(hard, 80) - fraction(hard, 30));
        assertEquals(expected, sgr.sgr().orElseThrow().estimate(), 0.05);
        assertEquals(List.of("Unsupervised", "Easy", "Hard"),
                summary.hardTestAccuracyBrief().stringColumn("condition").asList());
        String manifest = Files.readString(root.resolve("run/manifest.json"));
        assertTrue(manifest.contains("\"prompt_format\" : \"0040\"") && manifest.contains("\"k\" : \"10\""), manifest);
    }

    @Test
    void strategyQaChainOfThoughtStoresEveryCompletionAndAnswerWithItsItemResult() throws IOException {
        DataStore store = SharedData.store();
        Map<String, Item> questions = new HashMap<>();
        ScriptedLanguageModel model = new ScriptedLanguageModel("meta-llama/Llama-2-7b-hf", 2048,
                (context, continuation) -> continuation.equals(" yes") ? -0.5 : -1.0,
                prompt -> {
                    List<Item> named = itemsIn(prompt, "Q: ", "\nA:", questions);
                    Item test = named.get(named.size() - 1);
                    boolean right = hash(test) < threshold(named.subList(0, named.size() - 1), "num_steps", 2);
                    String said = right == test.answer().equals("yes") ? "yes" : "no";
                    return " Some facts. So the answer is " + said + "\n\nQ: Another question?";
                });
        LanguageModelStudy study = LanguageModelStudy.builder(store, model).setDataset(DatasetId.STRATEGYQA)
                .optEveryNth(4).optBootstraps(1).optRunDirectory(root.resolve("sqa")).build();
        questions.putAll(byQuestion(study.data()));
        RunResult run = study.run();

        List<ItemResult> unsupervised = run.units().get(0).records();
        assertTrue(unsupervised.stream().allMatch(record -> record.outputs().isEmpty()), "option scoring");
        assertTrue(unsupervised.stream().allMatch(record -> record.predictedOption() == 0), "always yes");
        List<ItemResult> easy = run.units().get(1).records();
        for (ItemResult record : easy) {
            Item item = questions.values().stream().filter(i -> i.id().equals(record.itemId())).findFirst()
                    .orElseThrow();
            assertEquals(hash(item) < 60, record.correct(), record.itemId());
            assertEquals(record.correct() == item.answer().equals("yes") ? "yes" : "no",
                    record.outputs().get("answer.paper"));
            assertEquals(record.outputs().get("answer.paper").equals("yes") ? 0 : 1, record.predictedOption());
        }
        assertEquals(100, model.generated.get(0).maxTokens());
        try (Stream<Path> files = Files.list(root.resolve("sqa/units"))) {
            String easyUnit = Files.readString(files.filter(f -> f.getFileName().toString().startsWith("easy"))
                    .findFirst().orElseThrow());
            assertTrue(easyUnit.contains("answer.paper") && easyUnit.contains("So the answer is"), easyUnit);
        }
        // The sheet says what ran: CoT ICL with prompt 0305 against the non-CoT zero-shot 0306, so the SGR chunk of
        // analysis.Rmd keeps the ICL rows (use_cot TRUE) and the baseline (use_cot FALSE).
        ResultSheet sheet = ResultSheets.builder().optBootstrap(GridBootstrap.builder().optResamples(50).build())
                .build().sheet(List.of(run));
        for (ResultSheet.Row row : sheet.rows()) {
            assertEquals(!row.isUnsupervised(), row.useCot(), row.toString());
            assertEquals(row.isUnsupervised() ? "0306" : "0305", row.cells().get("prompt_id"));
            assertEquals(0.0, row.noiseLabelsP());
        }
    }

    @Test
    void gsm8kZeroShotRunsFiveBootstrapsOf500ItemsByDefault() {
        ScriptedLanguageModel model = new ScriptedLanguageModel("meta-llama/Llama-2-7b-hf", 2048, (c, a) -> -1.0,
                prompt -> " 2 + 2 = 4. Therefore, the answer is 4.");
        LanguageModelStudy study = LanguageModelStudy.builder(SharedData.store(), model).setDataset(DatasetId.GSM8K)
                .optPools(List.of(TrainPool.NONE)).optRunDirectory(root.resolve("gsm")).build();
        RunResult run = study.run();
        assertEquals(List.of("unsupervised-b0", "unsupervised-b1", "unsupervised-b2", "unsupervised-b3",
                "unsupervised-b4"), run.units().stream().map(UnitResult::unit).toList());
        RunSummary summary = RunSummary.of(run);
        for (UnitResult unit : run.units()) {
            Map<Level, Integer> counts = new java.util.EnumMap<>(Level.class);
            unit.records().forEach(r -> counts.merge(summary.levelOf(r).orElseThrow(), 1, Integer::sum));
            assertEquals(Map.of(Level.EASY, 167, Level.MEDIUM, 167, Level.HARD, 166), counts, unit.unit());
        }
        assertEquals(5 * 500, model.generated.size());
    }
}
