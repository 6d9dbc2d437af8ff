package org.easy2hard.model;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.easy2hard.io.AtomicFiles;
import org.easy2hard.io.ContentStore;

/**
 * Answers of a language-model server on disk, addressed by content: one file per (model identity, exact request), so
 * that an interrupted run resumes without asking again for what was answered, and a result does not depend on the
 * batch it was asked in or on which replica answered it. A {@link ContentStore}, like the {@link FeatureCache}, with
 * a codec for UTF-8 text.
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

    /**
     * The result of a lookup.
     *
     * @param status  what was found
     * @param answer  the stored answer when {@link FeatureCache.Status#VALID}, else null
     * @param problem why the entry is {@link FeatureCache.Status#INVALID}, else ""
     */
    public record Lookup(FeatureCache.Status status, String answer, String problem) {
    }

    private static final Utf8Text CODEC = new Utf8Text();

    private final ContentStore store;

    private RequestCache(ContentStore store) {
        this.store = store;
    }

    /** A request cache in this directory (created when first written). */
    public static RequestCache at(Path root) {
        return new RequestCache(ContentStore.at(Objects.requireNonNull(root, "root"), SUFFIX));
    }

    /** The request cache of the cache directory the settings name: {@code <cache>/requests}. */
    public static RequestCache fromSettings() {
        return at(CacheDirectory.fromSettings().requests());
    }

    /** The cache's root directory. */
    public Path root() {
        return store.root();
    }

    /** The directory holding one model's entries. */
    public Path modelDirectory(ModelIdentity identity) {
        return store.namespaceDirectory(identity.cacheKey());
    }

    /** The entry key (hex) of a request under a model identity. */
    public String key(ModelIdentity identity, String request) {
        return store.key(identity.cacheKey(), Objects.requireNonNull(request, "request"));
    }

    /** Where the entry of a request is (whether or not it exists). */
    public Path entryPath(ModelIdentity identity, String request) {
        return store.entryPath(identity.cacheKey(), Objects.requireNonNull(request, "request"));
    }

    /** Looks up the answer to a request. */
    public Lookup read(ModelIdentity identity, String request) {
        ContentStore.Entry<String> entry = store.read(identity.cacheKey(),
                Objects.requireNonNull(request, "request"), CODEC);
        return new Lookup(FeatureCache.Status.of(entry.status()), entry.value(), entry.problem());
    }

    /** Writes (or replaces) the answer to a request, atomically. */
    public void write(ModelIdentity identity, String request, String answer) {
        store.write(identity.cacheKey(), FeatureCache.identityText(identity),
                Objects.requireNonNull(request, "request"), Objects.requireNonNull(answer, "answer"), CODEC);
    }

    /** The payload of a request entry: key, the answer's length, the answer as UTF-8. */
    private static final class Utf8Text implements ContentStore.Codec<String> {

        private static final int MAGIC = 0x52483245; // "E2HR" read as a little-endian int

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
            return "request entry";
        }

        @Override
        public int bodyBytes(String answer) {
            return ContentStore.KEY_BYTES + 4 + answer.getBytes(StandardCharsets.UTF_8).length;
        }

        @Override
        public void writeBody(ByteBuffer out, byte[] key, String answer) {
            byte[] text = answer.getBytes(StandardCharsets.UTF_8);
            out.put(key).putInt(text.length).put(text);
        }

        @Override
        public ContentStore.Entry<String> readBody(ByteBuffer body, byte[] expectedKey) {
            if (body.remaining() < ContentStore.KEY_BYTES + 4) {
                return ContentStore.Entry.invalid("body of " + body.remaining() + " bytes is shorter than a header");
            }
            if (!ContentStore.hasKey(body, expectedKey)) {
                return ContentStore.Entry.invalid("entry belongs to another request or model");
            }
            int length = body.getInt();
            if (length != body.remaining()) {
                return ContentStore.Entry.invalid("answer length " + length + " does not match the entry's size");
            }
            try {
                return ContentStore.Entry.valid(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(body)
                        .toString());
            } catch (CharacterCodingException e) {
                return ContentStore.Entry.invalid("answer is not UTF-8");
            }
        }
    }

    @Override
    public String toString() {
        return "RequestCache[" + root() + "]";
    }
}
