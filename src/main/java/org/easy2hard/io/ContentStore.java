package org.easy2hard.io;

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

/**
 * Files addressed by content: one checksummed entry per (namespace, exact content), written atomically, so any
 * process that asks the same question under the same namespace finds the answer another process stored. The caches
 * of features and of server answers are this store with their own {@link Codec} for the payload.
 *
 * <p><b>Key and layout.</b> The key of an entry is the SHA-256 of {@code namespace + '\u0000' + content}; the file is
 * {@code <root>/<first 16 hex of SHA-256(namespace)>/<first 2 hex of key>/<key><suffix>}. Each namespace directory
 * also holds {@code identity.txt}, a text saying what the namespace is (written once, for people).
 *
 * <p><b>Entry format</b> (little-endian): the codec's magic number and format version, the codec's body (which holds
 * the 32-byte key where the codec's format puts it), then a CRC-32C of everything before it. An entry whose checksum,
 * header, key or body is wrong is {@link Status#INVALID}: never trusted, recomputed and rewritten by the caller.
 *
 * <p><b>Concurrency.</b> Entries are written with {@link AtomicFiles}: a reader in any process sees no entry or a
 * complete one; two writers of one entry write the same payload and the last rename wins. Instances hold no mutable
 * state and may be shared between threads.
 */
public final class ContentStore {

    /** Bytes of an entry key (a SHA-256). */
    public static final int KEY_BYTES = 32;
    /** Name of the file in each namespace directory that says what the namespace is. */
    public static final String IDENTITY_FILE = "identity.txt";

    private static final int HEADER_BYTES = 4 + 4;
    private static final int CHECKSUM_BYTES = 4;

    /** What a lookup found. */
    public enum Status {
        /** No entry for this content. */
        MISSING,
        /** A complete entry whose checksum, header, key and body are right. */
        VALID,
        /** An entry that is truncated, corrupted, of another format or filed under the wrong key. */
        INVALID
    }

    /**
     * The result of a lookup.
     *
     * @param status  what was found
     * @param value   the decoded payload when {@link Status#VALID}, else null
     * @param problem why the entry is {@link Status#INVALID}, else ""
     */
    public record Entry<T>(Status status, T value, String problem) {

        /** No entry. */
        public static <T> Entry<T> missing() {
            return new Entry<>(Status.MISSING, null, "");
        }

        /** A valid entry holding a value. */
        public static <T> Entry<T> valid(T value) {
            return new Entry<>(Status.VALID, Objects.requireNonNull(value, "value"), "");
        }

        /** An entry that must not be trusted, and why. */
        public static <T> Entry<T> invalid(String problem) {
            return new Entry<>(Status.INVALID, null, problem);
        }
    }

    /**
     * How one kind of payload is laid out between an entry's header and its checksum.
     *
     * @param <T> the payload type
     */
    public interface Codec<T> {

        /** The entry's magic number (four ASCII letters read as a little-endian int). */
        int magic();

        /** The format version written after the magic number. */
        int version();

        /** What an entry is called in messages, e.g. {@code "feature entry"}. */
        String kind();

        /** The body's length in bytes for a value. */
        int bodyBytes(T value);

        /** Writes the body (key included) into a little-endian buffer with exactly {@link #bodyBytes} left. */
        void writeBody(ByteBuffer out, byte[] key, T value);

        /**
         * Reads a body whose checksum is right. Use {@link ContentStore#hasKey} to check the stored key.
         *
         * @param body        little-endian, positioned at the body's start, limited to its end
         * @param expectedKey the key the entry was looked up under
         */
        Entry<T> readBody(ByteBuffer body, byte[] expectedKey);
    }

    private final Path root;
    private final String suffix;

    private ContentStore(Path root, String suffix) {
        this.root = root.toAbsolutePath().normalize();
        this.suffix = suffix;
    }

    /**
     * A store in a directory (created when first written).
     *
     * @param suffix the file name suffix of entries, e.g. {@code ".f32"}
     */
    public static ContentStore at(Path root, String suffix) {
        return new ContentStore(Objects.requireNonNull(root, "root"), Objects.requireNonNull(suffix, "suffix"));
    }

