package org.easy2hard.data.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.easy2hard.data.DatasetId;
import org.easy2hard.io.VerifiedDownload;

/**
 * The dataset downloader's transfer policy: one HTTP GET per file into the staging folder, streamed through
 * {@link HashingCopy}, with a stall guard, and retried a bounded number of times after a transient failure (a dropped
 * or truncated connection, a timeout, HTTP 408, 429 or 5xx); a wrong checksum or a 404 is not retried. Split out of
 * {@link DatasetDownloader}, which assembles and verifies whole datasets.
 */
final class DatasetTransfers {

    private static final String USER_AGENT = "easy2hard-dataset-downloader/1";

    private final HttpClient client;
    private final Duration requestTimeout;
    private final Duration idleTimeout;
    private final int retries;
    private final Backoff backoff;
    private final ProgressListener listener;

    DatasetTransfers(HttpClient client, Duration requestTimeout, Duration idleTimeout, int retries, Backoff backoff,
            ProgressListener listener) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.idleTimeout = idleTimeout;
        this.retries = retries;
        this.backoff = backoff;
        this.listener = listener;
    }

    VerifiedDownload.Received fetchWithRetries(DatasetId dataset, URI url, String name, long pinnedSize, Path download)
            throws DownloadException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return fetchOnce(dataset, url, name, pinnedSize, download);
            } catch (DownloadException e) {
                if (!e.isTransient() || attempt > retries) {
                    if (attempt == 1) {
                        throw e;
                    }
                    throw new DownloadException(url, e.getMessage() + " (gave up after " + attempt + " attempts)",
                            e.getCause(), true);
                }
                try {
                    Files.deleteIfExists(download);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                    throw e;
                }
                backoff.pause(attempt, e);
            }
        }
    }

    private VerifiedDownload.Received fetchOnce(DatasetId dataset, URI url, String name, long pinnedSize, Path download)
            throws DownloadException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("User-Agent", USER_AGENT)
                // The pinned hashes are of the raw bytes; ask servers not to compress them on the way.
                .header("Accept-Encoding", "identity")
                .GET()
                .build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, StallGuardedBody.handler(idleTimeout));
        } catch (HttpTimeoutException e) {
            throw new DownloadException(url, "no answer from " + url + " within " + requestTimeout + " (fetching " + name + ")", e, true);
        } catch (IOException e) {
            throw new DownloadException(url, "request to " + url + " failed (fetching " + name + "): " + e, e, true);
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status < 200 || status > 299) {
                String redirected = response.uri().equals(url) ? "" : " (redirected to " + response.uri() + ")";
                throw new DownloadException(url, "HTTP " + status + " from " + url + redirected + " (fetching " + name + ")",
                        null, status == 408 || status == 429 || status >= 500);
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (pinnedSize >= 0 && declared >= 0 && declared != pinnedSize) {
                throw new DownloadException(url, "size mismatch for " + name + " from " + url + ": expected "
                        + pinnedSize + " bytes, server declares " + declared);
            }
            long total = pinnedSize >= 0 ? pinnedSize : declared;
            listener.onProgress(new DownloadProgress(dataset, url, name, 0, total));
            long[] received = {0};
            VerifiedDownload.Received copied;
            try {
                copied = HashingCopy.copy(body, download, pinnedSize, bytes -> {
                    received[0] = bytes;
                    listener.onProgress(new DownloadProgress(dataset, url, name, bytes, total));
                });
            } catch (DownloadException e) {
                throw e;
            } catch (IOException e) {
                if (e instanceof InterruptedIOException || Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("download of " + name + " from " + url + " was interrupted");
                }
                throw new DownloadException(url, "truncated transfer from " + url + " (fetching " + name + "): received "
                        + received[0] + " of " + (declared >= 0 ? declared + " bytes" : "an unknown number of bytes")
                        + " before the connection failed: " + e, e, true);
            }
            if (declared >= 0 && copied.bytes() < declared) {
                throw new DownloadException(url, "truncated transfer from " + url + " (fetching " + name + "): received "
                        + copied.bytes() + " of " + declared + " bytes (Content-Length)", null, true);
            }
            return copied;
        } catch (DownloadException e) {
            throw e;
        } catch (IOException e) {
            // Only closing the body gets here.
            throw new DownloadException(url, "closing the connection to " + url + " failed: " + e, e, true);
        }
    }
}
