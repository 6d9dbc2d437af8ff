package org.easy2hard.model.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.easy2hard.model.CacheDirectory;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchPlanTest {

    @TempDir
    Path dir;

    private static long scoringLines(List<String> log) {
        return log.stream().filter(line -> line.startsWith("easy2hard: scoring ")).count();
    }

    @Test
    void theMemoryEstimateOfABatchPlanIsPrintedOncePerModelNotOnEveryCall() {
        Path modelDir = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 3).write(dir.resolve("m"));
        List<String> log = new ArrayList<>();
        List<LogLikelihoodRequest> requests = List.of(new LogLikelihoodRequest("the capital of france is", " paris"),
                new LogLikelihoodRequest("the sky is", " blue"));
        try (LlamaModel model = LlamaModel.builder().setModel(modelDir).optLog(log::add)
                .optCache(CacheDirectory.at(dir.resolve("cache"))).build()) {
            assertEquals(1, log.size(), "the load line: " + log);
            model.logLikelihoods(requests, Progress.NONE);
            model.logLikelihoods(requests, Progress.NONE);
            model.logLikelihoods(List.of(requests.get(1), requests.get(0)), Progress.NONE);
            assertEquals(1, scoringLines(log), log.toString());
            // another plan (one row, shorter) is announced once too
            model.logLikelihoods(List.of(requests.get(1)), Progress.NONE);
            model.logLikelihoods(List.of(requests.get(1)), Progress.NONE);
            assertEquals(2, scoringLines(log), log.toString());
        }
    }
}
