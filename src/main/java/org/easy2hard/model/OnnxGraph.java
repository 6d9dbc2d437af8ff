package org.easy2hard.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of an ONNX model file this package needs, read straight from the protobuf wire format: the top-level
 * graph's node outputs and operator types, its inputs and outputs; and a copy of the model with more graph outputs.
 *
 * <p>Why not a protobuf library: the ONNX schema is not on the classpath, and the few fields needed are stable
 * (ModelProto.graph = 7; GraphProto.node = 1, initializer = 5, input = 11, output = 12; NodeProto.output = 2,
 * op_type = 4; ValueInfoProto.name = 1, type = 2). The file is memory-mapped, so a 133 MB model is scanned without
 * being copied onto the heap, and the weights (initializers) are skipped by their length prefix.
 */
final class OnnxGraph {

    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_LENGTH_DELIMITED = 2;
    private static final int WIRE_FIXED32 = 5;

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_OP_TYPE = 4;
    private static final int TENSOR_NAME = 8;
    private static final int VALUE_INFO_NAME = 1;
    private static final int VALUE_INFO_TYPE = 2;
    private static final int TYPE_TENSOR_TYPE = 1;
    private static final int TENSOR_TYPE_ELEM_TYPE = 1;
    private static final int ELEM_TYPE_FLOAT = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;

    private final Path file;
    /** Where the graph field's tag starts, where its payload starts and ends, in the model file. */
    private final long graphTagStart;
    private final long graphPayloadStart;
    private final long graphPayloadEnd;
    private final Set<String> nodeOutputs;
    private final Set<String> operatorTypes;
    private final List<String> inputs;
    private final List<String> outputs;
    private final Map<String, Long> outputWidths;

    private OnnxGraph(Path file, long graphTagStart, long graphPayloadStart, long graphPayloadEnd,
                      Set<String> nodeOutputs, Set<String> operatorTypes, List<String> inputs, List<String> outputs,
                      Map<String, Long> outputWidths) {
        this.file = file;
        this.graphTagStart = graphTagStart;
        this.graphPayloadStart = graphPayloadStart;
        this.graphPayloadEnd = graphPayloadEnd;
        this.nodeOutputs = Collections.unmodifiableSet(nodeOutputs);
        this.operatorTypes = Collections.unmodifiableSet(operatorTypes);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.outputWidths = Map.copyOf(outputWidths);
    }

