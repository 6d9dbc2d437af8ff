package org.easy2hard.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and editing the protobuf of the bundled quantised MiniLM graph. */
class OnnxGraphTest {

    private static final String BLOCK_3 = "/encoder/layer.3/output/LayerNorm/Add_1_output_0";

    @TempDir
    Path dir;

    private static Path miniLm() {
        return new ModelFiles(TestCaches.shared().models()).bundled(BundledModel.ALL_MINILM_L6_V2_Q.onnxResource())
                .path();
    }

    @Test
    void readsInputsOutputsAndBlocks() {
        OnnxGraph graph = OnnxGraph.read(miniLm());
        assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"), graph.inputs());
        assertEquals(List.of("last_hidden_state"), graph.outputs());
        assertEquals(384, graph.outputWidth("last_hidden_state"));
        assertEquals(6, graph.blockCount());
        assertTrue(graph.nodeOutputs().contains(BLOCK_3));
        assertTrue(graph.operatorTypes().contains("DynamicQuantizeLinear"));
    }

    @Test
    void anEditedCopyAlsoReturnsTheRequestedTensorAndKeepsEverythingElse() throws IOException {
        OnnxGraph original = OnnxGraph.read(miniLm());
        Path edited = dir.resolve("edited.onnx");
        original.writeWithExtraOutputs(List.of(BLOCK_3), edited);
        OnnxGraph reread = OnnxGraph.read(edited);
        assertEquals(List.of("last_hidden_state", BLOCK_3), reread.outputs());
        assertEquals(original.inputs(), reread.inputs());
        assertEquals(original.nodeOutputs(), reread.nodeOutputs());
    }

    @Test
    void aTensorNoNodeProducesCannotBeAdded() {
        OnnxGraph graph = OnnxGraph.read(miniLm());
        EncoderException error = assertThrows(EncoderException.class,
                () -> graph.writeWithExtraOutputs(List.of("/encoder/layer.9/output/LayerNorm/Add_1_output_0"),
                        dir.resolve("x.onnx")));
        assertTrue(error.getMessage().contains("layer.9"), error.getMessage());
    }

    @Test
    void aFileThatIsNotOnnxIsRefused() throws IOException {
        Path notOnnx = dir.resolve("model.onnx");
        Files.writeString(notOnnx, "this is not a protobuf, just text that happens to be here");
        assertThrows(EncoderException.class, () -> OnnxGraph.read(notOnnx));
    }

    @Test
    void varintsRoundTrip() {
        for (long value : new long[] {0, 1, 127, 128, 300, 1L << 35, Long.MAX_VALUE}) {
            byte[] bytes = new OnnxGraph.ProtoWriter().varint(value).toBytes();
            assertEquals(value, OnnxGraph.readVarint(ByteBuffer.wrap(bytes)));
        }
    }
}
