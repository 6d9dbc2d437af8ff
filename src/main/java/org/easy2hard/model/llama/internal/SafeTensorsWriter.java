package org.easy2hard.model.llama.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.easy2hard.io.AtomicFiles;

/**
 * Writes safetensors files (atomically: a reader sees no file or the whole file). Tensors are stored in name order,
 * the header padded with spaces to a multiple of 8 bytes as the reference implementation does. Used by tests to
 * generate tiny models and to save adapter weights.
 */
public final class SafeTensorsWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafeTensorsWriter() {
    }

    /** Writes float32 tensors. */
    public static void write(Path file, Map<String, HostTensor> tensors) {
        write(file, tensors, SafeTensors.DType.F32, Map.of());
    }

    /**
     * Writes tensors in the given element type (F16 and BF16 round to nearest) with optional string metadata.
     *
     * @param file     the target file (its directory is created)
     * @param tensors  the tensors by name
     * @param dtype    the element type to store
     * @param metadata the {@code __metadata__} strings (may be empty)
     */
    public static void write(Path file, Map<String, HostTensor> tensors, SafeTensors.DType dtype,
            Map<String, String> metadata) {
        Map<String, HostTensor> sorted = new TreeMap<>(tensors);
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            new TreeMap<>(metadata).forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, HostTensor> entry : sorted.entrySet()) {
            ObjectNode node = header.putObject(entry.getKey());
            node.put("dtype", dtype.name());
            ArrayNode shape = node.putArray("shape");
            for (long d : entry.getValue().shape()) {
                shape.add(d);
            }
            long bytes = (long) entry.getValue().values().length * dtype.bytes();
            node.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = new byte[padded];
        java.util.Arrays.fill(headerBytes, (byte) ' ');
        System.arraycopy(json, 0, headerBytes, 0, json.length);
        try {
            AtomicFiles.write(file, target -> {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
                    ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
                    out.write(length.array());
                    out.write(headerBytes);
                    for (HostTensor tensor : sorted.values()) {
                        writeValues(out, tensor.values(), dtype);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write safetensors file " + file, e);
        }
    }

    /** Writes NDArrays (copied to Java memory, as float32), e.g. trained adapter weights. */
    public static void writeArrays(Path file, Map<String, NDArray> arrays, Map<String, String> metadata) {
        Map<String, HostTensor> host = new LinkedHashMap<>();
        arrays.forEach((name, array) -> host.put(name, new HostTensor(array.getShape().getShape(),
                array.toType(DataType.FLOAT32, false).toFloatArray())));
        write(file, host, SafeTensors.DType.F32, metadata);
    }

    private static void writeValues(OutputStream out, float[] values, SafeTensors.DType dtype) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            if (buffer.remaining() < 4) {
                out.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            switch (dtype) {
                case F32 -> buffer.putFloat(value);
                case F16 -> buffer.putShort(HalfFloats.fromFloat(value));
                case BF16 -> buffer.putShort(HalfFloats.floatToBf16(value));
                default -> throw new AssertionError(dtype);
            }
        }
        out.write(buffer.array(), 0, buffer.position());
    }
}
