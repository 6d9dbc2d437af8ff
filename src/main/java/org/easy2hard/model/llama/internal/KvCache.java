package org.easy2hard.model.llama.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * The keys and values of every block for the tokens seen so far, so that greedy generation feeds one new token per
 * step instead of the whole sequence. Created empty; the first {@link LlamaNetwork#forward} with it (the prompt,
 * possibly left-padded) fills it and fixes each row's padding; later calls pass unpadded rows of new tokens.
 * Arrays are [batch, kvHeads, tokens, headDim] and belong to whatever scope created them: close the cache (or its
 * NDManager) when the generation is done.
 */
public final class KvCache implements AutoCloseable {

    private final NDArray[] keys;
    private final NDArray[] values;
    private int[] padding;
    private int length;

    /** An empty cache for a model with {@code layers} blocks. */
    public KvCache(int layers) {
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
    }

    /** Tokens cached per row (padding included). */
    public int length() {
        return length;
    }

    /** Each row's left padding in the cache, or null while empty. */
    int[] padding() {
        return padding == null ? null : padding.clone();
    }

    void start(int[] rowPadding) {
        this.padding = rowPadding.clone();
    }

    /**
     * Appends a block's new keys and values and returns the full ones; the previous arrays are closed. The caller
     * must keep the returned arrays alive past its scope (they are the cache's from now on).
     */
    NDArray[] append(int layer, NDArray newKeys, NDArray newValues) {
        NDArray allKeys = keys[layer] == null ? newKeys : NDArrays.concat(new NDList(keys[layer], newKeys), 2);
        NDArray allValues = values[layer] == null ? newValues
                : NDArrays.concat(new NDList(values[layer], newValues), 2);
        if (keys[layer] != null) {
            keys[layer].close();
            values[layer].close();
        }
        keys[layer] = allKeys;
        values[layer] = allValues;
        return new NDArray[] {allKeys, allValues};
    }

    /** The arrays the cache holds now (to exempt them from a closing scope). */
    public NDList arrays() {
        NDList list = new NDList();
        for (int layer = 0; layer < keys.length; layer++) {
            if (keys[layer] != null) {
                list.add(keys[layer]);
                list.add(values[layer]);
            }
        }
        return list;
    }

    /**
     * A new cache holding this one's keys and values repeated for {@code rows} rows (this cache must hold one row):
     * how several continuations of one context reuse its pass. This cache is left as it is.
     */
    public KvCache repeatedRows(int rows) {
        if (padding == null || padding.length != 1) {
            throw new IllegalStateException("only a filled one-row cache can be repeated");
        }
        KvCache copy = new KvCache(keys.length);
        for (int layer = 0; layer < keys.length; layer++) {
            copy.keys[layer] = keys[layer].repeat(0, rows);
            copy.values[layer] = values[layer].repeat(0, rows);
        }
        copy.padding = new int[rows];
        java.util.Arrays.fill(copy.padding, padding[0]);
        copy.length = length;
        return copy;
    }

    void advance(int tokens) {
        length += tokens;
    }

    @Override
    public void close() {
        for (int layer = 0; layer < keys.length; layer++) {
            if (keys[layer] != null) {
                keys[layer].close();
                values[layer].close();
                keys[layer] = null;
                values[layer] = null;
            }
        }
    }
}