    /** The store's root directory. */
    public Path root() {
        return root;
    }

    /** The directory holding one namespace's entries. */
    public Path namespaceDirectory(String namespace) {
        return root.resolve(Sha256.of(namespace).substring(0, 16));
    }

    /** The raw key of a content under a namespace. */
    public static byte[] rawKey(String namespace, String content) {
        return Sha256.raw(namespace + '\u0000' + Objects.requireNonNull(content, "content"));
    }

    /** The key of a content under a namespace, as lower-case hex. */
    public String key(String namespace, String content) {
        return HexFormat.of().formatHex(rawKey(namespace, content));
    }

    /** Where the entry of a content is (whether or not it exists). */
    public Path entryPath(String namespace, String content) {
        return entryPath(namespace, rawKey(namespace, content));
    }

    private Path entryPath(String namespace, byte[] key) {
        String hex = HexFormat.of().formatHex(key);
        return namespaceDirectory(namespace).resolve(hex.substring(0, 2)).resolve(hex + suffix);
    }

    /** Looks up and checks the entry of a content. */
    public <T> Entry<T> read(String namespace, String content, Codec<T> codec) {
        byte[] key = rawKey(namespace, content);
        Path path = entryPath(namespace, key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return Entry.missing();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + codec.kind() + " " + path, e);
        }
        return decode(bytes, key, codec);
    }

    /**
     * Writes (or replaces) the entry of a content, atomically; also writes the namespace's identity file if missing.
     *
     * @param identity the text of {@value #IDENTITY_FILE}, saying what the namespace is
     */
    public <T> void write(String namespace, String identity, String content, T value, Codec<T> codec) {
        byte[] key = rawKey(namespace, content);
        Path path = entryPath(namespace, key);
        try {
            Path identityFile = namespaceDirectory(namespace).resolve(IDENTITY_FILE);
            if (!Files.isRegularFile(identityFile)) {
                AtomicFiles.write(identityFile, identity.getBytes(StandardCharsets.UTF_8));
            }
            AtomicFiles.write(path, encode(key, Objects.requireNonNull(value, "value"), codec));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + codec.kind() + " " + path, e);
        }
    }

    /** An entry's bytes: header, body, checksum. */
    public static <T> byte[] encode(byte[] key, T value, Codec<T> codec) {
        int bodyBytes = codec.bodyBytes(value);
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + bodyBytes + CHECKSUM_BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(codec.magic()).putInt(codec.version());
        codec.writeBody(buffer, key, value);
        if (buffer.position() != HEADER_BYTES + bodyBytes) {
            throw new IllegalStateException(codec.kind() + " codec wrote " + (buffer.position() - HEADER_BYTES)
                    + " body bytes instead of " + bodyBytes);
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue());
        return buffer.array();
    }

    /** Checks an entry's checksum and header, then lets the codec read the body. */
    public static <T> Entry<T> decode(byte[] bytes, byte[] expectedKey, Codec<T> codec) {
        if (bytes.length < HEADER_BYTES + CHECKSUM_BYTES) {
            return Entry.invalid("length " + bytes.length + " is shorter than a header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - CHECKSUM_BYTES);
        if ((int) crc.getValue() != buffer.getInt(bytes.length - CHECKSUM_BYTES)) {
            return Entry.invalid("checksum mismatch");
        }
        if (buffer.getInt() != codec.magic() || buffer.getInt() != codec.version()) {
            return Entry.invalid("not a version-" + codec.version() + " " + codec.kind());
        }
        buffer.limit(bytes.length - CHECKSUM_BYTES);
        return codec.readBody(buffer.slice().order(ByteOrder.LITTLE_ENDIAN), expectedKey);
    }

    /** Reads {@value #KEY_BYTES} bytes of a body and says whether they are the expected key. */
    public static boolean hasKey(ByteBuffer body, byte[] expectedKey) {
        if (body.remaining() < KEY_BYTES) {
            return false;
        }
        byte[] stored = new byte[KEY_BYTES];
        body.get(stored);
        return Arrays.equals(stored, expectedKey);
    }

    @Override
    public String toString() {
        return "ContentStore[" + root + ", *" + suffix + "]";
    }
}
