package org.easy2hard.data.download;

/**
 * Told how each download advances, so that a command line or a notebook can show bytes done out of bytes total.
 * It is called on the downloading thread at the start of each transfer, after every chunk received, and at its end;
 * a listener that prints should throttle itself. An exception it throws aborts the download.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Reports the state of one transfer. */
    void onProgress(DownloadProgress progress);

    /** A listener that ignores everything. */
    static ProgressListener none() {
        return progress -> { };
    }
}
