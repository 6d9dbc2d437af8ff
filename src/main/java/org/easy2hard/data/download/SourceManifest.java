package org.easy2hard.data.download;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.easy2hard.data.DatasetId;

/**
 * Where every dataset comes from and what it must contain: the contents of {@code sources.json}.
 *
 * <p>The JSON has the shape
 * <pre>{@code
 * { "format": 1, "comment": "...",
 *   "datasets": [
 *     { "dataset": "gsm8k",
 *       "sources": [
 *         { "url": "https://...", "format": "file" | "zip" | "tar",
 *           "sha256": null, "size": null,          // the download itself; optional for archives
 *           "licence": "MIT", "note": "...",
 *           "files": [ { "path": "train.jsonl", "entry": null, "size": 4166206, "sha256": "17f3..." } ] } ] } ] }
 * }</pre>
 * {@code path} is relative to the dataset's folder; {@code entry} is the member's name inside an archive. The
 * bundled manifest was generated from {@code shared/datasets/PROVENANCE.md}, whose hashes were checked against the
 * files.
 *
 * @param format   the manifest format version; only {@value #FORMAT} is understood
 * @param comment  free text for people reading the file, or {@code null}
 * @param datasets one entry per dataset
 */
public record SourceManifest(int format, String comment, List<DatasetSources> datasets) {

    /** The manifest format version this code reads. */
    public static final int FORMAT = 1;

    private static final String BUNDLED = "sources.json";

    /** Checks the version and that no dataset appears twice, and copies the list. */
    public SourceManifest {
        if (format != FORMAT) {
            throw new IllegalArgumentException("manifest format " + format + " is not supported (expected " + FORMAT + ")");
        }
        datasets = List.copyOf(Objects.requireNonNull(datasets, "datasets"));
        if (datasets.stream().map(DatasetSources::dataset).distinct().count() != datasets.size()) {
            throw new IllegalArgumentException("manifest lists a dataset twice");
        }
    }

    /** The manifest shipped with the library ({@code org/easy2hard/data/download/sources.json}). */
    public static SourceManifest bundled() {
        try (InputStream in = SourceManifest.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("resource " + BUNDLED + " is missing from the classpath next to "
                        + SourceManifest.class.getName());
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + BUNDLED, e);
        }
    }

    /**
     * Reads a manifest in the JSON form shown above.
     *
     * @throws IOException when the JSON is malformed, has unknown fields or breaks a rule of the records
     */
    public static SourceManifest read(InputStream json) throws IOException {
        // Unknown fields are errors: a misspelt "sha256" must not silently leave a file unpinned.
        JsonMapper mapper = JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        try {
            return mapper.readValue(json, SourceManifest.class);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid source manifest: " + e.getMessage(), e);
        }
    }

    /**
     * The sources of one dataset.
     *
     * @throws IllegalArgumentException when the manifest does not list it
     */
    public DatasetSources sources(DatasetId dataset) {
        return datasets.stream()
                .filter(entry -> entry.dataset() == dataset)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the source manifest does not list dataset " + dataset));
    }

    /** The datasets the manifest lists, each with its sources, in {@link DatasetId} order. */
    public Map<DatasetId, DatasetSources> byDataset() {
        Map<DatasetId, DatasetSources> map = new EnumMap<>(DatasetId.class);
        datasets.forEach(entry -> map.put(entry.dataset(), entry));
        return map;
    }
}
