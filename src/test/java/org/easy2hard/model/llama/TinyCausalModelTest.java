package org.easy2hard.model.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.easy2hard.model.LogLikelihood;
import org.easy2hard.model.LogLikelihoodRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CI's tiny causal LM: loads with its real tokenizer and scores every token of a text after BOS. */
class TinyCausalModelTest {

    @Test
    void writesALoadableLlamaWithTheRealTokenizer(@TempDir Path directory) throws Exception {
        Path folder = RealVocabularyModel.tokenizerFolder("llama-2");
        Path model = TinyCausalModel.write(directory.resolve("tiny"), folder);
        try (LlamaModel llama = LlamaModel.builder().setModel(model).build()) {
            assertEquals(2048, llama.contextLength());
            LogLikelihood result = llama.logLikelihoods(List.of(new LogLikelihoodRequest("Question:",
                    " Which gas do plants take in?"))).get(0);
            // llama-2's tokenizer splits the question into several pieces; each gets a finite log-probability < 0.
            assertTrue(result.tokens() >= 6, result.toString());
            for (double value : result.tokenLogProbabilities()) {
                assertTrue(Double.isFinite(value) && value < 0, result.toString());
            }
        }
    }
}
