package org.easy2hard.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelReferenceTest {

    @TempDir
    Path dir;

    private static String refusal(String text) {
        return assertThrows(IllegalArgumentException.class, () -> ModelReference.parse(text)).getMessage();
    }

    @Test
    void aBundledEncoderIsFoundByItsNameOrEnumNameInAnyCase() {
        assertEquals(new ModelReference.Bundled(BundledModel.BGE_SMALL_EN_V15), ModelReference.parse("bge-small-en-v1.5"));
        assertEquals(new ModelReference.Bundled(BundledModel.ALL_MINILM_L6_V2_Q), ModelReference.parse(" ALL-MiniLM-L6-v2-q "));
        assertEquals(new ModelReference.Bundled(BundledModel.ALL_MINILM_L6_V2_Q), ModelReference.parse("all_minilm_l6_v2_q"));
        ModelReference bundled = ModelReference.parse("bge-small-en-v1.5");
        assertEquals("bge-small-en-v1.5", bundled.name());
        assertFalse(bundled.isCausal());
        assertFalse(bundled.isInJvmCausal());
    }

    @Test
    void aDirectoryWithModelOnnxIsAnOnnxEncoder() throws Exception {
        Path model = Files.createDirectory(dir.resolve("my-encoder"));
        Files.writeString(model.resolve("model.onnx"), "x");
        // An optimum export carries a config.json too; model.onnx decides.
        Files.writeString(model.resolve("config.json"), "{}");
        ModelReference parsed = ModelReference.parse(model.toString());
        assertEquals(new ModelReference.OnnxDirectory(model), parsed);
        assertEquals("my-encoder", parsed.name());
        assertFalse(parsed.isCausal());
    }

    @Test
    void aDirectoryWithConfigJsonAloneIsACausalModelRunInTheJvm() throws Exception {
        Path model = Files.createDirectory(dir.resolve("smol"));
        Files.writeString(model.resolve("config.json"), "{}");
        ModelReference parsed = ModelReference.parse(model + "/");
        assertEquals(new ModelReference.CausalDirectory(model), parsed);
        assertEquals("smol", parsed.name());
        assertTrue(parsed.isCausal());
        assertTrue(parsed.isInJvmCausal());
    }

    @Test
    void aHubReferenceDefaultsToMainAndKeepsAGivenRevision() {
        ModelReference parsed = ModelReference.parse("hf:HuggingFaceTB/SmolLM2-360M");
        assertEquals(new ModelReference.HubRepository("HuggingFaceTB/SmolLM2-360M", "main"), parsed);
        assertEquals("HuggingFaceTB/SmolLM2-360M", parsed.name());
        assertEquals("hf:HuggingFaceTB/SmolLM2-360M@main", parsed.text());
        assertTrue(parsed.isInJvmCausal());
        assertEquals(new ModelReference.HubRepository("a/b", "refs/pr/1"), ModelReference.parse("hf:a/b@refs/pr/1"));
    }

    @Test
    void aServerIsItsUrlsAndTheServedNameAfterTheHash() {
        ModelReference parsed = ModelReference.parse("http://gpu1:8000/v1, https://gpu2:8001/v1#meta-llama/Llama-2-7b-hf");
        assertEquals(new ModelReference.Server(List.of(URI.create("http://gpu1:8000/v1"),
                URI.create("https://gpu2:8001/v1")), "meta-llama/Llama-2-7b-hf"), parsed);
        assertEquals("meta-llama/Llama-2-7b-hf", parsed.name());
        assertEquals("http://gpu1:8000/v1,https://gpu2:8001/v1#meta-llama/Llama-2-7b-hf", parsed.text());
        assertTrue(parsed.isCausal());
        assertFalse(parsed.isInJvmCausal());
        assertEquals(parsed, ModelReference.Server.of("http://gpu1:8000/v1,https://gpu2:8001/v1",
                "meta-llama/Llama-2-7b-hf"));
    }

    @Test
    void everyKindReadsBackFromItsText() throws Exception {
        Path onnx = Files.createDirectory(dir.resolve("onnx"));
        Files.writeString(onnx.resolve("model.onnx"), "x");
        Path causal = Files.createDirectory(dir.resolve("causal"));
        Files.writeString(causal.resolve("config.json"), "{}");
        for (String text : List.of("bge-small-en-v1.5", onnx.toString(), causal.toString(), "hf:a/b@v1.0",
                "http://localhost:8000/v1#m")) {
            ModelReference parsed = ModelReference.parse(text);
            assertEquals(parsed, ModelReference.parse(parsed.text()), text);
        }
    }

    @Test
    void onlyHttpPrefixesNameAServerWithoutParsing() {
        assertTrue(ModelReference.namesServer(" https://x/v1"));
        assertTrue(ModelReference.namesServer("http://x/v1#m"));
        assertFalse(ModelReference.namesServer("hf:a/b"));
        assertFalse(ModelReference.namesServer("/models/http:"));
        assertFalse(ModelReference.namesServer(null));
    }

    @Test
    void anEmptyReferenceIsRefusedNamingWhatIsExpected() {
        assertEquals("empty model reference; expected " + ModelReference.EXPECTED, refusal("  "));
        assertEquals("empty model reference; expected " + ModelReference.EXPECTED, refusal(null));
        assertTrue(ModelReference.EXPECTED.contains("bge-small-en-v1.5, all-MiniLM-L6-v2-q"), ModelReference.EXPECTED);
    }

    @Test
    void anUnknownNameIsRefusedNamingItAndTheBundledEncoders() {
        assertEquals("unknown model 'bge-large' (no such bundled encoder or directory); expected "
                + ModelReference.EXPECTED, refusal("bge-large"));
        assertTrue(refusal(dir.resolve("missing").toString()).startsWith("unknown model '" + dir.resolve("missing")));
    }

    @Test
    void aFileOrADirectoryWithoutAModelIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("weights.bin"), "x");
        assertTrue(refusal(file.toString()).startsWith("model reference '" + file + "' is a file, not a model directory"));
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertEquals("model directory '" + empty + "' holds neither model.onnx (an ONNX encoder) nor config.json "
                + "(a Hugging Face causal LM)", refusal(empty.toString()));
    }

    @Test
    void malformedHubReferencesAreRefusedNamingTheForm() {
        for (String bad : List.of("hf:onlyname", "hf:../etc", "hf:a/b/c", "hf:a/b@", "hf:a/..b", "hf:", "hf:/b")) {
            assertEquals("'" + bad + "' is not a hub reference of the form hf:owner/name or hf:owner/name@revision",
                    refusal(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new ModelReference.HubRepository("a/b", "x y"));
    }

    @Test
    void aServerWithoutItsServedNameIsRefusedShowingTheForm() {
        assertEquals("server reference 'http://gpu1:8000/v1' has no served model name; expected URL[,URL...]#NAME, "
                + "e.g. http://gpu1:8000/v1#meta-llama/Llama-2-7b-hf", refusal("http://gpu1:8000/v1"));
        assertTrue(refusal("http://gpu1:8000/v1#").contains("has no served model name"));
        assertEquals("server 'http://gpu1:8000/v1' needs the served model name: URL[,URL...]#NAME (GET "
                        + "http://gpu1:8000/v1/models lists it)",
                assertThrows(IllegalArgumentException.class,
                        () -> ModelReference.Server.of("http://gpu1:8000/v1", " ")).getMessage());
    }

    @Test
    void aServerWithABadUrlIsRefusedNamingTheUrl() {
        assertTrue(refusal("http://gpu 1:8000/v1#m").startsWith("server reference 'http://gpu 1:8000/v1#m': server URL "
                + "'http://gpu 1:8000/v1' is not a URL"), refusal("http://gpu 1:8000/v1#m"));
        assertEquals("server reference 'http://x/v1,ftp://y/v1#m': 'ftp://y/v1' is not an http(s) base URL with a host",
                refusal("http://x/v1,ftp://y/v1#m"));
        assertEquals("server reference 'http://#m': server URL 'http://' is not a URL: Expected authority",
                refusal("http://#m"));
        assertEquals("server reference 'http:///v1#m': 'http:///v1' is not an http(s) base URL with a host",
                refusal("http:///v1#m"));
    }
}
