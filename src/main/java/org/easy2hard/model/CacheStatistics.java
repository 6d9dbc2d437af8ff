package org.easy2hard.model;

/**
 * What a {@link CachingEncoder} has done so far, counted per text (a text repeated within one call counts once).
 *
 * @param memoryHits texts served from the in-memory layer
 * @param diskHits   texts served from valid disk entries
 * @param computed   texts sent to the wrapped encoder (missing or invalid entries)
 * @param repaired   of those, texts whose disk entry was invalid (corrupt, truncated, other dimension) and rewritten
 */
public record CacheStatistics(long memoryHits, long diskHits, long computed, long repaired) {

    /** Texts looked up in all. */
    public long lookups() {
        return memoryHits + diskHits + computed;
    }
}
