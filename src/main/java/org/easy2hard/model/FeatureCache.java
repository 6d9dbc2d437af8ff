package org.easy2hard.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.easy2hard.io.AtomicFiles;
import org.easy2hard.io.Sha256;

/**
 * Features on disk, addressed by content: one file per (model identity, exact text), so any process — a notebook,
 * the command line, a test — that encodes the same text with the same model reuses the features.
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

    private static final int MAGIC = 0x46483245; // "E2HF" read as a little-endian int
    private static final int VERSION = 1;
    private static final int KEY_BYTES = 32;
    private static final int HEADER_BYTES = 4 + 4 + 4 + KEY_BYTES;
    private static final int CHECKSUM_BYTES = 4;

    /** What a lookup found. */
    public enum Status {
        /** No entry for this text. */
        MISSING,
        /** A complete entry whose checksum, key and dimension are right. */
        VALID,
        /** An entry that is truncated, corrupted, of another dimension or filed under the wrong key. */
        INVALID
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

    private final Path root;

    private FeatureCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** A feature cache in this directory (created when first written). */
    public static FeatureCache at(Path root) {
        return new FeatureCache(Objects.requireNonNull(root, "root"));
    }

    /** The feature cache of the cache directory the settings name ({@link CacheDirectory#fromSettings()}). */
    public static FeatureCache fromSettings() {
        return at(CacheDirectory.fromSettings().features());
    }

    /** The cache's root directory. */
    public Path root() {
        return root;
    }

    /** The directory holding one model's entries. */
    public Path modelDirectory(ModelIdentity identity) {
        return root.resolve(Sha256.of(identity.cacheKey()).substring(0, 16));
    }

    /** The entry key (hex) of a text under a model identity. */
    public String key(ModelIdentity identity, String text) {
        return HexFormat.of().formatHex(rawKey(identity, text));
    }

    /** Where the entry of a text under a model identity is (whether or not it exists). */
    public Path entryPath(ModelIdentity identity, String text) {
        String key = key(identity, text);
        return modelDirectory(identity).resolve(key.substring(0, 2)).resolve(key + SUFFIX);
    }

    /**
     * Looks up the features of a text.
     *
     * @param dimension the dimension the caller expects; an entry of another dimension is {@link Status#INVALID}
     */
    public Lookup read(ModelIdentity identity, String text, int dimension) {
        byte[] key = rawKey(identity, text);
        Path path = entryPath(identity, text);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return new Lookup(Status.MISSING, null, "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cache entry " + path, e);
        }
        return decode(bytes, key, dimension);
    }

    /** Checks and decodes an entry's bytes. */
    static Lookup decode(byte[] bytes, byte[] expectedKey, int dimension) {
        long expectedLength = HEADER_BYTES + 4L * dimension + CHECKSUM_BYTES;
        if (bytes.length != expectedLength) {
            return invalid("length " + bytes.length + " instead of " + expectedLength);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - CHECKSUM_BYTES);
        if ((int) crc.getValue() != buffer.getInt(bytes.length - CHECKSUM_BYTES)) {
            return invalid("checksum mismatch");
        }
        if (buffer.getInt() != MAGIC || buffer.getInt() != VERSION) {
            return invalid("not a version-" + VERSION + " feature entry");
        }
        int storedDimension = buffer.getInt();
        if (storedDimension != dimension) {
            return invalid("dimension " + storedDimension + " instead of " + dimension);
        }
        byte[] storedKey = new byte[KEY_BYTES];
        buffer.get(storedKey);
        if (!Arrays.equals(storedKey, expectedKey)) {
            return invalid("entry belongs to another text or model");
        }
        float[] features = new float[dimension];
        buffer.asFloatBuffer().get(features);
        return new Lookup(Status.VALID, features, "");
    }

    private static Lookup invalid(String problem) {
        return new Lookup(Status.INVALID, null, problem);
    }

    /** Writes (or replaces) the entry of a text, atomically. */
    public void write(ModelIdentity identity, String text, float[] features) {
        Path path = entryPath(identity, text);
        try {
            ensureIdentityFile(identity);
            AtomicFiles.write(path, encode(rawKey(identity, text), features));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cache entry " + path, e);
        }
    }

    /** An entry's bytes. */
    static byte[] encode(byte[] key, float[] features) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + 4 * features.length + CHECKSUM_BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(MAGIC).putInt(VERSION).putInt(features.length).put(key);
        for (float value : features) {
            buffer.putFloat(value);
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue());
        return buffer.array();
    }

    /** A wrapper that serves {@code encoder}'s features from this cache (closing it closes the encoder). */
    public CachingEncoder wrap(Encoder encoder) {
        return new CachingEncoder(encoder, this);
    }

    /** Writes {@code identity.txt} into a model's directory once, so a person can tell the directories apart. */
    private void ensureIdentityFile(ModelIdentity identity) throws IOException {
        writeIdentityFileOnce(modelDirectory(identity), identity);
    }

    /** Writes {@code identity.txt} (name, source, weights, settings, cache key) into a directory unless it is there. */
    static void writeIdentityFileOnce(Path directory, ModelIdentity identity) throws IOException {
        Path file = directory.resolve("identity.txt");
        if (Files.isRegularFile(file)) {
            return;
        }
        String text = "name=" + identity.name() + "\nsource=" + identity.source() + "\nweightsSha256="
                + identity.weightsSha256() + "\nsettings=" + identity.settings() + "\ncacheKey=" + identity.cacheKey()
                + "\n";
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] rawKey(ModelIdentity identity, String text) {
        return Sha256.raw(identity.cacheKey() + '\u0000' + Objects.requireNonNull(text, "text"));
    }

    @Override
    public String toString() {
        return "FeatureCache[" + root + "]";
    }
}
