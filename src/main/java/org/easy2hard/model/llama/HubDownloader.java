package org.easy2hard.model.llama;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.easy2hard.io.AtomicFiles;
import org.easy2hard.io.VerifiedDownload;
import org.easy2hard.model.CacheDirectory;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.Progress;
import org.easy2hard.model.llama.internal.SafeTensors;

/**
 * Downloads the files a {@link LlamaModel} needs from a Hugging Face hub into the cache:
 * {@code <cache>/models/hf/<owner>/<name>/<revision>/} holds {@code config.json}, {@code tokenizer.json},
 * {@code tokenizer_config.json} (when the repository has one) and {@code model.safetensors}, or the
 * {@code model.safetensors.index.json} and its shards. Files come from {@code <endpoint>/<repo>/resolve/<revision>/
 * <file>}.
 *
 * <ul>
 *   <li><b>Resume</b>: bytes arrive in {@code <file>.part} (through {@link VerifiedDownload}, which also checks
 *       and renames); a later run asks for the rest with an HTTP Range
 *       header (and starts over when the server ignores it).</li>
 *   <li><b>Checksum</b>: when the hub's metadata gives the file's SHA-256 (the {@code X-Linked-Etag} of LFS files,
 *       or an {@code ETag} of 64 hex digits), the bytes are verified; a mismatch deletes the partial file and
 *       fails naming the file. Sizes are checked against {@code X-Linked-Size} or {@code Content-Length}.</li>
 *   <li><b>Atomic</b>: a file appears under its name only complete and verified; a {@code snapshot.json} written
 *       last marks a complete snapshot, which later runs use without the network (delete the directory to fetch
 *       a moved branch again). A lock file keeps two processes from writing one snapshot at once.</li>
 *   <li><b>Authentication</b>: an {@code HF_TOKEN} is sent as a bearer token to the endpoint's host only (never to
 *       the storage hosts the hub redirects to), and never logged or stored.</li>
 * </ul>
 */
public final class HubDownloader implements AutoCloseable {

    /** The public hub. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SNAPSHOT_FILE = "snapshot.json";
    private static final int MAX_REDIRECTS = 5;

    private final URI endpoint;
    private final String token;
    private final CacheDirectory cache;
    private final Progress progress;
    private final HttpClient client;

    /**
     * A complete local copy of a repository's model files.
     *
     * @param directory where the files are
     * @param commit    the commit the hub reported ({@code X-Repo-Commit}), or null when it did not
     */
    public record Snapshot(Path directory, String commit) {
    }

