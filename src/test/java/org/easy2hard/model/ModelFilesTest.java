package org.easy2hard.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.easy2hard.io.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {

    private static final String RESOURCE = BundledModel.ALL_MINILM_L6_V2_Q.tokenizerResource();

    @TempDir
    Path dir;

    @Test
    void aBundledResourceIsCopiedWithTheHashOfItsBytes() throws IOException {
        ModelFiles.HashedFile copy = new ModelFiles(dir).bundled(RESOURCE);
        assertArrayEquals(resourceBytes(), Files.readAllBytes(copy.path()));
        assertEquals(Sha256.ofFile(copy.path()), copy.sha256());
    }

    @Test
    void aStaleStoredHashIsRecomputedFromTheBytes() throws IOException {
        ModelFiles files = new ModelFiles(dir);
        ModelFiles.HashedFile first = files.bundled(RESOURCE);
        Path sidecar = first.path().resolveSibling(RESOURCE + ".sha256");
        String stored = Files.readString(sidecar);
        Files.writeString(sidecar, stored.replaceAll("sha256=[0-9a-f]+", "sha256=" + "0".repeat(64))
                .replaceAll("stamp=.*", "stamp=something-else"));
        assertEquals(first.sha256(), files.bundled(RESOURCE).sha256());
    }

    @Test
    void aLocalFilesHashFollowsItsContent() throws IOException {
        Path file = dir.resolve("weights.bin");
        Files.writeString(file, "first version");
        ModelFiles files = new ModelFiles(dir.resolve("models"));
        String first = files.local(file).sha256();
        assertEquals(Sha256.of("first version"), first);
        Files.writeString(file, "second, longer version");
        assertNotEquals(first, files.local(file).sha256());
        assertEquals(Sha256.of("second, longer version"), files.local(file).sha256());
    }

    @Test
    void aSameSizeEditOfTheCopyIsDetectedAndRepaired() throws IOException {
        ModelFiles files = new ModelFiles(dir);
        ModelFiles.HashedFile first = files.bundled(RESOURCE);
        byte[] corrupted = Files.readAllBytes(first.path());
        corrupted[corrupted.length / 2] ^= 0x20;
        Files.write(first.path(), corrupted);
        ModelFiles.HashedFile again = files.bundled(RESOURCE);
        assertArrayEquals(resourceBytes(), Files.readAllBytes(again.path()));
        assertEquals(Sha256.ofFile(again.path()), again.sha256());
    }

    @Test
    void aSameSizeEditOfAnEditedGraphIsDetectedAndRewritten() throws IOException {
        ModelFiles files = new ModelFiles(dir);
        ModelFiles.HashedFile onnx = files.bundled(BundledModel.ALL_MINILM_L6_V2_Q.onnxResource());
        OnnxGraph graph = OnnxGraph.read(onnx.path());
        List<String> extra = List.of("/encoder/layer.3/output/LayerNorm/Add_1_output_0");
        Path edited = files.withExtraOutputs(onnx, graph, extra);
        byte[] clean = Files.readAllBytes(edited);
        byte[] corrupted = clean.clone();
        corrupted[corrupted.length - 100] ^= 0x01;
        Files.write(edited, corrupted);
        Path again = files.withExtraOutputs(onnx, graph, extra);
        assertArrayEquals(clean, Files.readAllBytes(again));
    }

    @Test
    void aMissingResourceIsNamed() {
        EncoderException error = assertThrows(EncoderException.class, () -> new ModelFiles(dir).bundled("nope.onnx"));
        assertTrue(error.getMessage().contains("nope.onnx"), error.getMessage());
    }

    private static byte[] resourceBytes() throws IOException {
        try (InputStream in = ModelFilesTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            return in.readAllBytes();
        }
    }
}
