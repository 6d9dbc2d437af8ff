package org.easy2hard.model.llama.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.easy2hard.model.LanguageModelException;

/**
 * The tensors of a Hugging Face safetensors checkpoint: one {@code model.safetensors} file or a sharded checkpoint
 * described by {@code model.safetensors.index.json}. Every header is read and validated when the checkpoint is
 * opened (data type, shape, byte range inside its file); tensor data is read on demand, converted to float32.
 *
 * <p>The format: an unsigned 64-bit little-endian header length N, N bytes of JSON mapping each tensor name to
 * {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets into the data that follows the header, optionally
 * with a {@code "__metadata__"} entry of strings), then the raw little-endian data.
 */
public final class SafeTensors {

    /** The single-file checkpoint name. */
    public static final String SINGLE_FILE = "model.safetensors";
    /** The index of a sharded checkpoint. */
    public static final String INDEX_FILE = "model.safetensors.index.json";

    /** Headers larger than this are refused as corrupt (real ones are a few hundred kilobytes). */
    private static final long MAX_HEADER_BYTES = 100L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Float32 bytes converted at once when loading into the engine (larger tensors go in pieces). */
    static final long CHUNK_BYTES = 1L << 30;

    /** Element types this reader converts to float32. */
    public enum DType {
        /** IEEE single precision. */
        F32(4),
        /** IEEE half precision. */
        F16(2),
        /** bfloat16: the upper 16 bits of a float32. */
        BF16(2);

        private final int bytes;

        DType(int bytes) {
            this.bytes = bytes;
        }

        /** Bytes per element. */
        public int bytes() {
            return bytes;
        }
    }

    /**
     * Where one tensor's bytes are.
     *
     * @param name  the tensor's name, e.g. {@code model.layers.0.self_attn.q_proj.weight}
     * @param dtype its element type
     * @param shape its dimensions (empty for a scalar)
     * @param file  the file that holds it
     * @param start absolute byte offset of its data in the file
     */
    public record TensorInfo(String name, DType dtype, long[] shape, Path file, long start) {

        /** Copies the shape. */
        public TensorInfo {
            shape = shape.clone();
        }

        /** The shape (a copy). */
        @Override
        public long[] shape() {
            return shape.clone();
        }

        /** Number of elements. */
        public long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        /** The shape written as [a, b]. */
        public String shapeText() {
            return Arrays.toString(shape);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TensorInfo that && name.equals(that.name) && dtype == that.dtype
                    && Arrays.equals(shape, that.shape) && file.equals(that.file) && start == that.start;
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(shape);
        }

        @Override
        public String toString() {
            return name + " " + dtype + shapeText() + " in " + file.getFileName();
        }
    }

    private final Map<String, TensorInfo> tensors;
    private final List<Path> files;

    private SafeTensors(Map<String, TensorInfo> tensors, List<Path> files) {
        this.tensors = Collections.unmodifiableMap(tensors);
        this.files = List.copyOf(files);
    }

    /**
     * Opens the checkpoint in a model directory: {@value #SINGLE_FILE} when present, else the shards listed by
     * {@value #INDEX_FILE}.
     *
     * @throws LanguageModelException when neither exists, or a header or the index is malformed
     */
    public static SafeTensors openDirectory(Path directory) {
        Path single = directory.resolve(SINGLE_FILE);
        if (Files.isRegularFile(single)) {
            return openFiles(List.of(single));
        }
        Path index = directory.resolve(INDEX_FILE);
        if (Files.isRegularFile(index)) {
            return openIndex(index);
        }
        throw new LanguageModelException("model directory " + directory + " has neither " + SINGLE_FILE + " nor "
                + INDEX_FILE);
    }

