package org.easy2hard.model;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import org.easy2hard.io.ContentStore;

/**
 * Features on disk, addressed by content: one file per (model identity, exact text), so any process — a notebook,
 * the command line, a test — that encodes the same text with the same model reuses the features. A
 * {@link ContentStore} with a codec for float vectors.
 *
 * <p><b>Key and layout.</b> The key of an entry is the SHA-256 of {@code identity.cacheKey() + '\u0000' + text}
 * (the cache key holds the model's name, weight hash and output-changing settings). The file is
 * {@code <root>/<first 16 hex of SHA-256(cacheKey)>/<first 2 hex of key>/<key>.f32}; each model directory also holds
 * {@code identity.txt} saying which model it belongs to.
 *
 * <p><b>Entry format</b> (little-endian): magic {@code E2HF}, format version, dimension, the 32-byte key, the floats,
 * then a CRC-32C of everything before it. An entry whose length, header, key or checksum is wrong is reported as
 * {@link Status#INVALID} and must be recomputed, never trusted.
 *
 * <p><b>Concurrency.</b> Entries are written to a temporary file in the same directory and renamed into place, so a
 * reader in any process sees either no entry or a complete one; two writers of one entry write the same features
 * and the last rename wins. Instances hold no mutable state and may be shared between threads.
 */
public final class FeatureCache {

    /** File name suffix of an entry. */
    public static final String SUFFIX = ".f32";

    /** What a lookup found (the store's {@link ContentStore.Status}, under the name callers of the caches use). */
    public enum Status {
        /** No entry for this text. */
        MISSING,
        /** A complete entry whose checksum, key and dimension are right. */
        VALID,
        /** An entry that is truncated, corrupted, of another dimension or filed under the wrong key. */
        INVALID;

        static Status of(ContentStore.Status status) {
            return switch (status) {
                case MISSING -> MISSING;
                case VALID -> VALID;
                case INVALID -> INVALID;
            };
        }
    }

    /**
     * The result of a lookup.
     *
     * @param status   what was found
     * @param features the features when {@link Status#VALID}, else null
     * @param problem  why the entry is {@link Status#INVALID}, else ""
     */
    public record Lookup(Status status, float[] features, String problem) {
    }

    private final ContentStore store;

    private FeatureCache(ContentStore store) {
        this.store = store;
    }

    /** A feature cache in this directory (created when first written). */
    public static FeatureCache at(Path root) {
        return new FeatureCache(ContentStore.at(Objects.requireNonNull(root, "root"), SUFFIX));
    }

    /** The feature cache of the cache directory the settings name ({@link CacheDirectory#fromSettings()}). */
    public static FeatureCache fromSettings() {
        return at(CacheDirectory.fromSettings().features());
    }

    /** The cache's root directory. */
    public Path root() {
        return store.root();
    }

    /** The directory holding one model's entries. */
    public Path modelDirectory(ModelIdentity identity) {
        return store.namespaceDirectory(identity.cacheKey());
    }

    /** The entry key (hex) of a text under a model identity. */
    public String key(ModelIdentity identity, String text) {
        return store.key(identity.cacheKey(), Objects.requireNonNull(text, "text"));
    }

    /** Where the entry of a text under a model identity is (whether or not it exists). */
    public Path entryPath(ModelIdentity identity, String text) {
        return store.entryPath(identity.cacheKey(), Objects.requireNonNull(text, "text"));
    }

    /**
     * Looks up the features of a text.
     *
     * @param dimension the dimension the caller expects; an entry of another dimension is {@link Status#INVALID}
     */
    public Lookup read(ModelIdentity identity, String text, int dimension) {
        ContentStore.Entry<float[]> entry = store.read(identity.cacheKey(), Objects.requireNonNull(text, "text"),
                new Floats(dimension));
        return new Lookup(Status.of(entry.status()), entry.value(), entry.problem());
    }

    /** Writes (or replaces) the entry of a text, atomically. */
    public void write(ModelIdentity identity, String text, float[] features) {
        store.write(identity.cacheKey(), identityText(identity), Objects.requireNonNull(text, "text"), features,
                new Floats(features.length));
    }

    /** A wrapper that serves {@code encoder}'s features from this cache (closing it closes the encoder). */
    public CachingEncoder wrap(Encoder encoder) {
        return new CachingEncoder(encoder, this);
    }

    /** The text of a model directory's {@code identity.txt}: name, source, weights, settings, cache key. */
    static String identityText(ModelIdentity identity) {
        return "name=" + identity.name() + "\nsource=" + identity.source() + "\nweightsSha256="
                + identity.weightsSha256() + "\nsettings=" + identity.settings() + "\ncacheKey="
                + identity.cacheKey() + "\n";
    }

    /** The payload of a feature entry: dimension, key, floats. */
    private record Floats(int dimension) implements ContentStore.Codec<float[]> {

        private static final int MAGIC = 0x46483245; // "E2HF" read as a little-endian int

        @Override
        public int magic() {
            return MAGIC;
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public String kind() {
            return "feature entry";
        }

        @Override
        public int bodyBytes(float[] features) {
            return 4 + ContentStore.KEY_BYTES + 4 * features.length;
        }

        @Override
        public void writeBody(ByteBuffer out, byte[] key, float[] features) {
            out.putInt(features.length).put(key);
            for (float value : features) {
                out.putFloat(value);
            }
        }

        @Override
        public ContentStore.Entry<float[]> readBody(ByteBuffer body, byte[] expectedKey) {
            long expected = 4 + ContentStore.KEY_BYTES + 4L * dimension;
            if (body.remaining() < 4) {
                return ContentStore.Entry.invalid("body of " + body.remaining() + " bytes has no dimension");
            }
            int storedDimension = body.getInt();
            if (storedDimension != dimension) {
                return ContentStore.Entry.invalid("dimension " + storedDimension + " instead of " + dimension);
            }
            if (body.limit() != expected) {
                return ContentStore.Entry.invalid("body length " + body.limit() + " instead of " + expected);
            }
            if (!ContentStore.hasKey(body, expectedKey)) {
                return ContentStore.Entry.invalid("entry belongs to another text or model");
            }
            float[] features = new float[dimension];
            body.asFloatBuffer().get(features);
            return ContentStore.Entry.valid(features);
        }
    }

    @Override
    public String toString() {
        return "FeatureCache[" + root() + "]";
    }
}
