package org.easy2hard.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON records with the line each one starts on, so that every format error can name file and line.
 * Package-private plumbing shared by the loaders.
 */
final class JsonRecords {

    /** One JSON record and the 1-based line of the file where it starts. */
    record Located(JsonNode node, long line, Path file) {

        /** A text field, possibly nested ({@code "question.stem"}); a clear error when missing or not text. */
        String text(String dottedPath) {
            JsonNode value = node;
            for (String part : dottedPath.split("\\.")) {
                value = value == null ? null : value.get(part);
            }
            if (value == null || value.isNull()) {
                throw error("missing field '" + dottedPath + "'");
            }
            if (!value.isTextual()) {
                throw error("field '" + dottedPath + "' should be a string but is " + value.getNodeType());
            }
            return value.asText();
        }

        /** An array field, each element a string; a clear error otherwise. */
        List<String> textList(String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isArray()) {
                throw error("missing array field '" + field + "'");
            }
            List<String> texts = new ArrayList<>();
            for (JsonNode element : value) {
                if (!element.isTextual()) {
                    throw error("field '" + field + "' should hold strings but holds " + element.getNodeType());
                }
                texts.add(element.asText());
            }
            return texts;
        }

        /** The error for this record, naming file and line. */
        DataFormatException error(String detail) {
            return new DataFormatException(file, line, detail);
        }
    }

    private final ObjectMapper mapper = new ObjectMapper();

    /** Every line of a JSON-lines file as a record; blank lines are skipped, anything else must parse. */
    List<Located> readLines(Path file) {
        List<Located> records = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = mapper.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new DataFormatException(file, lineNumber, "malformed JSON line (" + e.getOriginalMessage()
                            + ")", e);
                }
                if (!node.isObject()) {
                    throw new DataFormatException(file, lineNumber, "expected a JSON object, found "
                            + node.getNodeType());
                }
                records.add(new Located(node, lineNumber, file));
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw Utf8.notUtf8(file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return records;
    }

    /** The elements of a file holding one JSON array of objects. */
    List<Located> readArray(Path file) {
        List<Located> records = new ArrayList<>();
        try (JsonParser parser = mapper.createParser(file.toFile())) {
            expect(parser, JsonToken.START_ARRAY, file);
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token != JsonToken.START_OBJECT) {
                    throw new DataFormatException(file, lineOf(parser), "expected a JSON object in the array, found "
                            + describe(token));
                }
                long line = lineOf(parser);
                records.add(new Located(mapper.readTree(parser), line, file));
            }
        } catch (JsonProcessingException e) {
            throw malformed(file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return records;
    }

    /** The entries of a file holding one JSON object whose values are objects, each with its key. */
    List<Entry> readObjectEntries(Path file) {
        List<Entry> entries = new ArrayList<>();
        try (JsonParser parser = mapper.createParser(file.toFile())) {
            expect(parser, JsonToken.START_OBJECT, file);
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                if (token != JsonToken.FIELD_NAME) {
                    throw new DataFormatException(file, lineOf(parser), "expected a key, found " + describe(token));
                }
                String key = parser.currentName();
                long line = lineOf(parser);
                parser.nextToken();
                JsonNode value = mapper.readTree(parser);
                if (!value.isObject()) {
                    throw new DataFormatException(file, line, "value of '" + key + "' should be an object");
                }
                entries.add(new Entry(key, new Located(value, line, file)));
            }
        } catch (JsonProcessingException e) {
            throw malformed(file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return entries;
    }

    /** One key of a JSON object file and its value. */
    record Entry(String key, Located value) {
    }

    private static void expect(JsonParser parser, JsonToken wanted, Path file) throws IOException {
        JsonToken first = parser.nextToken();
        if (first != wanted) {
            throw new DataFormatException(file, lineOf(parser), "expected the file to start with "
                    + describe(wanted) + ", found " + describe(first));
        }
    }

    private static long lineOf(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    private static String describe(JsonToken token) {
        return token == null ? "end of file" : token.asString() != null ? "'" + token.asString() + "'" : token.name();
    }

    private static DataFormatException malformed(Path file, JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        long line = location == null ? 0 : location.getLineNr();
        return new DataFormatException(file, line, "malformed JSON (" + e.getOriginalMessage() + ")", e);
    }
}
