package org.easy2hard.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link Encoder} that serves features from a {@link FeatureCache} and sends only the texts it lacks to the
 * wrapped encoder, in batches of {@value #DEFAULT_BATCH_TEXTS} texts (shortest first, so the encoder's own
 * length-sorted batches stay tight); each batch's features are written to the cache as soon as it returns, so an
 * interruption (a kill, a crash, a kernel restart) loses at most one batch. A bounded in-memory layer (least recently
 * used first out) saves re-reading disk when a process encodes the same texts again.
 *
 * <p>Identity and dimension are the wrapped encoder's: cached features are exactly what it would compute. Closing
 * this encoder closes the wrapped one. Calls to {@link #encode} are serialised.
 */
public final class CachingEncoder implements Encoder {

    /** Default bound of the in-memory layer: 256 MiB of features (about 87,000 vectors of 768 floats). */
    public static final long DEFAULT_MEMORY_BYTES = 256L << 20;

    /**
     * Texts per call to the wrapped encoder, the most an interruption can lose: about ten seconds of a small
     * encoder on two cores, and enough for the encoder to sort by length within.
     */
    public static final int DEFAULT_BATCH_TEXTS = 256;

    /** Rough per-entry cost beyond the floats: key string, map node, array header. */
    private static final long ENTRY_OVERHEAD_BYTES = 200;

    private final Encoder delegate;
    private final FeatureCache cache;
    private final long memoryLimitBytes;
    private final LinkedHashMap<String, float[]> memory = new LinkedHashMap<>(1024, 0.75f, true);
    private long memoryBytes;
    private long memoryHits;
    private long diskHits;
    private long computed;
    private long repaired;

    /** Wraps an encoder with the default in-memory bound. */
    public CachingEncoder(Encoder delegate, FeatureCache cache) {
        this(delegate, cache, DEFAULT_MEMORY_BYTES);
    }

    /**
     * @param delegate         computes what the cache lacks
     * @param cache            where features are kept on disk
     * @param memoryLimitBytes bound of the in-memory layer (0 turns it off)
     */
    public CachingEncoder(Encoder delegate, FeatureCache cache, long memoryLimitBytes) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Objects.requireNonNull(cache, "cache");
        if (memoryLimitBytes < 0) {
            throw new IllegalArgumentException("memory limit must not be negative: " + memoryLimitBytes);
        }
        this.memoryLimitBytes = memoryLimitBytes;
    }

    @Override
    public ModelIdentity identity() {
        return delegate.identity();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    /** The disk cache used. */
    public FeatureCache cache() {
        return cache;
    }

    /** Counts of hits, computations and repairs so far. */
    public synchronized CacheStatistics statistics() {
        return new CacheStatistics(memoryHits, diskHits, computed, repaired);
    }

    @Override
    public synchronized float[][] encode(List<String> texts, Progress progress) {
        Objects.requireNonNull(progress, "progress");
        ModelIdentity identity = delegate.identity();
        int dimension = delegate.dimension();
        float[][] features = new float[texts.size()][];
        // Texts to compute, each with the positions it fills (a text may occur more than once).
        Map<String, List<Integer>> missing = new LinkedHashMap<>();
        Map<String, float[]> foundThisCall = new java.util.HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = Objects.requireNonNull(texts.get(i), "text is null");
            List<Integer> pending = missing.get(text);
            if (pending != null) {
                pending.add(i);
                continue;
            }
            float[] known = foundThisCall.get(text);
            if (known == null) {
                known = lookUp(identity, text, dimension);
                if (known != null) {
                    foundThisCall.put(text, known);
                }
            }
            if (known != null) {
                features[i] = known.clone();
            } else {
                missing.computeIfAbsent(text, t -> new ArrayList<>()).add(i);
            }
        }
        int cachedPositions = texts.size() - missing.values().stream().mapToInt(List::size).sum();
        String task = "encoding with " + identity.name() + " (" + cachedPositions + " of " + texts.size()
                + " cached)";
        progress.update(task, cachedPositions, texts.size());
        if (!missing.isEmpty()) {
            // Stable sort by length: batches of similar texts pad little inside the encoder.
            List<String> toCompute = missing.keySet().stream()
                    .sorted(java.util.Comparator.comparingInt(String::length)).toList();
            int[] done = {cachedPositions};
            for (int start = 0; start < toCompute.size(); start += DEFAULT_BATCH_TEXTS) {
                List<String> batch = toCompute.subList(start, Math.min(toCompute.size(), start + DEFAULT_BATCH_TEXTS));
                int before = done[0];
                // The inner encoder counts only the texts it computes; shift its counts past those done before.
                float[][] fresh = delegate.encode(batch,
                        (innerTask, inner, total) -> progress.update(task, before + inner, texts.size()));
                store(identity, dimension, batch, fresh, missing, features);
                done[0] += batch.stream().mapToInt(text -> missing.get(text).size()).sum();
            }
            progress.update(task, texts.size(), texts.size());
        }
        return features;
    }

    /** Checks a batch's vectors, writes them to the cache and fills their positions. */
    private void store(ModelIdentity identity, int dimension, List<String> batch, float[][] fresh,
            Map<String, List<Integer>> positions, float[][] features) {
        if (fresh.length != batch.size()) {
            throw new EncoderException("encoder " + identity.name() + " returned " + fresh.length
                    + " vectors for " + batch.size() + " texts");
        }
        for (int j = 0; j < batch.size(); j++) {
            String text = batch.get(j);
            float[] vector = fresh[j];
            if (vector == null || vector.length != dimension) {
                throw new EncoderException("encoder " + identity.name() + " returned a vector of length "
                        + (vector == null ? "null" : vector.length) + ", expected " + dimension);
            }
            cache.write(identity, text, vector);
            remember(cache.key(identity, text), vector.clone());
            for (int position : positions.get(text)) {
                features[position] = vector.clone();
            }
        }
        computed += batch.size();
    }

    /** Features from memory or a valid disk entry, or null when they must be computed. */
    private float[] lookUp(ModelIdentity identity, String text, int dimension) {
        String key = cache.key(identity, text);
        float[] inMemory = memory.get(key);
        if (inMemory != null && inMemory.length == dimension) {
            memoryHits++;
            return inMemory;
        }
        FeatureCache.Lookup lookup = cache.read(identity, text, dimension);
        switch (lookup.status()) {
            case VALID -> {
                diskHits++;
                remember(key, lookup.features());
                return lookup.features();
            }
            case INVALID -> {
                // Never trusted: recomputed and rewritten by the caller.
                repaired++;
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private void remember(String key, float[] vector) {
        if (memoryLimitBytes == 0) {
            return;
        }
        float[] previous = memory.put(key, vector);
        if (previous != null) {
            memoryBytes -= cost(previous);
        }
        memoryBytes += cost(vector);
        var eldest = memory.entrySet().iterator();
        while (memoryBytes > memoryLimitBytes && eldest.hasNext()) {
            memoryBytes -= cost(eldest.next().getValue());
            eldest.remove();
        }
    }

    private static long cost(float[] vector) {
        return 4L * vector.length + ENTRY_OVERHEAD_BYTES;
    }

    /** Empties the in-memory layer (the disk cache is left as it is). */
    public synchronized void clearMemory() {
        memory.clear();
        memoryBytes = 0;
    }

    /** Closes the wrapped encoder. */
    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "CachingEncoder[" + delegate + " in " + cache.root() + "]";
    }
}