    /**
     * Reads the top-level graph of an ONNX model file.
     *
     * @throws EncoderException when the file is not a readable ONNX model
     */
    static OnnxGraph read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() > Integer.MAX_VALUE) {
                // ONNX itself cannot hold more than 2 GB in one protobuf; larger models use external data files.
                throw new EncoderException("ONNX file " + file + " is larger than 2 GB; external-data models are not supported");
            }
            MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            return parse(file, buffer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ONNX file " + file, e);
        } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException | IllegalStateException
                 | IllegalArgumentException e) {
            throw new EncoderException("not a valid ONNX model file: " + file + " (" + e.getMessage() + ")", e);
        }
    }

    private static OnnxGraph parse(Path file, ByteBuffer buffer) {
        long graphTag = -1;
        long graphStart = -1;
        long graphEnd = -1;
        while (buffer.hasRemaining()) {
            int tagStart = buffer.position();
            long key = readVarint(buffer);
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (field == MODEL_GRAPH && wire == WIRE_LENGTH_DELIMITED) {
                int length = checkedLength(buffer);
                graphTag = tagStart;
                graphStart = buffer.position();
                graphEnd = graphStart + length;
                buffer.position((int) graphEnd);
            } else {
                skip(buffer, wire);
            }
        }
        if (graphStart < 0) {
            throw new EncoderException("ONNX file " + file + " has no graph");
        }
        Set<String> nodeOutputs = new HashSet<>();
        Set<String> operatorTypes = new HashSet<>();
        List<String> declaredInputs = new ArrayList<>();
        Set<String> initializers = new HashSet<>();
        List<String> outputs = new ArrayList<>();
        Map<String, Long> outputWidths = new HashMap<>();
        ByteBuffer graph = slice(buffer, (int) graphStart, (int) graphEnd);
        while (graph.hasRemaining()) {
            long key = readVarint(graph);
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (wire != WIRE_LENGTH_DELIMITED) {
                skip(graph, wire);
                continue;
            }
            int length = checkedLength(graph);
            ByteBuffer message = slice(graph, graph.position(), graph.position() + length);
            graph.position(graph.position() + length);
            switch (field) {
                case GRAPH_NODE -> readNode(message, nodeOutputs, operatorTypes);
                case GRAPH_INITIALIZER -> initializers.add(readStringField(message, TENSOR_NAME));
                case GRAPH_INPUT -> declaredInputs.add(readStringField(message, VALUE_INFO_NAME));
                case GRAPH_OUTPUT -> {
                    String name = readStringField(message.duplicate(), VALUE_INFO_NAME);
                    outputs.add(name);
                    outputWidths.put(name, lastDimension(message));
                }
                default -> { }
            }
        }
        // Older exports list the weights among the graph inputs too; those are not fed by the caller.
        List<String> inputs = declaredInputs.stream().filter(name -> !initializers.contains(name)).toList();
        return new OnnxGraph(file, graphTag, graphStart, graphEnd, nodeOutputs, operatorTypes, inputs, outputs,
                outputWidths);
    }

    private static void readNode(ByteBuffer node, Set<String> nodeOutputs, Set<String> operatorTypes) {
        while (node.hasRemaining()) {
            long key = readVarint(node);
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (wire == WIRE_LENGTH_DELIMITED && (field == NODE_OUTPUT || field == NODE_OP_TYPE)) {
                String value = readString(node);
                (field == NODE_OUTPUT ? nodeOutputs : operatorTypes).add(value);
            } else {
                skip(node, wire);
            }
        }
    }

    /**
     * The size of the last dimension declared for a graph output (its {@code ValueInfoProto}), or -1 when the
     * declaration has no shape or the last dimension is symbolic.
     */
    private static long lastDimension(ByteBuffer valueInfo) {
        ByteBuffer type = messageField(valueInfo, VALUE_INFO_TYPE);
        ByteBuffer tensorType = type == null ? null : messageField(type, TYPE_TENSOR_TYPE);
        ByteBuffer shape = tensorType == null ? null : messageField(tensorType, TENSOR_TYPE_SHAPE);
        if (shape == null) {
            return -1;
        }
        long last = -1;
        while (shape.hasRemaining()) {
            long key = readVarint(shape);
            int wire = (int) (key & 7);
            if ((key >>> 3) == SHAPE_DIM && wire == WIRE_LENGTH_DELIMITED) {
                int length = checkedLength(shape);
                ByteBuffer dimension = slice(shape, shape.position(), shape.position() + length);
                shape.position(shape.position() + length);
                last = -1;
                while (dimension.hasRemaining()) {
                    long dimensionKey = readVarint(dimension);
                    int dimensionWire = (int) (dimensionKey & 7);
                    if ((dimensionKey >>> 3) == DIM_VALUE && dimensionWire == WIRE_VARINT) {
                        last = readVarint(dimension);
                    } else {
                        skip(dimension, dimensionWire);
                    }
                }
            } else {
                skip(shape, wire);
            }
        }
        return last;
    }

    /** The payload of the first length-delimited field with this number in a message, or null. */
    private static ByteBuffer messageField(ByteBuffer message, int wanted) {
        ByteBuffer reader = message.duplicate();
        while (reader.hasRemaining()) {
            long key = readVarint(reader);
            int wire = (int) (key & 7);
            if ((key >>> 3) == wanted && wire == WIRE_LENGTH_DELIMITED) {
                int length = checkedLength(reader);
                return slice(reader, reader.position(), reader.position() + length);
            }
            skip(reader, wire);
        }
        return null;
    }

    /** The first string-valued field with this number in a message, or "" when absent. */
    private static String readStringField(ByteBuffer message, int wanted) {
        while (message.hasRemaining()) {
            long key = readVarint(message);
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (field == wanted && wire == WIRE_LENGTH_DELIMITED) {
                return readString(message);
            }
            skip(message, wire);
        }
        return "";
    }

    /** The model file this graph was read from. */
    Path file() {
        return file;
    }

    /** Names of every tensor produced by a node of the top-level graph. */
    Set<String> nodeOutputs() {
        return nodeOutputs;
    }

    /** Operator types used by the top-level graph, e.g. {@code MatMul}, {@code DynamicQuantizeLinear}. */
    Set<String> operatorTypes() {
        return operatorTypes;
    }

    /** The graph inputs the caller feeds (weights excluded), in declaration order. */
    List<String> inputs() {
        return inputs;
    }

    /** The graph outputs, in declaration order. */
    List<String> outputs() {
        return outputs;
    }

    /** The declared size of a graph output's last dimension, or -1 when not declared as a number. */
    long outputWidth(String output) {
        return outputWidths.getOrDefault(output, -1L);
    }

    /**
     * Number of transformer blocks of a BERT-style export: blocks are numbered from 0 in node names
     * {@code /encoder/layer.N/...}, so this is the largest N plus one, or 0 when there are none.
     */
    int blockCount() {
        int count = 0;
        for (String name : nodeOutputs) {
            if (name.startsWith("/encoder/layer.")) {
                int end = name.indexOf('/', "/encoder/layer.".length());
                if (end > 0) {
                    try {
                        count = Math.max(count, Integer.parseInt(name.substring("/encoder/layer.".length(), end)) + 1);
                    } catch (NumberFormatException ignored) {
                        // Not a block index: some other node under /encoder/layer.
                    }
                }
            }
        }
        return count;
    }

    /**
     * Writes a copy of the model whose graph also returns the given node outputs (as FLOAT tensors of unspecified
     * shape), after the existing outputs. Everything else is copied byte for byte.
     *
     * @throws EncoderException when a name is not produced by any node of the graph
     */
    void writeWithExtraOutputs(List<String> extraOutputs, Path target) throws IOException {
        for (String name : extraOutputs) {
            if (!nodeOutputs.contains(name)) {
                throw new EncoderException("ONNX graph " + file + " has no node output named '" + name + "'");
            }
        }
        ProtoWriter appended = new ProtoWriter();
        for (String name : extraOutputs) {
            ProtoWriter tensorType = new ProtoWriter().varintField(TENSOR_TYPE_ELEM_TYPE, ELEM_TYPE_FLOAT);
            ProtoWriter type = new ProtoWriter().bytesField(TYPE_TENSOR_TYPE, tensorType.toBytes());
            ProtoWriter valueInfo = new ProtoWriter()
                    .bytesField(VALUE_INFO_NAME, name.getBytes(StandardCharsets.UTF_8))
                    .bytesField(VALUE_INFO_TYPE, type.toBytes());
            appended.bytesField(GRAPH_OUTPUT, valueInfo.toBytes());
        }
        byte[] extra = appended.toBytes();
        long newGraphLength = graphPayloadEnd - graphPayloadStart + extra.length;
        byte[] graphHeader = new ProtoWriter().tag(MODEL_GRAPH, WIRE_LENGTH_DELIMITED).varint(newGraphLength).toBytes();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            // Model fields before the graph, the graph with a new length prefix and extra outputs, then the rest.
            transfer(in, 0, graphTagStart, out);
            writeFully(out, ByteBuffer.wrap(graphHeader));
            transfer(in, graphPayloadStart, graphPayloadEnd - graphPayloadStart, out);
            writeFully(out, ByteBuffer.wrap(extra));
            transfer(in, graphPayloadEnd, in.size() - graphPayloadEnd, out);
            out.force(true);
        }
    }

    private static void transfer(FileChannel in, long position, long count, FileChannel out) throws IOException {
        long done = 0;
        while (done < count) {
            done += in.transferTo(position + done, count - done, out);
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    private static ByteBuffer slice(ByteBuffer buffer, int start, int end) {
        if (start < 0 || end > buffer.limit() || start > end) {
            throw new IllegalStateException("field runs past the end of its message");
        }
        ByteBuffer copy = buffer.duplicate();
        copy.limit(end);
        copy.position(start);
        return copy.slice();
    }

    static long readVarint(ByteBuffer buffer) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = buffer.get();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalStateException("malformed varint");
    }

    private static int checkedLength(ByteBuffer buffer) {
        long length = readVarint(buffer);
        if (length < 0 || length > buffer.remaining()) {
            throw new IllegalStateException("length " + length + " runs past the end of its message");
        }
        return (int) length;
    }

    private static String readString(ByteBuffer buffer) {
        int length = checkedLength(buffer);
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void skip(ByteBuffer buffer, int wire) {
        switch (wire) {
            case WIRE_VARINT -> readVarint(buffer);
            case WIRE_FIXED64 -> buffer.position(buffer.position() + 8);
            case WIRE_LENGTH_DELIMITED -> {
                int length = checkedLength(buffer);
                buffer.position(buffer.position() + length);
            }
            case WIRE_FIXED32 -> buffer.position(buffer.position() + 4);
            default -> throw new IllegalStateException("unsupported protobuf wire type " + wire);
        }
    }

    /** Builds small protobuf messages: enough for the value-info entries appended to a graph. */
    static final class ProtoWriter {
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        ProtoWriter tag(int field, int wire) {
            return varint(((long) field << 3) | wire);
        }

        ProtoWriter varint(long value) {
            long rest = value;
            while ((rest & ~0x7fL) != 0) {
                bytes.write((int) ((rest & 0x7f) | 0x80));
                rest >>>= 7;
            }
            bytes.write((int) rest);
            return this;
        }

        ProtoWriter varintField(int field, long value) {
            return tag(field, WIRE_VARINT).varint(value);
        }

        ProtoWriter bytesField(int field, byte[] value) {
            tag(field, WIRE_LENGTH_DELIMITED).varint(value.length);
            bytes.writeBytes(value);
            return this;
        }

        byte[] toBytes() {
            return bytes.toByteArray();
        }
    }
}
