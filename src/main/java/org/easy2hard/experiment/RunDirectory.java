package org.easy2hard.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
import org.easy2hard.data.DataFormatException;
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
 *
 * <p>Each unit file carries the SHA-256 of the configuration it was computed with, so units are never reused under
 * another configuration, even when the manifest was deleted or replaced. JSON is written with sorted keys, so two
 * runs with the same results write byte-identical units. A writer holds the directory's {@link RunLock}.
 */
public final class RunDirectory {

    public static final String MANIFEST = "manifest.json";
    static final String INDEX = "units.json";
    static final String UNITS = "units";

    private final Path root;
    // The manifest and index keep their insertion order (the index lists units in run order); unit lines are sorted.
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ObjectMapper jsonLines = sorted();
    /** The SHA-256 of the configuration this process runs, once the manifest was written or checked. */
    private String configuration;

    private RunDirectory(Path root) {
        this.root = root;
    }

    /**
     * Opens a finished or interrupted run for reading, with the configuration of its manifest.
     *
     * @throws DataFormatException when the folder holds no manifest
     */
    public static RunDirectory openExisting(Path root) {
        if (!Files.isRegularFile(root.resolve(MANIFEST))) {
            throw new DataFormatException(root, 0, "not a run directory (no " + MANIFEST + ")");
        }
        RunDirectory run = open(root);
        run.useManifestConfiguration();
        return run;
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

    /** A mapper that writes object keys in sorted order, whatever order maps and nodes hold them in. */
    static ObjectMapper sorted() {
        return JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();
    }

    /**
     * Takes the directory's writer lock; close it when the run ends.
     *
     * @throws IllegalStateException naming the holder when another writer has it
     */
    public RunLock lock() {
        return RunLock.acquire(root);
    }

    /** The folder. */
    public Path root() {
        return root;
    }

    /**
     * The manifest, if one was written, in the one layout (a legacy study manifest is migrated on reading).
     *
     * @throws DataFormatException when it lacks what a run needs
     */
    public Optional<RunManifest> manifest() {
        return rawManifest().map(json -> RunManifest.fromJson(root.resolve(MANIFEST), json));
    }

    private Optional<JsonNode> rawManifest() {
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
     * Writes the manifest of a new run, or checks that an existing run (of either layout, see {@link RunManifest})
     * was made with the same configuration. Units carry the digest of the configuration as it is on disk, so a
     * legacy run keeps its manifest file and its units stay valid.
     *
     * @throws IllegalStateException naming the first differing setting when the folder holds another experiment
     */
    public void writeOrCheckManifest(RunManifest manifest) {
        Optional<JsonNode> existing = rawManifest();
        if (existing.isEmpty() && hasUnits()) {
            throw new IllegalStateException("run directory " + root + " holds units but no " + MANIFEST
                    + ", so the configuration they were computed with cannot be checked; to start over, delete "
                    + root + " (or use a new output directory)");
        }
        // Compare what would be written, read back: numbers then have the same node types on both sides.
        JsonNode now = reparse(manifest.configuration().toJson());
        if (existing.isPresent()) {
            JsonNode before = reparse(RunManifest.fromJson(root.resolve(MANIFEST), existing.get()).configuration()
                    .toJson());
            if (!before.equals(now)) {
                throw new IllegalStateException("run directory " + root + " holds a run with another configuration ("
                        + firstDifference("configuration", before, now) + "); use a new output directory");
            }
            configuration = configurationDigest(existing.get().path("configuration"));
            return;
        }
        configuration = configurationDigest(now);
        writeAtomically(root.resolve(MANIFEST), bytes(manifest.toJson()));
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
            checkConfiguration(unit, content);
            return Optional.of(UnitCodec.read(jsonLines, file, content));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Stores a finished unit: its file first, then the index entry that makes it count as finished. */
    public void saveUnit(UnitResult result) {
        byte[] content = UnitCodec.write(jsonLines, result, configuration);
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

    /**
     * The units the index lists whose file is absent, no longer has the listed checksum, or was computed under
     * another configuration than the one in use (see {@link #useManifestConfiguration}).
     */
    List<String> damagedUnits() {
        List<String> damaged = new ArrayList<>();
        index().forEach((unit, expected) -> {
            Path file = unitFile(unit);
            try {
                byte[] content = Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
                if (content == null || !sha256(content).equals(expected) || foreign(content)) {
                    damaged.add(unit);
                }
            } catch (IOException e) {
                damaged.add(unit);
            }
        });
        return damaged;
    }

    /** The names the index lists, finished or damaged. */
    List<String> indexedUnits() {
        return new ArrayList<>(index().keySet());
    }

    /** Uses the configuration of the manifest on disk (for readers, which write nothing). */
    void useManifestConfiguration() {
        rawManifest().ifPresent(m -> configuration = configurationDigest(m.path("configuration")));
    }

    private boolean hasUnits() {
        if (Files.exists(root.resolve(INDEX))) {
            return true;
        }
        try (var files = Files.list(root.resolve(UNITS))) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".jsonl"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root.resolve(UNITS), e);
        }
    }

    private boolean foreign(byte[] content) {
        String carried = UnitCodec.configuration(jsonLines, content);
        return configuration != null && carried != null && !carried.equals(configuration);
    }

    /** Refuses a unit computed under another configuration than this run's (units from before carry none). */
    private void checkConfiguration(String unit, byte[] content) {
        if (foreign(content)) {
            throw new IllegalStateException("unit " + unit + " in " + root + " was computed with another "
                    + "configuration than the manifest's (was " + MANIFEST + " replaced?); to start over, delete "
                    + root + " (or use a new output directory)");
        }
    }

    /** The SHA-256 of a configuration block written with sorted keys (node types do not matter, text does). */
    private String configurationDigest(JsonNode configurationNode) {
        try {
            return sha256(jsonLines.writeValueAsBytes(configurationNode));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the configuration", e);
        }
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
                    // A driver's settings are the configuration's own fields: "configuration.train_size".
                    String inner = name.equals("settings") ? path : path + "." + name;
                    return now.has(name) ? firstDifference(inner, before.get(name), now.get(name))
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
