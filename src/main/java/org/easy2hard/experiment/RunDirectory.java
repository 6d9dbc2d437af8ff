package org.easy2hard.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.easy2hard.io.AtomicFiles;
import org.easy2hard.io.Sha256;

/**
 * A run's folder on disk: {@code manifest.json} (configuration and provenance), {@code units/<pool>-b<k>.jsonl}
 * (one file per finished training draw: its training ids, fit diagnostics and item-level records) and
 * {@code units.json}, the index of finished units with each file's SHA-256.
 *
 * <p>Every file is written to a temporary file and renamed into place, so a run killed at any moment leaves either
 * the old or the new version, never half a file. A unit counts as finished only when the index lists it and its
 * file still has the listed checksum; anything else is run again.
 */
public final class RunDirectory {

    static final String MANIFEST = "manifest.json";
    static final String INDEX = "units.json";
    static final String UNITS = "units";

    private final Path root;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ObjectMapper jsonLines = new ObjectMapper();

    private RunDirectory(Path root) {
        this.root = root;
    }

    /** Opens (and creates if needed) a run directory. */
    public static RunDirectory open(Path root) {
        try {
            Files.createDirectories(root.resolve(UNITS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + root, e);
        }
        return new RunDirectory(root.toAbsolutePath().normalize());
    }

    /** The folder. */
    public Path root() {
        return root;
    }

    /** The manifest, if one was written. */
    public Optional<JsonNode> manifest() {
        Path file = root.resolve(MANIFEST);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run manifest " + file, e);
        }
    }

    /**
     * Writes the manifest of a new run, or checks that an existing run was made with the same configuration.
     *
     * @throws IllegalStateException naming the first differing setting when the folder holds another experiment
     */
    public void writeOrCheckManifest(ObjectNode manifest) {
        Optional<JsonNode> existing = manifest();
        if (existing.isPresent()) {
            JsonNode before = existing.get().path("configuration");
            // Compare what would be written, read back: numbers then have the same node types on both sides.
            JsonNode now = reparse(manifest).path("configuration");
            if (!before.equals(now)) {
                throw new IllegalStateException("run directory " + root + " holds a run with another configuration ("
                        + firstDifference("configuration", before, now) + "); use a new output directory");
            }
            return;
        }
        writeAtomically(root.resolve(MANIFEST), bytes(manifest));
    }

    /** The finished units' records, or empty when the unit must (still) be run. */
    public Optional<UnitResult> finishedUnit(String unit) {
        String expected = index().get(unit);
        Path file = unitFile(unit);
        if (expected == null || !Files.exists(file)) {
            return Optional.empty();
        }
        try {
            byte[] content = Files.readAllBytes(file);
            if (!sha256(content).equals(expected)) {
                return Optional.empty();
            }
            return Optional.of(UnitCodec.read(jsonLines, file, content));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Stores a finished unit: its file first, then the index entry that makes it count as finished. */
    public void saveUnit(UnitResult result) {
        byte[] content = UnitCodec.write(jsonLines, result);
        writeAtomically(unitFile(result.unit()), content);
        Map<String, String> index = index();
        index.put(result.unit(), sha256(content));
        ObjectNode node = json.createObjectNode();
        index.forEach(node::put);
        writeAtomically(root.resolve(INDEX), bytes(node));
    }

    /** Every finished unit of the run, in index order. */
    public List<UnitResult> finishedUnits() {
        List<UnitResult> units = new ArrayList<>();
        for (String unit : index().keySet()) {
            finishedUnit(unit).ifPresent(units::add);
        }
        return units;
    }

    private Path unitFile(String unit) {
        return root.resolve(UNITS).resolve(unit + ".jsonl");
    }

    private Map<String, String> index() {
        Path file = root.resolve(INDEX);
        Map<String, String> index = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return index;
        }
        try {
            JsonNode node = json.readTree(file.toFile());
            node.fields().forEachRemaining(entry -> index.put(entry.getKey(), entry.getValue().asText()));
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the unit index " + file, e);
        }
    }

    private JsonNode reparse(JsonNode node) {
        try {
            return json.readTree(bytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot re-read the manifest", e);
        }
    }

    private byte[] bytes(JsonNode node) {
        try {
            return (json.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + node, e);
        }
    }

    /** Writes a file whole or not at all (see {@link AtomicFiles}). */
    static void writeAtomically(Path target, byte[] content) {
        try {
            AtomicFiles.write(target, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    static String sha256(byte[] content) {
        return Sha256.of(content);
    }

    private static String firstDifference(String path, JsonNode before, JsonNode now) {
        if (before.isObject() && now.isObject()) {
            Iterator<String> names = before.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!before.get(name).equals(now.get(name))) {
                    return now.has(name) ? firstDifference(path + "." + name, before.get(name), now.get(name))
                            : path + "." + name + " is gone";
                }
            }
            Iterator<String> added = now.fieldNames();
            while (added.hasNext()) {
                String name = added.next();
                if (!before.has(name)) {
                    return path + "." + name + " is new";
                }
            }
        }
        return path + " was " + before + ", now " + now;
    }
}
