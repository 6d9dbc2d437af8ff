package org.easy2hard.model.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

/**
 * One text per JSON value: object keys sorted at every level, no whitespace. Request bodies are sent and keyed in
 * this form, so that two requests that mean the same have the same cache key whatever order they were built in.
 *
 * <p>Jackson does the sorting ({@link JsonNodeFeature#WRITE_PROPERTIES_SORTED}, which sorts the properties of every
 * object node by {@link String#compareTo}, as the hand-written recursive sort this replaced did). The request cache
 * keys written before stay valid: {@code CanonicalJsonTest} pins the text and key of a fixed request computed by the
 * old code. ({@code SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS} would not do: it sorts {@code Map}s, not trees.)
 */
final class CanonicalJson {

    private CanonicalJson() {
    }

    /** The canonical text of a value. */
    static String write(ObjectMapper mapper, JsonNode node) {
        try {
            return mapper.writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED).writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises.
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
