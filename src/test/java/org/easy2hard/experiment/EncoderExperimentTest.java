package org.easy2hard.experiment;

import static java.nio.file.Files.readString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.easy2hard.data.DataStore;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Datasets;
import org.easy2hard.data.SharedData;
import org.easy2hard.method.FeatureTemplate;
import org.easy2hard.method.LinearProbe;
import org.easy2hard.model.FeatureCache;
import org.easy2hard.stats.GridBootstrap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on real data with a real model: ARC items, the bundled quantised MiniLM, the similarity baseline
 * and the paper's probe, through the runner and into a summary. Small (every 12th probing item, 20 training items,
 * 1 draw) so that it runs in seconds; the full-size numbers come from {@code easy2hard run}.
 */
class EncoderExperimentTest {

    @TempDir
    Path root;

    @Test
    void probeAndBaselineRunEndToEndOnRealArcItems() throws java.io.IOException {
        DataStore store = SharedData.store();
        Dataset arc = Datasets.arc(store);
        java.util.Set<String> sample = new java.util.HashSet<>();
        for (int i = 0; i < arc.size(); i += 12) {
            sample.add(arc.items().get(i).id());
        }
        Dataset subset = arc.filter("ai2_arc-every-12th", item -> sample.contains(item.id()));
        ExperimentSpec spec = new ExperimentSpec(DatasetId.ARC, "human_grade",
                List.of(TrainPool.NONE, TrainPool.EASY, TrainPool.HARD), 20, 1, 0);
        try (EncoderMethods methods = EncoderMethods.open("all-MiniLM-L6-v2-q", FeatureTemplate.ZERO_SHOT_PROMPT,
                LinearProbe.builder().build(), FeatureCache.at(root.resolve("cache")))) {
            RunResult run = ExperimentRunner.builder()
                    .setSpec(spec)
                    .setData(subset, java.util.Map.of())
                    .setModelName(methods.modelName())
                    .optModelIdentity(methods.identity())
                    .setSupervisedMethod(methods.probe())
                    .setUnsupervisedMethod(methods.baseline())
                    .setRunDirectory(root.resolve("run"))
                    .build()
                    .run();
            int n = subset.size();
            assertEquals(List.of(n, n - 20, n - 20), run.units().stream().map(u -> u.records().size()).toList());
            assertTrue(run.units().get(1).diagnostics().containsKey("weight_norm"), run.units().get(1).diagnostics()
                    .toString());
            RunSummary summary = new RunSummary(run, GridBootstrap.builder().optResamples(1000).build());
            double unsupervised = summary.grid(TrainPool.NONE, org.easy2hard.hardness.Level.HARD).orElseThrow().mean();
            // Four options: anything far from chance either way would mean a wiring fault, not a finding.
            assertTrue(unsupervised > 0.15 && unsupervised < 0.75, "unsupervised hard accuracy " + unsupervised);
            assertEquals("all-MiniLM-L6-v2-q", methods.identity().get("name"));
            String manifest = readString(root.resolve("run/manifest.json"));
            // Whatever device DJL picked (a GPU where there is one), the manifest must say which.
            assertTrue(manifest.contains("\"engine\" : \"PyTorch 2.7.1\"")
                    && manifest.matches("(?s).*\"device\" : \"(cpu|gpu)\\(\\d*\\)\".*"), manifest);
            assertEquals(64, methods.identity().get("weights_sha256").length());
        }
    }
}