    /** The shard file names an index lists, in first-mention order (for downloading them). */
    public static List<String> shardNames(Path index) {
        JsonNode map = readIndex(index);
        Set<String> names = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String file = entry.getValue().asText("");
            if (!entry.getValue().isTextual() || file.isEmpty() || file.contains("/") || file.contains("\\")
                    || file.startsWith(".")) {
                throw new LanguageModelException(index + ": weight_map entry for '" + entry.getKey()
                        + "' is not a plain file name: " + entry.getValue());
            }
            names.add(file);
        }
        return List.copyOf(names);
    }

    private static JsonNode readIndex(Path index) {
        JsonNode root;
        try {
            root = JSON.readTree(index.toFile());
        } catch (IOException e) {
            throw new LanguageModelException("cannot read safetensors index " + index + ": " + e.getMessage(), e);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject()) {
            throw new LanguageModelException(index + " has no \"weight_map\" object");
        }
        return map;
    }

    /** Opens a sharded checkpoint; every tensor the index names must be in the shard it names. */
    public static SafeTensors openIndex(Path index) {
        JsonNode map = readIndex(index);
        List<Path> shards = new ArrayList<>();
        for (String name : shardNames(index)) {
            shards.add(index.resolveSibling(name));
        }
        SafeTensors opened = openFiles(shards);
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            TensorInfo info = opened.tensors.get(entry.getKey());
            if (info == null || !info.file().getFileName().toString().equals(entry.getValue().asText())) {
                throw new LanguageModelException(index + " puts tensor '" + entry.getKey() + "' in "
                        + entry.getValue().asText() + ", but that shard does not hold it");
            }
        }
        return opened;
    }

    /** Opens the given files as one checkpoint; a tensor name may appear in only one of them. */
    public static SafeTensors openFiles(List<Path> files) {
        Map<String, TensorInfo> all = new TreeMap<>();
        for (Path file : files) {
            for (TensorInfo info : readHeader(file)) {
                TensorInfo before = all.put(info.name(), info);
                if (before != null) {
                    throw new LanguageModelException("tensor '" + info.name() + "' is in both " + before.file()
                            + " and " + file);
                }
            }
        }
        return new SafeTensors(new LinkedHashMap<>(all), files);
    }

    /**
     * Reads and validates one file's header.
     *
     * @throws LanguageModelException naming the file (and the tensor) when the header is malformed
     */
    public static List<TensorInfo> readHeader(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw new LanguageModelException(file + " is not a safetensors file: only " + size + " bytes");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0);
            long headerLength = lengthBytes.flip().getLong();
            if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES || headerLength > size - 8) {
                throw new LanguageModelException(file + " is not a valid safetensors file: header length "
                        + Long.toUnsignedString(headerLength) + " for a file of " + size + " bytes");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, 8);
            JsonNode header;
            try {
                header = JSON.readTree(new String(headerBytes.array(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new LanguageModelException(file + ": safetensors header is not valid JSON: " + e.getMessage(),
                        e);
            }
            if (header == null || !header.isObject()) {
                throw new LanguageModelException(file + ": safetensors header is not a JSON object");
            }
            long dataStart = 8 + headerLength;
            long dataLength = size - dataStart;
            List<TensorInfo> infos = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getKey().equals("__metadata__")) {
                    continue;
                }
                infos.add(tensorInfo(file, entry.getKey(), entry.getValue(), dataStart, dataLength));
            }
            return infos;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read safetensors file " + file, e);
        }
    }

    private static TensorInfo tensorInfo(Path file, String name, JsonNode node, long dataStart, long dataLength) {
        String where = file + ", tensor '" + name + "'";
        if (!node.isObject()) {
            throw new LanguageModelException(where + ": header entry is not an object");
        }
        String dtypeText = node.path("dtype").asText("");
        DType dtype;
        try {
            dtype = DType.valueOf(dtypeText);
        } catch (IllegalArgumentException e) {
            throw new LanguageModelException(where + ": data type '" + dtypeText + "' is not supported (F32, F16 "
                    + "and BF16 are)");
        }
        JsonNode shapeNode = node.get("shape");
        JsonNode offsets = node.get("data_offsets");
        if (shapeNode == null || !shapeNode.isArray() || offsets == null || !offsets.isArray() || offsets.size() != 2) {
            throw new LanguageModelException(where + ": header entry needs \"shape\" and two \"data_offsets\"");
        }
        long[] shape = new long[shapeNode.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!shapeNode.get(i).canConvertToLong() || shapeNode.get(i).asLong() < 0) {
                throw new LanguageModelException(where + ": bad dimension " + shapeNode.get(i));
            }
            shape[i] = shapeNode.get(i).asLong();
            elements = Math.multiplyExact(elements, shape[i]);
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        if (begin < 0 || end < begin || end > dataLength) {
            throw new LanguageModelException(where + ": data_offsets [" + offsets.get(0) + ", " + offsets.get(1)
                    + "] lie outside the " + dataLength + " data bytes (file truncated?)");
        }
        if (end - begin != elements * dtype.bytes()) {
            throw new LanguageModelException(where + ": " + (end - begin) + " data bytes for shape "
                    + Arrays.toString(shape) + " of " + dtype + " (expected " + elements * dtype.bytes() + ")");
        }
        return new TensorInfo(name, dtype, shape, file, dataStart + begin);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            at += n;
        }
    }

    /** Every tensor, by name (sorted). */
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    /** The files of the checkpoint. */
    public List<Path> files() {
        return files;
    }

    /** The tensor's description, or null when the checkpoint has no tensor of that name. */
    public TensorInfo info(String name) {
        return tensors.get(name);
    }

    /** Reads a tensor's values as float32 in row-major order. */
    public float[] readFloats(String name) {
        TensorInfo info = require(name);
        if (info.elements() * 4 > Integer.MAX_VALUE - 8) {
            throw new LanguageModelException(info + ": " + info.elements() + " elements exceed the 2 GiB a float32 "
                    + "array can hold; load it into an engine array instead");
        }
        FloatBuffer buffer = readBuffer(info, 0, info.elements(), false);
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    /**
     * Reads a tensor as a float32 NDArray of its shape, created by {@code manager} (so on the manager's device).
     *
     * @throws LanguageModelException when the checkpoint has no such tensor
     */
    public NDArray load(NDManager manager, String name) {
        return load(manager, name, CHUNK_BYTES);
    }

    /**
     * {@link #load(NDManager, String)} converting at most {@code chunkBytes} of float32 at a time: a tensor larger
     * than that (Llama-3-8B's embedding, 2.1 GB as float32, is over the 2 GiB a Java buffer holds) is read in
     * pieces into a flat engine array of its size, so host memory never holds more than one piece.
     */
    NDArray load(NDManager manager, String name, long chunkBytes) {
        TensorInfo info = require(name);
        long floatBytes = info.elements() * 4;
        if (floatBytes <= chunkBytes) {
            return manager.create(readBuffer(info, 0, info.elements(), true), new Shape(info.shape()));
        }
        long chunk = Math.max(1, chunkBytes / 4);
        NDArray flat = manager.zeros(new Shape(info.elements()));
        try {
            for (long start = 0; start < info.elements(); start += chunk) {
                long count = Math.min(chunk, info.elements() - start);
                try (NDArray piece = manager.create(readBuffer(info, start, count, true), new Shape(count))) {
                    flat.set(new NDIndex("{}:{}", start, start + count), piece);
                }
            }
            NDArray shaped = flat.reshape(new Shape(info.shape()));
            if (shaped != flat) {
                flat.close();
            }
            return shaped;
        } catch (RuntimeException e) {
            flat.close();
            throw e;
        }
    }

    private TensorInfo require(String name) {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new LanguageModelException("checkpoint " + files + " has no tensor '" + name + "'");
        }
        return info;
    }

    /**
     * Elements {@code [start, start + count)} of a tensor (row-major) converted to float32, in a direct (for the
     * engine) or heap buffer; {@code count * 4} must fit a buffer.
     */
    private static FloatBuffer readBuffer(TensorInfo info, long start, long count, boolean direct) {
        long floatBytes = count * 4;
        if (floatBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(info + ": a piece of " + count + " elements exceeds a buffer");
        }
        long rawBytes = count * info.dtype().bytes();
        ByteBuffer raw = ByteBuffer.allocate((int) rawBytes).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(info.file(), StandardOpenOption.READ)) {
            readFully(channel, raw, info.start() + start * info.dtype().bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tensor " + info, e);
        }
        raw.flip();
        ByteBuffer out = (direct ? ByteBuffer.allocateDirect((int) floatBytes) : ByteBuffer.allocate((int) floatBytes))
                .order(ByteOrder.nativeOrder());
        FloatBuffer floats = out.asFloatBuffer();
        switch (info.dtype()) {
            case F32 -> floats.put(raw.asFloatBuffer());
            case BF16 -> {
                while (raw.hasRemaining()) {
                    floats.put(HalfFloats.bf16ToFloat(raw.getShort()));
                }
            }
            case F16 -> {
                while (raw.hasRemaining()) {
                    floats.put(HalfFloats.toFloat(raw.getShort()));
                }
            }
            default -> throw new AssertionError(info.dtype());
        }
        floats.flip();
        return floats;
    }
}
