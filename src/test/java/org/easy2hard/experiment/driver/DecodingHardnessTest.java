package org.easy2hard.experiment.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
import org.easy2hard.hardness.HardnessMeasure;
import org.easy2hard.model.LanguageModel;
import org.easy2hard.model.Progress;
import org.easy2hard.model.ScriptedLanguageModel;
import org.easy2hard.model.llama.LlamaModel;
import org.easy2hard.model.llama.TinyLlamaFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zero-shot ("decoding") MDL: 1 − p(gold) under zero-shot prompting, p normalised over the options. */
class DecodingHardnessTest {

    private static final Set<String> FAVOURED = Set.of("blue", "yes");

    @TempDir
    Path directory;

    private static Item item(String id, DatasetId dataset, List<String> options, int gold) {
        return new Item(id, dataset, "test", "what color is the sky ?", options, gold, options.get(gold), "",
                List.of(), Map.of(), Map.of());
    }

    /** "blue" weighs 3, every other option 1: p(blue) = 3/6 among four options, p(yes) = 3/4 among yes/no. */
    private static ScriptedLanguageModel weighted() {
        return new ScriptedLanguageModel("weighted", 4096,
                (context, continuation) -> Math.log(FAVOURED.contains(continuation.strip()) ? 3.0 : 1.0),
                prompt -> "");
    }

    private static ScriptedLanguageModel uniform() {
        return new ScriptedLanguageModel("uniform", 4096, (context, continuation) -> -2.0, prompt -> "");
    }

    private static ModelBasedScores score(DatasetId id, List<Item> items, ScriptedLanguageModel weighted) {
        Map<String, LanguageModel> models = new LinkedHashMap<>();
        models.put("weighted", weighted);
        models.put("uniform", uniform());
        return DecodingHardness.score(new Dataset(id, id.name(), items), models, Progress.NONE);
    }

    @Test
    void scoresAreOneMinusTheGoldShareOfTheOptionSoftmaxForEveryMultipleChoiceDataset() {
        List<String> colours = List.of("red", "blue", "green", "dog");
        ScriptedLanguageModel weighted = weighted();
        List<Item> arcItems = List.of(item("arc-blue", DatasetId.ARC, colours, 1),
                item("arc-red", DatasetId.ARC, colours, 0));
        ModelBasedScores arc = score(DatasetId.ARC, arcItems, weighted);
        ModelBasedScores mmlu = score(DatasetId.MMLU, List.of(item("mmlu-blue", DatasetId.MMLU, colours, 1)),
                weighted);
        ModelBasedScores sqa = score(DatasetId.STRATEGYQA, List.of(
                item("sqa-yes", DatasetId.STRATEGYQA, List.of("yes", "no"), 0),
                item("sqa-no", DatasetId.STRATEGYQA, List.of("yes", "no"), 1)), weighted);

        assertEquals(1 - 3.0 / 6, arc.perModel().get("weighted").get("arc-blue"), 1e-12);
        assertEquals(1 - 1.0 / 6, arc.perModel().get("weighted").get("arc-red"), 1e-12);
        assertEquals(1 - 3.0 / 6, mmlu.perModel().get("weighted").get("mmlu-blue"), 1e-12);
        assertEquals(1 - 3.0 / 4, sqa.perModel().get("weighted").get("sqa-yes"), 1e-12);
        assertEquals(1 - 1.0 / 4, sqa.perModel().get("weighted").get("sqa-no"), 1e-12);
        assertEquals(0.75, arc.perModel().get("uniform").get("arc-red"), 1e-12);
        assertEquals(0.5, sqa.perModel().get("uniform").get("sqa-yes"), 1e-12);
        // The measure is the plain mean over models.
        assertEquals((5.0 / 6 + 0.75) / 2, arc.average().get("arc-red"), 1e-12);
        assertEquals((0.25 + 0.5) / 2, sqa.average().get("sqa-yes"), 1e-12);
        assertEquals("model_based_decoding_avg", arc.measureName());
        assertEquals("model_based_decoding_weighted", arc.modelColumn("weighted"));
        // Each dataset's zero-shot format: 0040 ends in "Answer:", 0306 in "A:".
        assertTrue(weighted.scored.stream().filter(r -> r.continuation().strip().equals("yes"))
                .allMatch(r -> r.context().startsWith("Q: ") && r.context().stripTrailing().endsWith("\nA:")),
                weighted.scored.toString());
        assertTrue(weighted.scored.stream().filter(r -> r.continuation().strip().equals("dog"))
                .allMatch(r -> r.context().stripTrailing().endsWith("\nAnswer:")), weighted.scored.toString());
        HardnessMeasure measure = arc.measure();
        Dataset withMdl = arc.apply(new Dataset(DatasetId.ARC, "arc", arcItems));
        assertEquals((0.5 + 0.75) / 2, withMdl.items().get(0).hardness(measure.name()).getAsDouble(), 1e-12);
    }

    @Test
    void gsm8kHasNoDecodingMdl() {
        Dataset gsm8k = new Dataset(DatasetId.GSM8K, "gsm8k", List.of(new Item("g1", DatasetId.GSM8K, "test",
                "1 + 1 ?", List.of(), -1, "2", "1 + 1 = 2", List.of(), Map.of(), Map.of())));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> DecodingHardness.score(gsm8k, Map.of("weighted", weighted()), Progress.NONE));
        assertTrue(error.getMessage().startsWith("GSM8k has no decoding (zero-shot) MDL: its zero-shot answers are "
                + "generated"), error.getMessage());
    }

    /** The tiny known-answer Llama: ":" is followed by "blue" with a logit of about 40. */
    @Test
    void theKnownAnswerLlamaGivesNoHardnessToBlueAndFullHardnessToAnyOtherGold() {
        Path model = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 11).makeBigram().favour(":", "blue", 40)
                .write(directory.resolve("known-answer"));
        List<String> options = List.of("red", "blue", "green", "dog");
        Dataset arc = new Dataset(DatasetId.ARC, "arc", List.of(item("blue", DatasetId.ARC, options, 1),
                item("green", DatasetId.ARC, options, 2)));
        try (LlamaModel llama = LlamaModel.builder().setModel(model).build()) {
            ModelBasedScores scores = DecodingHardness.score(arc, Map.of("tiny", llama), Progress.NONE);
            assertTrue(scores.average().get("blue") < 1e-9, scores.average().toString());
            assertTrue(scores.average().get("green") > 1 - 1e-9, scores.average().toString());
        }
    }
}
