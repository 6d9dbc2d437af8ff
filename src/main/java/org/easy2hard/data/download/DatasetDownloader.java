package org.easy2hard.data.download;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.easy2hard.data.DataStore;
import org.easy2hard.data.DatasetId;
import org.easy2hard.io.Sha256;
import org.easy2hard.io.VerifiedDownload;

/**
 * Downloads the datasets into a {@link DataStore}, in the layout the loaders read, checking every file against the
 * SHA-256 pinned in the {@link SourceManifest}.
 *
 * <p>Each dataset is all or nothing. The downloader
 * <ol>
 *   <li>skips the dataset when its folder already verifies (sizes and SHA-256 of every pinned file);</li>
 *   <li>otherwise creates a staging folder {@code .staging-<dataset>-<random>} inside the data directory, streams
 *       each download to a file there while hashing it, and checks the transfer's length and hash;</li>
 *   <li>unpacks archives, refusing any archive with an absolute, escaping ({@code ..}) or link entry, and checks each
 *       extracted member's size and SHA-256 (the ARC zip and the MMLU tar are not pinned themselves: see
 *       {@link Source});</li>
 *   <li>renames the finished folder into place in one atomic step. An existing folder that failed verification is
 *       first moved aside and deleted only after the new one is in place.</li>
 * </ol>
 * On any failure it throws a {@link DownloadException} naming the URL, file or entry and what was expected against
 * what was found, and deletes the staging folder: the dataset's folder is left exactly as it was.
 *
 * <p>It fetches only the manifest's URLs (or their rewriting onto a {@link Builder#optMirror(URI) mirror}), never
 * writes outside the data directory and refuses to replace a dataset folder that is a symbolic link.
 * Transient failures (a dropped or truncated connection, a timeout, HTTP 408, 429 or 5xx) are retried a bounded number
 * of times with an injectable {@link Backoff}; a wrong checksum or a 404 is not retried.
 *
 * <p>Files are not synced to disk before the rename: a crash may leave a folder with damaged files, but every later
 * download verifies the folder first and replaces it, so the cost of syncing buys nothing here.
 *
 * <p>Instances hold no resources of their own and may be reused; they are not meant to run two downloads of the same
 * dataset at once (the second to finish finds the folder in place and reports it as already present).
 */
public final class DatasetDownloader {

    private static final String STAGING_PREFIX = ".staging-";

    private final DataStore store;
    private final SourceManifest manifest;
    private final UnaryOperator<URI> rewrite;
    private final DatasetTransfers transfers;

    private DatasetDownloader(Builder builder) {
        this.store = Objects.requireNonNull(builder.store, "setStore(...) was not called");
        this.manifest = builder.manifest != null ? builder.manifest : SourceManifest.bundled();
        HttpClient client = builder.client != null ? builder.client : HttpClient.newBuilder()
                .connectTimeout(builder.connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.rewrite = builder.mirror == null ? UnaryOperator.identity() : mirrorRewrite(builder.mirror);
        this.transfers = new DatasetTransfers(client, builder.requestTimeout, builder.idleTimeout, builder.retries,
                builder.backoff, builder.listener);
    }

    /** A builder; {@link Builder#setStore(DataStore)} is required, everything else has a default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The data directory this downloader fills. */
    public DataStore store() {
        return store;
    }

    /** The manifest this downloader follows. */
    public SourceManifest manifest() {
        return manifest;
    }

    /**
     * The URL this downloader requests for a manifest URL: the URL itself, or its rewriting onto the mirror
     * ({@code <mirror>/<host>/<path>}).
     */
    public URI effectiveUrl(URI manifestUrl) {
        return rewrite.apply(manifestUrl);
    }

    /**
     * Makes one dataset's folder complete: skips it when it already verifies, otherwise downloads, verifies and moves
     * it into place.
     *
     * @throws DownloadException naming the URL, file or entry at fault; the dataset's folder is then as it was
     */
    public DownloadResult download(DatasetId dataset) throws DownloadException {
        DatasetSources sources = manifest.sources(dataset);
        Path root = store.root();
        Path target = store.datasetDirectory(dataset);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new DownloadException(null, "cannot create the data directory " + root + ": " + e, e);
        }
        DatasetFolders.refuseLinkOrFile(target, root);
        boolean replacing = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (replacing && verify(dataset).complete()) {
            return new DownloadResult(dataset, target, DownloadResult.Outcome.ALREADY_PRESENT, sources.files().size(), 0);
        }

        Path staging;
        try {
            // Inside the data directory, so that the final rename stays on one file system and is atomic.
            staging = Files.createTempDirectory(root, STAGING_PREFIX + dataset.shortName() + "-");
        } catch (IOException e) {
            throw new DownloadException(null, "cannot create a staging folder in " + root + ": " + e, e);
        }
        DownloadResult result;
        try {
            Path built = staging.resolve(dataset.shortName());
            Path downloads = staging.resolve("downloads");
            Files.createDirectory(built);
            Files.createDirectory(downloads);
            long transferred = 0;
            int index = 0;
            for (Source source : sources.sources()) {
                transferred += fetchSource(dataset, source, downloads.resolve((index++) + "-" + source.fileName()), built);
            }
            DownloadResult.Outcome outcome = DatasetFolders.moveIntoPlace(dataset, built, target, staging, replacing,
                    () -> verify(dataset));
            result = new DownloadResult(dataset, target, outcome, sources.files().size(), transferred);
        } catch (DownloadException | RuntimeException | Error e) {
            DatasetFolders.deleteAfterFailure(staging, e);
            throw e;
        } catch (IOException e) {
            DownloadException failure = new DownloadException(null, "cannot build " + dataset + " in " + staging + ": " + e, e);
            DatasetFolders.deleteAfterFailure(staging, failure);
            throw failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            DownloadException failure = new DownloadException(null, "download of " + dataset + " was interrupted", e);
            DatasetFolders.deleteAfterFailure(staging, failure);
            throw failure;
        }
        try {
            DatasetFolders.deleteRecursively(staging);
        } catch (IOException e) {
            throw new DownloadException(null, dataset + " is complete in " + target
                    + ", but the staging folder " + staging + " could not be removed: " + e, e);
        }
        return result;
    }

