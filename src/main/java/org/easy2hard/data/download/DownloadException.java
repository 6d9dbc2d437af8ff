package org.easy2hard.data.download;

import java.io.IOException;
import java.net.URI;

/**
 * A dataset could not be downloaded. The message says which URL, file or archive entry was at fault and what was
 * expected against what was found. When this is thrown, the dataset's folder is as it was before the attempt.
 */
public class DownloadException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The URL at fault, or null. */
    private final URI source;
    /** Whether another attempt might succeed. */
    private final boolean transientFailure;

    /**
     * @param source  the URL being fetched or unpacked, or {@code null} when the failure concerns no single URL
     * @param message what went wrong, naming the URL, file or entry
     */
    public DownloadException(URI source, String message) {
        this(source, message, null, false);
    }

    /** As {@link #DownloadException(URI, String)}, keeping the underlying cause. */
    public DownloadException(URI source, String message, Throwable cause) {
        this(source, message, cause, false);
    }

    DownloadException(URI source, String message, Throwable cause, boolean transientFailure) {
        super(message, cause);
        this.source = source;
        this.transientFailure = transientFailure;
    }

    /** The URL being fetched or unpacked, or {@code null}. */
    public URI source() {
        return source;
    }

    /**
     * Whether trying again might succeed (a dropped connection, a timeout, a 5xx answer), as opposed to a wrong
     * checksum or a 404, which would only repeat.
     */
    public boolean isTransient() {
        return transientFailure;
    }
}
