package org.easy2hard.model.llama.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.easy2hard.model.LanguageModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {

    @TempDir
    Path dir;

    private static final HostTensor MATRIX = new HostTensor(new long[] {2, 3}, new float[] {1, -2, 0.5f, 3.25f, 0,
            -1e-3f});

    @Test
    void writtenTensorsReadBackWithNameShapeAndValues() {
        Path file = dir.resolve("a.safetensors");
        SafeTensorsWriter.write(file, Map.of("m", MATRIX, "v", new HostTensor(new long[] {1}, new float[] {7})));
        SafeTensors tensors = SafeTensors.openFiles(List.of(file));
        assertEquals(List.of("m", "v"), List.copyOf(tensors.tensors().keySet()));
        assertArrayEquals(new long[] {2, 3}, tensors.info("m").shape());
        assertArrayEquals(MATRIX.values(), tensors.readFloats("m"));
        assertArrayEquals(new float[] {7}, tensors.readFloats("v"));
    }

    @Test
    void halfPrecisionFilesReadAsTheNearestRepresentableValues() {
        Path file = dir.resolve("h.safetensors");
        HostTensor values = new HostTensor(new long[] {4}, new float[] {1f, 1.0009766f, -65504f, 1e-7f});
        SafeTensorsWriter.write(file, Map.of("x", values), SafeTensors.DType.F16, Map.of());
        // 1 + 2^-10 is representable in half precision; 1e-7 rounds to the subnormal 2^-24 * 2 (1.19e-7)
        assertArrayEquals(new float[] {1f, 1.0009766f, -65504f, 0x1p-23f},
                SafeTensors.openFiles(List.of(file)).readFloats("x"));
        SafeTensorsWriter.write(file, Map.of("x", values), SafeTensors.DType.BF16, Map.of());
        // bfloat16 keeps 8 mantissa bits: 1.0009766 → 1, -65504 → -65536
        assertArrayEquals(new float[] {1f, 1f, -65536f, HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(1e-7f))},
                SafeTensors.openFiles(List.of(file)).readFloats("x"));
    }

    @Test
    void halfFloatConversionsRoundTripEveryHalfValue() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float value = HalfFloats.toFloat((short) bits);
            if (!Float.isNaN(value)) {
                assertEquals((short) bits, HalfFloats.fromFloat(value), "half bits " + Integer.toHexString(bits));
            }
        }
    }

    @Test
    void aTruncatedFileIsRefusedNamingFileAndTensor() throws Exception {
        Path file = dir.resolve("t.safetensors");
        SafeTensorsWriter.write(file, Map.of("m", MATRIX));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        LanguageModelException error = assertThrows(LanguageModelException.class,
                () -> SafeTensors.openFiles(List.of(file)));
        assertTrue(error.getMessage().startsWith(file + ", tensor 'm': data_offsets [0, 24] lie outside the 20 "
                + "data bytes"), error.getMessage());
    }

    @Test
    void anUnsupportedDataTypeIsRefused() throws Exception {
        Path file = writeRaw("{\"q\":{\"dtype\":\"I8\",\"shape\":[2],\"data_offsets\":[0,2]}}", 2);
        LanguageModelException error = assertThrows(LanguageModelException.class,
                () -> SafeTensors.openFiles(List.of(file)));
        assertEquals(file + ", tensor 'q': data type 'I8' is not supported (F32, F16 and BF16 are)",
                error.getMessage());
    }

    @Test
    void aShapeThatDisagreesWithTheByteCountIsRefused() throws Exception {
        Path file = writeRaw("{\"q\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8);
        LanguageModelException error = assertThrows(LanguageModelException.class,
                () -> SafeTensors.openFiles(List.of(file)));
        assertTrue(error.getMessage().contains("8 data bytes for shape [3] of F32 (expected 12)"),
                error.getMessage());
    }

    @Test
    void aFileThatIsNotSafetensorsIsRefused() throws Exception {
        Path file = dir.resolve("x.safetensors");
        Files.writeString(file, "<html>not found</html>");
        LanguageModelException error = assertThrows(LanguageModelException.class,
                () -> SafeTensors.openFiles(List.of(file)));
        assertTrue(error.getMessage().startsWith(file + " is not a valid safetensors file"), error.getMessage());
    }

    @Test
    void anIndexThatMisplacesATensorIsRefused() throws Exception {
        SafeTensorsWriter.write(dir.resolve("s1.safetensors"), Map.of("a", MATRIX));
        SafeTensorsWriter.write(dir.resolve("s2.safetensors"), Map.of("b", MATRIX));
        Files.writeString(dir.resolve(SafeTensors.INDEX_FILE),
                "{\"weight_map\":{\"a\":\"s2.safetensors\",\"b\":\"s2.safetensors\"}}");
        LanguageModelException error = assertThrows(LanguageModelException.class,
                () -> SafeTensors.openDirectory(dir));
        assertTrue(error.getMessage().contains("puts tensor 'a' in s2.safetensors, but that shard does not hold it"),
                error.getMessage());
    }

    @Test
    void aDirectoryWithoutWeightsIsRefused() {
        LanguageModelException error = assertThrows(LanguageModelException.class,
                () -> SafeTensors.openDirectory(dir));
        assertEquals("model directory " + dir + " has neither model.safetensors nor model.safetensors.index.json",
                error.getMessage());
    }

    private Path writeRaw(String header, int dataBytes) throws Exception {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(json.length).put(json);
        Path file = dir.resolve("raw.safetensors");
        Files.write(file, buffer.array());
        return file;
    }

    @Test
    void tensorsLargerThanTheChunkLoadInPiecesWithTheSameValues() {
        float[] values = new float[7 * 5];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i - 17) * 0.375f;
        }
        HostTensor tensor = new HostTensor(new long[] {7, 5}, values);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            for (SafeTensors.DType dtype : List.of(SafeTensors.DType.F32, SafeTensors.DType.BF16,
                    SafeTensors.DType.F16)) {
                Path file = dir.resolve(dtype + ".safetensors");
                SafeTensorsWriter.write(file, Map.of("w", tensor), dtype, Map.of());
                SafeTensors tensors = SafeTensors.openFiles(List.of(file));
                // 12 bytes = 3 floats: pieces that cut rows, and a last piece of 2 elements
                NDArray chunked = tensors.load(manager, "w", 12);
                assertArrayEquals(new long[] {7, 5}, chunked.getShape().getShape(), dtype.name());
                assertArrayEquals(tensors.readFloats("w"), chunked.toFloatArray(), dtype.name());
                assertArrayEquals(values, chunked.toFloatArray(), dtype.name()); // all exact in 8 mantissa bits
            }
        }
    }

    /**
     * A real tensor just over 2 GiB as float32 (a bfloat16 file of 1 GiB, mostly a hole in a sparse file). Needs
     * about 3 GiB of memory, so it runs only with {@code -Deasy2hard.heavyTests=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "easy2hard.heavyTests", matches = "true")
    void aTensorOverTwoGibibytesAsFloat32Loads() throws Exception {
        long rows = (1L << 29) / 1024 + 1; // 524,289 rows of 1,024: 2 GiB + 4 KiB as float32
        long elements = rows * 1024;
        Path file = dir.resolve("big.safetensors");
        String json = "{\"e\":{\"dtype\":\"BF16\",\"shape\":[" + rows + ",1024],\"data_offsets\":[0,"
                + elements * 2 + "]}}";
        byte[] header = (json + " ".repeat((8 - json.length() % 8) % 8)).getBytes(StandardCharsets.US_ASCII);
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ByteBuffer start = ByteBuffer.allocate(8 + header.length + 2).order(ByteOrder.LITTLE_ENDIAN);
            start.putLong(header.length).put(header).putShort(HalfFloats.floatToBf16(1.5f)).flip();
            channel.write(start, 0);
            ByteBuffer last = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN)
                    .putShort(HalfFloats.floatToBf16(-3f)).flip();
            channel.write(last, 8 + header.length + (elements - 1) * 2);
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray big = SafeTensors.openFiles(List.of(file)).load(manager, "e");
            assertArrayEquals(new long[] {rows, 1024}, big.getShape().getShape());
            assertEquals(1.5f, big.getFloat(0, 0));
            assertEquals(0f, big.getFloat(rows / 2, 512));
            assertEquals(-3f, big.getFloat(rows - 1, 1023));
        }
    }
}