    /**
     * Downloads every dataset of the manifest, in {@link DatasetId} order. A failure does not stop the others.
     *
     * @return one result per dataset
     * @throws DownloadException when any dataset failed; its message lists them all, the datasets that succeeded stay
     *                           in place, and each failure is attached as a suppressed exception
     */
    public List<DownloadResult> downloadAll() throws DownloadException {
        List<DownloadResult> results = new ArrayList<>();
        List<DownloadException> failures = new ArrayList<>();
        for (DatasetId dataset : manifest.byDataset().keySet()) {
            try {
                results.add(download(dataset));
            } catch (DownloadException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            StringBuilder message = new StringBuilder(failures.size() + " dataset(s) failed to download:");
            failures.forEach(failure -> message.append("\n  ").append(failure.getMessage()));
            DownloadException all = new DownloadException(null, message.toString(), failures.get(0));
            failures.stream().skip(1).forEach(all::addSuppressed);
            throw all;
        }
        return results;
    }

    /**
     * Checks one dataset's folder against the manifest without fetching anything: every pinned file must be a plain
     * file of the pinned size and SHA-256. Symbolic links are reported, not followed.
     */
    public VerificationReport verify(DatasetId dataset) {
        DatasetSources sources = manifest.sources(dataset);
        Path directory = store.datasetDirectory(dataset);
        List<PinnedFile> files = sources.files();
        List<VerificationReport.Problem> problems = new ArrayList<>();
        String name = dataset.shortName();
        if (Files.isSymbolicLink(directory)) {
            problems.add(new VerificationReport.Problem(name, VerificationReport.Kind.NOT_REGULAR,
                    "is a symbolic link; the downloader does not follow links out of the data directory"));
        } else if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(new VerificationReport.Problem(name, VerificationReport.Kind.NO_DIRECTORY,
                    "folder does not exist in " + store.root()));
        } else if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(new VerificationReport.Problem(name, VerificationReport.Kind.NOT_REGULAR, "is not a folder"));
        } else {
            for (PinnedFile file : files) {
                VerificationReport.Problem problem = check(directory, name + "/" + file.path(), file);
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }
        return new VerificationReport(dataset, directory, files.size(), problems);
    }

