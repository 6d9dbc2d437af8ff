package org.easy2hard.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
            RunResult run = Fixtures.runner(root.resolve("run"), method).build().run();
            assertEquals(7, run.units().size());
            UnitResult easy = run.units().stream().filter(unit -> unit.pool() == TrainPool.EASY).findFirst()
                    .orElseThrow();
            assertEquals(2.0, easy.diagnostics().get("updates"));
            assertTrue(easy.diagnostics().containsKey("loss.update.0002"), easy.diagnostics().toString());
            assertEquals(20.0, easy.diagnostics().get("effective_batch"));
            try (var saved = Files.list(root.resolve("run").resolve("adapters"))) {
                assertEquals(6, saved.filter(LoraAdapters::exists).count(), "one adapter per supervised unit");
            }
            String manifest = Files.readString(root.resolve("run").resolve("manifest.json"));
            assertTrue(manifest.contains("\"finetuned\"") && manifest.contains("\"lora.rank\" : \"16\""), manifest);
        }
    }
}
