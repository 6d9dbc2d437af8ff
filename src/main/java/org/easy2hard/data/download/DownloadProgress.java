package org.easy2hard.data.download;

import java.net.URI;

import org.easy2hard.data.DatasetId;

/**
 * How far one download has got.
 *
 * @param dataset    the dataset being downloaded
 * @param source     the URL actually requested (after any mirror rewriting)
 * @param name       a short name for display, such as {@code ARC-V1-Feb2018.zip} or {@code gsm8k/train.jsonl}
 * @param bytesDone  bytes received so far
 * @param bytesTotal bytes expected in all (the pinned size, else the server's Content-Length), or -1 when unknown
 */
public record DownloadProgress(DatasetId dataset, URI source, String name, long bytesDone, long bytesTotal) {

    /** Whether the total is known. */
    public boolean totalKnown() {
        return bytesTotal >= 0;
    }

    /** Whether every expected byte has arrived (false while the total is unknown). */
    public boolean finished() {
        return totalKnown() && bytesDone >= bytesTotal;
    }
}