    private static VerificationReport.Problem check(Path directory, String label, PinnedFile file) {
        Path path = SafeNames.resolveInside(directory, file.path());
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return new VerificationReport.Problem(label, VerificationReport.Kind.NOT_REGULAR,
                        "is not a plain file (a folder, link or device)");
            }
            // A link in a parent folder (arc/ARC-Easy -> elsewhere) would escape the dataset folder.
            if (!path.toRealPath().startsWith(directory.toRealPath())) {
                return new VerificationReport.Problem(label, VerificationReport.Kind.NOT_REGULAR,
                        "resolves outside " + directory + " through a symbolic link");
            }
            if (attributes.size() != file.size()) {
                return new VerificationReport.Problem(label, VerificationReport.Kind.WRONG_SIZE,
                        "size expected " + file.size() + " bytes, found " + attributes.size());
            }
            String actual = Sha256.ofFile(path);
            if (!actual.equals(file.sha256())) {
                return new VerificationReport.Problem(label, VerificationReport.Kind.WRONG_SHA256,
                        "sha256 expected " + file.sha256() + ", found " + actual);
            }
            return null;
        } catch (NoSuchFileException e) {
            return new VerificationReport.Problem(label, VerificationReport.Kind.MISSING, "missing");
        } catch (IOException e) {
            return new VerificationReport.Problem(label, VerificationReport.Kind.UNREADABLE, "cannot be read: " + e);
        }
    }

    /** Fetches one source into the folder being built; returns the bytes transferred. */
    private long fetchSource(DatasetId dataset, Source source, Path download, Path built)
            throws IOException, InterruptedException {
        URI url = rewrite.apply(source.url());
        String name = source.format().isArchive()
                ? source.fileName()
                : dataset.shortName() + "/" + source.files().get(0).path();
        VerifiedDownload.Received copied = transfers.fetchWithRetries(dataset, url, name, source.downloadSize(),
                download);

        long expectedSize = source.downloadSize();
        String what = source.format().isArchive() ? "archive " + name : name;
        String expectedSha = source.downloadSha256();
        Optional<VerifiedDownload.Mismatch> mismatch = copied.check(expectedSize, expectedSha);
        if (mismatch.isPresent()) {
            throw new DownloadException(url, switch (mismatch.get().kind()) {
                case SIZE -> "size mismatch for " + what + " from " + url + ": "
                        + HashingCopy.sizeProblem(expectedSize, copied.bytes());
                case SHA256 -> "sha256 mismatch for " + what + " from " + url + ": expected " + expectedSha + ", got "
                        + copied.sha256();
            });
        }

        if (source.format().isArchive()) {
            new ArchiveExtractor(url, dataset.shortName(), source.files(), built).extract(source.format(), download);
            Files.delete(download);
        } else {
            Path target = SafeNames.resolveInside(built, source.files().get(0).path());
            Files.createDirectories(target.getParent());
            VerifiedDownload.install(download, target);
        }
        return copied.bytes();
    }

    private static UnaryOperator<URI> mirrorRewrite(URI mirror) {
        String base = mirror.toString().endsWith("/") ? mirror.toString() : mirror + "/";
        return url -> {
            String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
            String path = url.getRawPath() == null ? "" : url.getRawPath();
            return URI.create(base + url.getHost() + path + query);
        };
    }

    /** Configures a {@link DatasetDownloader}. */
    public static final class Builder {

        private DataStore store;
        private SourceManifest manifest;
        private HttpClient client;
        private URI mirror;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofMinutes(2);
        private Duration idleTimeout = Duration.ofMinutes(2);
        private int retries = 2;
        private Backoff backoff = Backoff.exponential(Duration.ofSeconds(2));
        private ProgressListener listener = ProgressListener.none();

        private Builder() {
        }

        /** The data directory to fill (required). */
        public Builder setStore(DataStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The manifest to follow instead of the bundled one. */
        public Builder optManifest(SourceManifest manifest) {
            this.manifest = Objects.requireNonNull(manifest, "manifest");
            return this;
        }

        /**
         * The HTTP client to use. The default connects within {@link #optConnectTimeout(Duration) the connect timeout}
         * and follows redirects except from https to http. A client given here should follow redirects too.
         */
        public Builder optHttpClient(HttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Fetches every source from a mirror instead of its own host: {@code https://host/path} becomes
         * {@code <mirror>/host/path}. Hashes are checked all the same, so a mirror need not be trusted.
         */
        public Builder optMirror(URI mirror) {
            Objects.requireNonNull(mirror, "mirror");
            if (!mirror.isAbsolute() || mirror.getHost() == null) {
                throw new IllegalArgumentException("mirror must be an absolute http(s) URL: " + mirror);
            }
            this.mirror = mirror;
            return this;
        }

        /** How long the default HTTP client waits to connect (default 30 s); ignored with {@link #optHttpClient}. */
        public Builder optConnectTimeout(Duration timeout) {
            this.connectTimeout = requirePositive(timeout);
            return this;
        }

        /** How long to wait for the response headers of each request (default 2 min). */
        public Builder optRequestTimeout(Duration timeout) {
            this.requestTimeout = requirePositive(timeout);
            return this;
        }

        /**
         * How long a transfer may go without receiving a byte before it counts as failed (default 2 min). The JDK
         * client's own timeout stops at the response headers, so this is what keeps a stalled server from hanging
         * the download.
         */
        public Builder optIdleTimeout(Duration timeout) {
            this.idleTimeout = requirePositive(timeout);
            return this;
        }

        /** How many times to retry a transfer after a transient failure (default 2; 0 for none). */
        public Builder optRetries(int retries) {
            if (retries < 0 || retries > 10) {
                throw new IllegalArgumentException("retries must be between 0 and 10, not " + retries);
            }
            this.retries = retries;
            return this;
        }

        /** What to do between retries (default: sleep 2 s, then 4 s, ...). */
        public Builder optBackoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /** Told the bytes done and total of each transfer. */
        public Builder optProgressListener(ProgressListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The configured downloader. */
        public DatasetDownloader build() {
            return new DatasetDownloader(this);
        }

        private static Duration requirePositive(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            return timeout;
        }
    }
}
