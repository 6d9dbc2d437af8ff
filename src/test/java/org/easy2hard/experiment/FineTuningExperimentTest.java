package org.easy2hard.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.method.FineTuningMethod;
import org.easy2hard.method.LoraTrainer;
import org.easy2hard.model.CacheDirectory;
import org.easy2hard.model.llama.LlamaModel;
import org.easy2hard.model.llama.TinyLlamaFixture;
import org.easy2hard.model.lora.LoraAdapters;
import org.easy2hard.model.lora.LoraLlama;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fine-tuning arm in the experiment runner, like the probe: one fit per unit, saved adapters, records. */
class FineTuningExperimentTest {

    @TempDir
    Path root;

    @Test
    void theRunnerFitsFreshAdaptersPerUnitAndRecordsTheLossCurve() throws Exception {
        Path modelDir = TinyLlamaFixture.random(TinyLlamaFixture.Spec.mistral(), 3).write(root.resolve("tiny"));
        try (LlamaModel llama = LlamaModel.builder().setModel(modelDir)
                .optCache(CacheDirectory.at(root.resolve("cache"))).optBatchSize(32).build()) {
            FineTuningMethod method = FineTuningMethod.builder().setModel(new LoraLlama(llama))
                    .optTrainer(LoraTrainer.builder().optMinUpdates(2).optEpochs(1).build())
                    .optAdapterDirectory(root.resolve("run").resolve("adapters")).build();
            // A smaller run than the fixture's: 150 items, 10 training items, one bootstrap.
            Dataset small = new Dataset(DatasetId.STRATEGYQA, "synthetic", Fixtures.dataset().items().subList(0, 150));
            RunResult run = Fixtures.runner(root.resolve("run"), method)
                    .setSpec(new ExperimentSpec(DatasetId.STRATEGYQA, "num_steps",
                            List.of(TrainPool.NONE, TrainPool.EASY, TrainPool.HARD), 10, 1, 7))
                    .setData(small, Map.of("synthetic.json", "0".repeat(64))).build().run();
            assertEquals(3, run.units().size());
            UnitResult easy = run.units().stream().filter(unit -> unit.pool() == TrainPool.EASY).findFirst()
                    .orElseThrow();
            assertEquals(2.0, easy.diagnostics().get("updates"));
            assertTrue(easy.diagnostics().containsKey("loss.update.0002"), easy.diagnostics().toString());
            assertEquals(10.0, easy.diagnostics().get("effective_batch"));
            try (var saved = Files.list(root.resolve("run").resolve("adapters"))) {
                assertEquals(2, saved.filter(LoraAdapters::exists).count(), "one adapter per supervised unit");
            }
            String manifest = Files.readString(root.resolve("run").resolve("manifest.json"));
            assertTrue(manifest.contains("\"finetuned\"") && manifest.contains("\"lora.rank\" : \"16\""), manifest);
        }
    }
}
