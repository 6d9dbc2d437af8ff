package org.easy2hard.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.easy2hard.data.DataFormatException;
import org.easy2hard.stats.Condition;
import org.easy2hard.stats.ItemResult;

/**
 * The JSON-lines form of a unit: a first line describing the unit, then one line per item-level record. Doubles are
 * written with Jackson's shortest round-trip form, so reading a unit back gives bit-identical numbers.
 */
final class UnitCodec {

    private UnitCodec() {
    }

    /**
     * The unit's lines.
     *
     * @param configuration the SHA-256 of the run configuration the unit was computed with (null: none recorded)
     */
    static byte[] write(ObjectMapper mapper, UnitResult unit, String configuration) {
        StringBuilder out = new StringBuilder();
        try {
            ObjectNode header = mapper.createObjectNode();
            header.put("type", "unit");
            header.put("unit", unit.unit());
            header.put("train_pool", unit.pool().label());
            header.put("bootstrap", unit.bootstrap());
            if (configuration != null) {
                header.put("configuration_sha256", configuration);
            }
            ArrayNode train = header.putArray("train_ids");
            unit.trainIds().forEach(train::add);
            ObjectNode diagnostics = header.putObject("diagnostics");
            // Sorted: the diagnostics map's own order varies from one process to the next.
            new TreeMap<>(unit.diagnostics()).forEach(diagnostics::put);
            header.put("records", unit.records().size());
            out.append(mapper.writeValueAsString(header)).append('\n');
            for (ItemResult record : unit.records()) {
                out.append(mapper.writeValueAsString(toJson(mapper, record))).append('\n');
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise unit " + unit.unit(), e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static ObjectNode toJson(ObjectMapper mapper, ItemResult record) {
        ObjectNode node = mapper.createObjectNode();
        node.put("type", "item");
        node.put("item_id", record.itemId());
        Condition c = record.condition();
        node.put("dataset", c.dataset());
        node.put("model", c.model());
        node.put("method", c.method());
        node.put("train_pool", c.trainPool());
        node.put("hardness_measure", c.hardnessMeasure());
        node.put("n_train", c.nTrain());
        node.put("bootstrap", record.bootstrap());
        node.put("correct", record.correct());
        if (Double.isNaN(record.goldProbability())) {
            node.putNull("gold_probability");
        } else {
            node.put("gold_probability", record.goldProbability());
        }
        node.put("predicted_option", record.predictedOption());
        ObjectNode hardness = node.putObject("hardness");
        new java.util.TreeMap<>(record.hardness()).forEach(hardness::put);
        if (!record.outputs().isEmpty()) {
            ObjectNode outputs = node.putObject("outputs");
            new TreeMap<>(record.outputs()).forEach(outputs::put);
        }
        return node;
    }

    /** The configuration SHA-256 a unit's header carries, or null for units written before units carried one. */
    static String configuration(ObjectMapper mapper, byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        try {
            JsonNode header = mapper.readTree(end < 0 ? text : text.substring(0, end));
            JsonNode value = header.path("configuration_sha256");
            return value.isTextual() ? value.asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static UnitResult read(ObjectMapper mapper, Path file, byte[] content) {
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n");
        try {
            JsonNode header = mapper.readTree(lines[0]);
            List<String> trainIds = new ArrayList<>();
            header.path("train_ids").forEach(id -> trainIds.add(id.asText()));
            Map<String, Double> diagnostics = new LinkedHashMap<>();
            header.path("diagnostics").fields().forEachRemaining(e -> diagnostics.put(e.getKey(), e.getValue().asDouble()));
            List<ItemResult> records = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                records.add(fromJson(mapper.readTree(lines[i])));
            }
            if (records.size() != header.path("records").asInt(-1)) {
                throw new DataFormatException(file, 0, "holds " + records.size() + " records, its header says "
                        + header.path("records"));
            }
            return new UnitResult(header.path("unit").asText(), TrainPool.parse(header.path("train_pool").asText()),
                    header.path("bootstrap").asInt(), trainIds, diagnostics, records);
        } catch (JsonProcessingException e) {
            throw new DataFormatException(file, 0, "malformed unit file (" + e.getOriginalMessage() + ")", e);
        }
    }

    static ItemResult fromJson(JsonNode node) {
        Condition condition = new Condition(node.path("dataset").asText(), node.path("model").asText(),
                node.path("method").asText(), node.path("train_pool").asText(), node.path("hardness_measure").asText(),
                node.path("n_train").asInt());
        Map<String, Double> hardness = new LinkedHashMap<>();
        node.path("hardness").fields().forEachRemaining(e -> hardness.put(e.getKey(), e.getValue().asDouble()));
        Map<String, String> outputs = new LinkedHashMap<>();
        node.path("outputs").fields().forEachRemaining(e -> outputs.put(e.getKey(), e.getValue().asText()));
        JsonNode probability = node.path("gold_probability");
        return new ItemResult(node.path("item_id").asText(), condition, node.path("bootstrap").asInt(),
                node.path("correct").asBoolean(), probability.isNull() ? Double.NaN : probability.asDouble(),
                node.path("predicted_option").asInt(), hardness, outputs);
    }
}
