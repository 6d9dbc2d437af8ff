package org.easy2hard.model.lora;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.easy2hard.io.AtomicFiles;

/**
 * Reads and writes float32 tensors in the safetensors format, enough for LoRA adapters (which are always kept in
 * float32): an 8-byte little-endian header length, a JSON header mapping each tensor name to its dtype, shape and
 * byte range, optional string metadata under {@code __metadata__}, then the raw little-endian data. Tensors are
 * written in name order, the header padded with spaces to a multiple of 8 bytes, as the reference implementation
 * does, so the same tensors always give the same file.
 */
final class Float32SafeTensors {

    /** A float32 tensor: its shape and its values in row-major order. */
    record Tensor(long[] shape, float[] values) {

        Tensor {
            long count = 1;
            for (long dimension : shape) {
                count *= dimension;
            }
            if (count != values.length) {
                throw new IllegalArgumentException("shape holds " + count + " values, not " + values.length);
            }
        }
    }

    /** What a file holds: tensors by name and the header's metadata. */
    record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L * 1024 * 1024;

    private Float32SafeTensors() {
    }

    /** Writes the tensors and metadata to {@code file} atomically. */
    static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Map<String, Tensor> sorted = new TreeMap<>(tensors);
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            new TreeMap<>(metadata).forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> entry : sorted.entrySet()) {
            ObjectNode node = header.putObject(entry.getKey());
            node.put("dtype", "F32");
            ArrayNode shape = node.putArray("shape");
            for (long dimension : entry.getValue().shape()) {
                shape.add(dimension);
            }
            long end = offset + 4L * entry.getValue().values().length;
            node.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = new byte[padded];
        System.arraycopy(json, 0, headerBytes, 0, json.length);
        for (int i = json.length; i < padded; i++) {
            headerBytes[i] = ' ';
        }
        AtomicFiles.write(file, target -> {
            try (OutputStream out = Files.newOutputStream(target)) {
                out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
                out.write(headerBytes);
                for (Tensor tensor : sorted.values()) {
                    ByteBuffer data = ByteBuffer.allocate(4 * tensor.values().length).order(ByteOrder.LITTLE_ENDIAN);
                    data.asFloatBuffer().put(tensor.values());
                    out.write(data.array());
                }
            }
        });
    }

    /**
     * Reads every tensor of {@code file}.
     *
     * @throws IOException naming the file for a truncated file, a malformed header, a dtype other than F32 or a
     *                     byte range that does not match the shape
     */
    static Contents read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 8) {
            throw new IOException(file + ": too short for a safetensors file");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buffer.getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER || 8 + headerLength > bytes.length) {
            throw new IOException(file + ": bad safetensors header length " + headerLength);
        }
        JsonNode header;
        try {
            header = JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException(file + ": malformed safetensors header: " + e.getMessage(), e);
        }
        long dataStart = 8 + headerLength;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            JsonNode node = entry.getValue();
            if (name.equals("__metadata__")) {
                node.fields().forEachRemaining(field -> metadata.put(field.getKey(), field.getValue().asText()));
                continue;
            }
            if (!"F32".equals(node.path("dtype").asText())) {
                throw new IOException(file + ": tensor " + name + " has dtype " + node.path("dtype").asText()
                        + "; adapters are stored as F32");
            }
            JsonNode shapeNode = node.path("shape");
            long[] shape = new long[shapeNode.size()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeNode.get(i).asLong();
                count *= shape[i];
            }
            long start = node.path("data_offsets").path(0).asLong(-1);
            long end = node.path("data_offsets").path(1).asLong(-1);
            if (start < 0 || end - start != 4 * count || dataStart + end > bytes.length) {
                throw new IOException(file + ": tensor " + name + " has byte range [" + start + ", " + end
                        + ") that does not hold its shape or lies outside the file");
            }
            float[] values = new float[(int) count];
            ByteBuffer.wrap(bytes, (int) (dataStart + start), (int) (end - start)).order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer().get(values);
            tensors.put(name, new Tensor(shape, values));
        }
        return new Contents(tensors, metadata);
    }
}
