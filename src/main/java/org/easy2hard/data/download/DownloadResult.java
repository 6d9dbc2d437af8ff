package org.easy2hard.data.download;

import java.nio.file.Path;

import org.easy2hard.data.DatasetId;

/**
 * What {@link DatasetDownloader#download(DatasetId)} did for one dataset.
 *
 * @param dataset          the dataset
 * @param directory        its folder in the data directory, now complete and verified
 * @param outcome          whether anything was fetched
 * @param files            how many pinned files the folder holds
 * @param bytesTransferred bytes received over the network (0 when already present)
 */
public record DownloadResult(DatasetId dataset, Path directory, Outcome outcome, int files, long bytesTransferred) {

    /** What happened to the dataset's folder. */
    public enum Outcome {
        /** The folder was already complete and verified; nothing was fetched. */
        ALREADY_PRESENT,
        /** There was no folder; it was downloaded and moved into place. */
        DOWNLOADED,
        /**
         * The folder existed but was incomplete or corrupt; a complete one was downloaded and took its place, and the
         * old folder was deleted.
         */
        REPLACED
    }
}
