package org.easy2hard.model.open;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.easy2hard.model.LanguageModel;
import org.easy2hard.model.Layers;
import org.easy2hard.model.ModelReference;
import org.easy2hard.model.llama.LlamaModel;
import org.easy2hard.model.openai.OpenAiCompatibleModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refusals and the server client; opening encoders and in-JVM models is covered by their studies' tests. */
class ModelOpenerTest {

    private static final ModelReference SERVER = ModelReference.parse("http://127.0.0.1:9/v1#served-llama");
    private static final ModelReference ENCODER = ModelReference.parse("bge-small-en-v1.5");

    @Test
    void aServerOpensAsAnOpenAiCompatibleClientNamedByTheServedModel() {
        try (LanguageModel model = ModelOpener.openLanguageModel(SERVER)) {
            assertInstanceOf(OpenAiCompatibleModel.class, model);
            assertEquals("served-llama", model.identity().name());
        }
    }

    @Test
    void aServerGivesNoFeatures() {
        assertEquals("'http://127.0.0.1:9/v1#served-llama' is a server, which serves no hidden states; features need "
                + "a bundled encoder, an ONNX directory, hf:owner/name or a causal LM directory",
                assertThrows(IllegalArgumentException.class,
                        () -> ModelOpener.openEncoder(SERVER, Layers.LAST, false)).getMessage());
    }

    @Test
    void anEncoderIsNoLanguageModel() {
        assertEquals("'bge-small-en-v1.5' is an encoder; this needs a causal LM inside the JVM: "
                + "hf:owner/name[@revision] or a Hugging Face directory with config.json",
                assertThrows(IllegalArgumentException.class, () -> ModelOpener.openLanguageModel(ENCODER)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelOpener.openInJvm(SERVER));
    }

    @Test
    void aCausalModelsFeaturesAreNeverNormalised(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.json"), "{}");
        ModelReference causal = ModelReference.parse(dir.toString());
        assertThrows(IllegalArgumentException.class, () -> ModelOpener.openEncoder(causal, Layers.LAST, true));
    }

    @Test
    void theLlamaBuilderTakesOnlyInJvmReferences() {
        assertEquals("the in-JVM causal LM runs hf:owner/name[@revision] or a Hugging Face directory with config.json, "
                + "not 'bge-small-en-v1.5'", assertThrows(IllegalArgumentException.class,
                        () -> LlamaModel.builder().setModel(ENCODER)).getMessage());
    }
}