    private HubDownloader(Builder builder) {
        String fromEnvironment = builder.environment.get("HF_ENDPOINT");
        URI chosen = builder.endpoint != null ? builder.endpoint
                : fromEnvironment != null && !fromEnvironment.isBlank() ? URI.create(fromEnvironment.trim())
                : DEFAULT_ENDPOINT;
        String text = chosen.toString();
        this.endpoint = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        String secret = builder.environment.get("HF_TOKEN");
        this.token = secret == null || secret.isBlank() ? null : secret.trim();
        this.cache = Objects.requireNonNull(builder.cache, "cache");
        this.progress = builder.progress;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    /** A new builder; the cache must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** The directory a reference's files go to. */
    public Path directory(HubReference reference) {
        String revision = reference.revision().replace('/', '_');
        return cache.models().resolve("hf").resolve(reference.repository()).resolve(revision);
    }

    /**
     * The local snapshot of a reference, downloading what is missing.
     *
     * @throws LanguageModelException when the hub lacks a file (naming it and the repository), refuses access, or
     *                                a checksum or size does not match
     */
    public Snapshot fetch(HubReference reference) throws IOException {
        Path directory = directory(reference);
        Path marker = directory.resolve(SNAPSHOT_FILE);
        if (Files.isRegularFile(marker)) {
            return new Snapshot(directory, readCommit(marker));
        }
        Files.createDirectories(directory);
        try (FileChannel lockFile = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock lock = lockFile.lock()) {
            if (Files.isRegularFile(marker)) {
                return new Snapshot(directory, readCommit(marker));
            }
            String commit = null;
            for (String name : List.of("config.json", "tokenizer.json")) {
                commit = firstNonNull(commit, download(reference, name, directory, true).orElseThrow());
            }
            download(reference, "tokenizer_config.json", directory, false);
            Optional<String> single = download(reference, SafeTensors.SINGLE_FILE, directory, false);
            if (single.isEmpty()) {
                Optional<String> index = download(reference, SafeTensors.INDEX_FILE, directory, false);
                if (index.isEmpty()) {
                    throw new LanguageModelException("repository " + reference.repository() + " at revision "
                            + reference.revision() + " has neither " + SafeTensors.SINGLE_FILE + " nor "
                            + SafeTensors.INDEX_FILE + " (only safetensors weights are supported)");
                }
                for (String shard : SafeTensors.shardNames(directory.resolve(SafeTensors.INDEX_FILE))) {
                    download(reference, shard, directory, true);
                }
            }
            ObjectNode snapshot = JSON.createObjectNode();
            snapshot.put("repository", reference.repository());
            snapshot.put("revision", reference.revision());
            commit = commit == null || commit.isEmpty() ? null : commit;
            snapshot.put("commit", commit);
            AtomicFiles.write(marker, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(snapshot));
            lock.release();
            return new Snapshot(directory, commit);
        }
    }

    /** The first commit a response reported; "" means the response named none. */
    private static String firstNonNull(String known, String reported) {
        return known != null && !known.isEmpty() ? known : reported;
    }

    private static String readCommit(Path marker) throws IOException {
        String commit = JSON.readTree(marker.toFile()).path("commit").asText("");
        return commit.isEmpty() || commit.equals("null") ? null : commit;
    }

    /**
     * Downloads one file unless it is already there.
     *
     * @return empty when the file does not exist on the hub and is optional; else the reported commit ("" unknown)
     */
    private Optional<String> download(HubReference reference, String file, Path directory, boolean required)
            throws IOException {
        Path target = directory.resolve(file);
        if (Files.isRegularFile(target)) {
            return Optional.of("");
        }
        URI url = URI.create(endpoint + "/" + reference.repository() + "/resolve/"
                + URLEncoder.encode(reference.revision(), StandardCharsets.UTF_8) + "/" + file);
        String what = "file " + file + " of repository " + reference.repository() + " at revision "
                + reference.revision();
        HttpResponse<Void> head = send(HttpRequest.newBuilder(url).method("HEAD", HttpRequest.BodyPublishers
                .noBody()), url);
        int status = head.statusCode();
        if (status == 404) {
            if (required) {
                throw new LanguageModelException(what + " not found on " + endpoint + " (HTTP 404)");
            }
            return Optional.empty();
        }
        if (status == 401 || status == 403) {
            throw new LanguageModelException(what + ": access refused (HTTP " + status + "); gated or private "
                    + "repositories need a token in the HF_TOKEN environment variable");
        }
        if (status >= 400) {
            throw new LanguageModelException(what + ": HTTP " + status + " from " + endpoint);
        }
        String sha256 = checksum(head);
        long size = head.headers().firstValueAsLong("x-linked-size")
                .orElse(status == 200 ? head.headers().firstValueAsLong("content-length").orElse(-1) : -1);
        URI data = status >= 300 && status < 400
                ? url.resolve(head.headers().firstValue("location").orElseThrow(() ->
                        new LanguageModelException(what + ": redirect without a Location")))
                : url;
        fetchBytes(data, target, what, sha256, size);
        return Optional.of(head.headers().firstValue("x-repo-commit").orElse(""));
    }

    /** The SHA-256 the hub's headers give for the file, or null (git blob ETags are SHA-1s, not usable). */
    private static String checksum(HttpResponse<?> head) {
        for (String header : List.of("x-linked-etag", "etag")) {
            Optional<String> value = head.headers().firstValue(header);
            if (value.isPresent()) {
                String clean = value.get().replace("W/", "").replace("\"", "").trim().toLowerCase(Locale.ROOT);
                if (clean.matches("[0-9a-f]{64}")) {
                    return clean;
                }
            }
        }
        return null;
    }

    private void fetchBytes(URI url, Path target, String what, String sha256, long size) throws IOException {
        Path part = VerifiedDownload.partFile(target);
        VerifiedDownload.Received received = null;
        for (int attempt = 0; attempt < 2 && received == null; attempt++) {
            long have = Files.isRegularFile(part) ? Files.size(part) : 0;
            HttpRequest.Builder request = HttpRequest.newBuilder(url).GET();
            if (have > 0) {
                request.header("Range", "bytes=" + have + "-");
            }
            HttpResponse<InputStream> response = sendFollowing(request, url, what);
            int status = response.statusCode();
            if (status == 416 && have > 0) {
                // The part may already be complete (or longer than the file): verify it, else start over.
                response.body().close();
                if (size == have) {
                    received = VerifiedDownload.measure(part);
                    break;
                }
                Files.deleteIfExists(part);
                continue;
            }
            if (status != 200 && status != 206) {
                response.body().close();
                throw new LanguageModelException(what + ": HTTP " + status + " while downloading");
            }
            // A 200 answers the whole file (the server ignored the range): start the part over.
            VerifiedDownload.Start start = status == 206 && have > 0 ? VerifiedDownload.Start.RESUME
                    : VerifiedDownload.Start.RESTART;
            try (InputStream in = response.body()) {
                received = VerifiedDownload.receive(in, part, start, -1, written -> progress.update(
                        "downloading " + target.getFileName(), written, Math.max(size, written)));
            }
        }
        if (received == null) {
            received = VerifiedDownload.measure(part);
        }
        Optional<VerifiedDownload.Mismatch> mismatch = received.check(size, sha256);
        if (mismatch.isPresent()) {
            Files.deleteIfExists(part);
            throw new LanguageModelException(switch (mismatch.get().kind()) {
                case SIZE -> what + ": downloaded " + received.bytes() + " bytes, the hub announced " + size
                        + "; the partial file was removed, try again";
                case SHA256 -> what + ": SHA-256 " + received.sha256() + " does not match the hub's " + sha256
                        + "; the corrupt download was removed, try again";
            });
        }
        VerifiedDownload.install(part, target);
    }

    /** Sends a GET, following redirects by hand so that the token goes to the endpoint's host only. */
    private HttpResponse<InputStream> sendFollowing(HttpRequest.Builder request, URI url, String what)
            throws IOException {
        URI at = url;
        HttpRequest.Builder current = request;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse<InputStream> response = sendStreaming(current, at);
            int status = response.statusCode();
            if (status < 300 || status >= 400) {
                return response;
            }
            response.body().close();
            String location = response.headers().firstValue("location").orElseThrow(() ->
                    new LanguageModelException(what + ": redirect without a Location"));
            URI next = at.resolve(location);
            HttpRequest original = current.build();
            current = HttpRequest.newBuilder(next).GET();
            for (String range : original.headers().allValues("Range")) {
                current.header("Range", range);
            }
            at = next;
        }
        throw new LanguageModelException(what + ": more than " + MAX_REDIRECTS + " redirects");
    }

