package org.easy2hard.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
 * Answers of a language-model server on disk, addressed by content: one file per (model identity, exact request), so
 * that an interrupted run resumes without asking again for what was answered, and a result does not depend on the
 * batch it was asked in or on which replica answered it. The {@link FeatureCache} of requests.
 *
 * <p><b>Key.</b> The key of an entry is the SHA-256 of {@code identity.cacheKey() + '\u0000' + request}. The request
 * is the caller's canonical text of everything that changes the answer: the endpoint and the full request body as
 * canonical JSON (sorted keys, no spaces), and any client-side reading of the response (such as where a scored
 * continuation starts). Callers must leave out what must not change the answer or must stay secret: the server's
 * address (replicas give the same answers) and the API key. Neither is ever written here.
 *
 * <p><b>Layout.</b> {@code <root>/<first 16 hex of SHA-256(cacheKey)>/<first 2 hex of key>/<key>.req}; each model
 * directory also holds {@code identity.txt}. Only the answer is stored, never the request (prompts are long and the
 * key already names them).
 *
 * <p><b>Entry format</b> (little-endian): magic {@code E2HR}, format version, the 32-byte key, the answer's length,
 * the answer as UTF-8, then a CRC-32C of everything before it. An entry whose length, header, key, checksum or
 * encoding is wrong is {@link FeatureCache.Status#INVALID}: ignored, recomputed and rewritten by the caller.
 *
 * <p><b>Concurrency.</b> Entries are written atomically ({@link AtomicFiles}): a reader in any process sees no entry
 * or a complete one; two writers of one entry (two JVMs asking the same question) write the same answer and the last
 * rename wins. Instances hold no mutable state and may be shared between threads.
 */
public final class RequestCache {

    /** File name suffix of an entry. */
    public static final String SUFFIX = ".req";

    private static final int MAGIC = 0x52483245; // "E2HR" read as a little-endian int
    private static final int VERSION = 1;
    private static final int KEY_BYTES = 32;
    private static final int HEADER_BYTES = 4 + 4 + KEY_BYTES + 4;
    private static final int CHECKSUM_BYTES = 4;

    /**
     * The result of a lookup.
     *
     * @param status  what was found
     * @param answer  the stored answer when {@link FeatureCache.Status#VALID}, else null
     * @param problem why the entry is {@link FeatureCache.Status#INVALID}, else ""
     */
    public record Lookup(FeatureCache.Status status, String answer, String problem) {
    }

    private final Path root;

    private RequestCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** A request cache in this directory (created when first written). */
    public static RequestCache at(Path root) {
        return new RequestCache(Objects.requireNonNull(root, "root"));
    }

    /** The request cache of the cache directory the settings name: {@code <cache>/requests}. */
    public static RequestCache fromSettings() {
        return at(CacheDirectory.fromSettings().requests());
    }

    /** The cache's root directory. */
    public Path root() {
        return root;
    }

    /** The directory holding one model's entries. */
    public Path modelDirectory(ModelIdentity identity) {
        return root.resolve(Sha256.of(identity.cacheKey()).substring(0, 16));
    }

    /** The entry key (hex) of a request under a model identity. */
    public String key(ModelIdentity identity, String request) {
        return HexFormat.of().formatHex(rawKey(identity, request));
    }

    /** Where the entry of a request is (whether or not it exists). */
    public Path entryPath(ModelIdentity identity, String request) {
        return entryPathOfKey(identity, key(identity, request));
    }

    private Path entryPathOfKey(ModelIdentity identity, String hexKey) {
        return modelDirectory(identity).resolve(hexKey.substring(0, 2)).resolve(hexKey + SUFFIX);
    }

    /** Looks up the answer to a request. */
    public Lookup read(ModelIdentity identity, String request) {
        byte[] key = rawKey(identity, request);
        Path path = entryPathOfKey(identity, HexFormat.of().formatHex(key));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return new Lookup(FeatureCache.Status.MISSING, null, "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read request cache entry " + path, e);
        }
        return decode(bytes, key);
    }

    /** Checks and decodes an entry's bytes. */
    static Lookup decode(byte[] bytes, byte[] expectedKey) {
        if (bytes.length < HEADER_BYTES + CHECKSUM_BYTES) {
            return invalid("length " + bytes.length + " is shorter than a header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - CHECKSUM_BYTES);
        if ((int) crc.getValue() != buffer.getInt(bytes.length - CHECKSUM_BYTES)) {
            return invalid("checksum mismatch");
        }
        if (buffer.getInt() != MAGIC || buffer.getInt() != VERSION) {
            return invalid("not a version-" + VERSION + " request entry");
        }
        byte[] storedKey = new byte[KEY_BYTES];
        buffer.get(storedKey);
        if (!Arrays.equals(storedKey, expectedKey)) {
            return invalid("entry belongs to another request or model");
        }
        int length = buffer.getInt();
        if (length != bytes.length - HEADER_BYTES - CHECKSUM_BYTES) {
            return invalid("answer length " + length + " does not match the entry's size");
        }
        try {
            String answer = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, HEADER_BYTES, length))
                    .toString();
            return new Lookup(FeatureCache.Status.VALID, answer, "");
        } catch (CharacterCodingException e) {
            return invalid("answer is not UTF-8");
        }
    }

    private static Lookup invalid(String problem) {
        return new Lookup(FeatureCache.Status.INVALID, null, problem);
    }

    /** Writes (or replaces) the answer to a request, atomically. */
    public void write(ModelIdentity identity, String request, String answer) {
        byte[] key = rawKey(identity, request);
        Path path = entryPathOfKey(identity, HexFormat.of().formatHex(key));
        try {
            FeatureCache.writeIdentityFileOnce(modelDirectory(identity), identity);
            AtomicFiles.write(path, encode(key, Objects.requireNonNull(answer, "answer")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write request cache entry " + path, e);
        }
    }

    /** An entry's bytes. */
    static byte[] encode(byte[] key, String answer) {
        byte[] text = answer.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + text.length + CHECKSUM_BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(MAGIC).putInt(VERSION).put(key).putInt(text.length).put(text);
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue());
        return buffer.array();
    }

    private static byte[] rawKey(ModelIdentity identity, String request) {
        return Sha256.raw(identity.cacheKey() + '\u0000' + Objects.requireNonNull(request, "request"));
    }

    @Override
    public String toString() {
        return "RequestCache[" + root + "]";
    }
}
