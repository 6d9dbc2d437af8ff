package org.easy2hard.model.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * One text per JSON value: object keys sorted at every level, no whitespace. Request bodies are sent and keyed in
 * this form, so that two requests that mean the same have the same cache key whatever order they were built in.
 */
final class CanonicalJson {

    private CanonicalJson() {
    }

    /** The canonical text of a value. */
    static String write(ObjectMapper mapper, JsonNode node) {
        try {
            return mapper.writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises.
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                fields.put(field.getKey(), sorted(field.getValue()));
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(element -> out.add(sorted(element)));
            return out;
        }
        return node;
    }
}