    private HttpResponse<Void> send(HttpRequest.Builder request, URI url) throws IOException {
        try {
            return client.send(authorize(request, url).timeout(Duration.ofMinutes(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while contacting " + url, e);
        }
    }

    private HttpResponse<InputStream> sendStreaming(HttpRequest.Builder request, URI url) throws IOException {
        try {
            return client.send(authorize(request, url).build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + url, e);
        }
    }

    /** Adds the bearer token when the request goes to the endpoint's own host. */
    private HttpRequest.Builder authorize(HttpRequest.Builder request, URI url) {
        if (token != null && Objects.equals(url.getHost(), endpoint.getHost())
                && url.getPort() == endpoint.getPort()) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        return request;
    }

    /** Nothing to release on Java 17 (the HTTP client has no close); kept for the resource idiom. */
    @Override
    public void close() {
        // HttpClient gained close() only in Java 21; its threads end when it is unreachable.
    }

    /** Builds a {@link HubDownloader}. */
    public static final class Builder {

        private URI endpoint;
        private Map<String, String> environment = System.getenv();
        private CacheDirectory cache;
        private Progress progress = Progress.NONE;

        private Builder() {
        }

        /** The hub (default: {@code HF_ENDPOINT} from the environment, else huggingface.co). */
        public Builder optEndpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** The environment read for {@code HF_ENDPOINT} and {@code HF_TOKEN} (default: the process's). */
        public Builder optEnvironment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** The cache whose {@code models/hf} holds the downloads. */
        public Builder setCache(CacheDirectory cache) {
            this.cache = cache;
            return this;
        }

        /** Told bytes downloaded per file. */
        public Builder optProgress(Progress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** The downloader. */
        public HubDownloader build() {
            if (cache == null) {
                throw new IllegalStateException("setCache(...) is required");
            }
            return new HubDownloader(this);
        }
    }
}
