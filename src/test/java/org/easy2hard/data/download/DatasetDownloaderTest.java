package org.easy2hard.data.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.easy2hard.data.DataStore;
import org.easy2hard.data.DatasetId;
import org.easy2hard.io.Sha256;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Downloads from a real HTTP server on loopback that serves archives built here from the shared dataset files, in
 * the layout of the canonical releases (an ARC zip with {@code ARC-V1-Feb2018-2/...} entries, an MMLU tar with
 * {@code data/...} entries, and the plain files). Every failure must end in a clear message and leave neither a
 * dataset folder nor a staging folder behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a safety net against a hung connection, not a timing assertion
class DatasetDownloaderTest {

    private static final String ARC_ZIP = "/ai2-public-datasets.s3.amazonaws.com/arc/ARC-V1-Feb2018.zip";
    private static final String MMLU_TAR = "/people.eecs.berkeley.edu/~hendrycks/data.tar";
    private static final String GSM8K_PREFIX =
            "/raw.githubusercontent.com/openai/grade-school-math/3101c7d5072418e28b9008a6636bde82a006892c/grade_school_math/data/";
    private static final String GSM8K_TRAIN = GSM8K_PREFIX + "train.jsonl";
    private static final String GSM8K_TEST = GSM8K_PREFIX + "test.jsonl";
    private static final String STRATEGYQA_TRAIN =
            "/raw.githubusercontent.com/eladsegal/strategyqa/1ba1e97452e189569357876f2854b01357ffbe37/data/strategyqa/train.json";

    /** Stands for this test's temporary folder in absolute entry names. */
    private static final String TEMP = "{temp}";

    private final SourceManifest manifest = SourceManifest.bundled();
    private Path shared;
    private LoopbackServer server;
    /** The canonical answer for every path the manifest names, rebuilt from the shared files. */
    private final Map<String, byte[]> canonical = new LinkedHashMap<>();

    /** The shared files by path relative to the data directory, read once (tests must not modify them). */
    private final Map<String, byte[]> sharedFiles = new ConcurrentHashMap<>();

    @TempDir
    Path temp;
    private Path root;

    @BeforeAll
    void buildArchivesAndStartServer() throws IOException {
        String dir = System.getProperty(DataStore.PROPERTY);
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "arc")),
                "the shared datasets are not available (set -D" + DataStore.PROPERTY + ")");
        shared = Path.of(dir);
        for (DatasetSources dataset : manifest.datasets()) {
            for (Source source : dataset.sources()) {
                byte[] body = switch (source.format()) {
                    case FILE -> sharedBytes(dataset.dataset(), source.files().get(0));
                    case ZIP -> zip(dataset.dataset(), source.files(), List.of());
                    case TAR -> tar(dataset.dataset(), source.files(), List.of());
                };
                canonical.put(pathOf(source.url()), body);
            }
        }
        server = new LoopbackServer();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void serveCanonicalFiles() {
        server.reset();
        canonical.forEach(server::serve);
        root = temp.resolve("data");
    }

    // ---------------------------------------------------------------- success

    @Test
    void downloadsEveryDatasetByteForByte() throws IOException {
        Map<String, DownloadProgress> lastProgress = new ConcurrentHashMap<>();
        DatasetDownloader downloader = downloader()
                .optProgressListener(progress -> lastProgress.put(progress.name(), progress))
                .build();

        List<DownloadResult> results = downloader.downloadAll();

        assertEquals(DatasetId.paperDatasets(), results.stream().map(DownloadResult::dataset).toList());
        int files = 0;
        for (DatasetSources dataset : manifest.datasets()) {
            for (PinnedFile file : dataset.files()) {
                String relative = dataset.dataset().shortName() + "/" + file.path();
                assertEquals(-1L, Files.mismatch(shared.resolve(relative), root.resolve(relative)), relative);
                files++;
            }
        }
        assertEquals(182, files);
        results.forEach(result -> assertEquals(DownloadResult.Outcome.DOWNLOADED, result.outcome()));
        assertEquals(List.of(), stagingLeftovers());
        // Each of the seven transfers reported its end: bytes done equal to the total it announced.
        assertEquals(7, lastProgress.size());
        lastProgress.values().forEach(progress -> assertTrue(progress.finished(), progress.toString()));
        assertEquals(canonical.get(ARC_ZIP).length, lastProgress.get("ARC-V1-Feb2018.zip").bytesDone());
        for (DatasetId dataset : DatasetId.paperDatasets()) {
            assertTrue(downloader.verify(dataset).complete(), downloader.verify(dataset).summary());
        }
    }

    @Test
    void skipsADatasetThatIsAlreadyCompleteWithoutTouchingTheNetwork() throws IOException {
        DatasetDownloader downloader = downloader().build();
        assertEquals(DownloadResult.Outcome.DOWNLOADED, downloader.download(DatasetId.GSM8K).outcome());
        server.status(GSM8K_TRAIN, 404);
        server.status(GSM8K_TEST, 404);

        DownloadResult again = downloader.download(DatasetId.GSM8K);

        assertEquals(DownloadResult.Outcome.ALREADY_PRESENT, again.outcome());
        assertEquals(0, again.bytesTransferred());
        assertEquals(1, server.requests(GSM8K_TRAIN));
        assertEquals(-1L, Files.mismatch(shared.resolve("gsm8k/train.jsonl"), root.resolve("gsm8k/train.jsonl")));
    }

    @Test
    void followsRedirects() throws IOException {
        server.route(GSM8K_TRAIN, exchange -> {
            exchange.getResponseHeaders().add("Location", "/moved/train.jsonl");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.serve("/moved/train.jsonl", canonical.get(GSM8K_TRAIN));

        assertEquals(DownloadResult.Outcome.DOWNLOADED, downloader().build().download(DatasetId.GSM8K).outcome());
        assertEquals(1, server.requests("/moved/train.jsonl"));
    }

    @Test
    void retriesATransientServerErrorThroughTheInjectedBackoff() throws IOException {
        int[] calls = {0};
        server.route(GSM8K_TEST, exchange -> {
            if (calls[0]++ == 0) {
                LoopbackServer.send(exchange, 503, new byte[0]);
            } else {
                LoopbackServer.send(exchange, 200, canonical.get(GSM8K_TEST));
            }
        });
        List<Integer> pauses = new ArrayList<>();

        DownloadResult result = downloader().optRetries(2).optBackoff((retry, failure) -> pauses.add(retry)).build()
                .download(DatasetId.GSM8K);

        assertEquals(DownloadResult.Outcome.DOWNLOADED, result.outcome());
        assertEquals(List.of(1), pauses);
        assertEquals(2, server.requests(GSM8K_TEST));
    }

    // ---------------------------------------------------------------- failures

    @Test
    void wrongChecksumOfAPlainFile() throws IOException {
        byte[] altered = canonical.get(GSM8K_TRAIN).clone();
        altered[1000] ^= 1;
        server.serve(GSM8K_TRAIN, altered);
        URI url = url(GSM8K_TRAIN);

        DownloadException e = assertThrows(DownloadException.class, () -> downloader().build().download(DatasetId.GSM8K));

        assertEquals("sha256 mismatch for gsm8k/train.jsonl from " + url + ": expected "
                + "17f347dc51477c50d4efb83959dbb7c56297aba886e5544ee2aaed3024813465, got " + sha256(altered), e.getMessage());
        assertEquals(url, e.source());
        assertNothingLeft(DatasetId.GSM8K);
    }

    @Test
    void wrongChecksumOfAnArchiveMember() throws IOException {
        PinnedFile dev = member(DatasetId.ARC, "ARC-Easy/ARC-Easy-Dev.jsonl");
        byte[] altered = sharedBytes(DatasetId.ARC, dev).clone();
        altered[10] ^= 1;
        server.serve(ARC_ZIP, zip(DatasetId.ARC, manifest.sources(DatasetId.ARC).sources().get(0).files(),
                List.of(new Extra(dev.entry(), altered, Extra.Type.FILE))));

        DownloadException e = assertThrows(DownloadException.class, () -> downloader().build().download(DatasetId.ARC));

        // The zip holds the member twice (the genuine and the altered copy): refused before either is trusted.
        assertEquals("zip archive from " + url(ARC_ZIP) + " holds entry '" + dev.entry() + "' twice", e.getMessage());
        assertNothingLeft(DatasetId.ARC);

        List<PinnedFile> others = manifest.sources(DatasetId.ARC).sources().get(0).files().stream()
                .filter(file -> !file.equals(dev)).toList();
        server.serve(ARC_ZIP, zip(DatasetId.ARC, others, List.of(new Extra(dev.entry(), altered, Extra.Type.FILE))));
        e = assertThrows(DownloadException.class, () -> downloader().build().download(DatasetId.ARC));
        assertEquals("sha256 mismatch for arc/ARC-Easy/ARC-Easy-Dev.jsonl (entry 'ARC-V1-Feb2018-2/ARC-Easy/ARC-Easy-Dev.jsonl'"
                + " of zip archive from " + url(ARC_ZIP) + "): expected " + dev.sha256() + ", got " + sha256(altered),
                e.getMessage());
        assertNothingLeft(DatasetId.ARC);
    }

    @Test
    void corruptZipArchive() {
        byte[] zip = canonical.get(ARC_ZIP);
        server.serve(ARC_ZIP, java.util.Arrays.copyOf(zip, zip.length / 2));

        DownloadException e = assertThrows(DownloadException.class, () -> downloader().build().download(DatasetId.ARC));

        assertTrue(e.getMessage().startsWith("corrupt zip archive from " + url(ARC_ZIP) + ": "), e.getMessage());
        assertNothingLeft(DatasetId.ARC);
    }

    @Test
    void corruptTarArchive() throws IOException {
        byte[] garbled = canonical.get(MMLU_TAR).clone();
        // Overwrite the header of the first member: its checksum no longer matches.
        java.util.Arrays.fill(garbled, 0, 512, (byte) 'x');
        server.serve(MMLU_TAR, garbled);

        DownloadException e = assertThrows(DownloadException.class, () -> downloader().build().download(DatasetId.MMLU));

        assertTrue(e.getMessage().startsWith("corrupt tar archive from " + url(MMLU_TAR) + ": "), e.getMessage());
        assertNothingLeft(DatasetId.MMLU);
    }

    @Test
    void tarArchiveCutShort() {
        byte[] tar = canonical.get(MMLU_TAR);
        server.serve(MMLU_TAR, java.util.Arrays.copyOf(tar, tar.length / 3 / 512 * 512));

        DownloadException e = assertThrows(DownloadException.class, () -> downloader().build().download(DatasetId.MMLU));

        assertTrue(e.getMessage().contains("tar archive from " + url(MMLU_TAR)), e.getMessage());
        assertNothingLeft(DatasetId.MMLU);
    }

    @Test
    void truncatedTransferIsRetriedThenReported() {
        byte[] body = canonical.get(STRATEGYQA_TRAIN);
        server.truncate(STRATEGYQA_TRAIN, body, body.length / 2);
        List<Integer> pauses = new ArrayList<>();

        DownloadException e = assertThrows(DownloadException.class, () -> downloader()
                .optRetries(2).optBackoff((retry, failure) -> pauses.add(retry)).build()
                .download(DatasetId.STRATEGYQA));

        assertTrue(e.getMessage().startsWith("truncated transfer from " + url(STRATEGYQA_TRAIN)
                + " (fetching strategyqa/train.json): received "), e.getMessage());
        assertTrue(e.getMessage().contains(" of " + body.length + " bytes"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(gave up after 3 attempts)"), e.getMessage());
        assertTrue(e.isTransient());
        assertEquals(List.of(1, 2), pauses);
        assertEquals(3, server.requests(STRATEGYQA_TRAIN));
        assertNothingLeft(DatasetId.STRATEGYQA);
    }

    @Test
    void aStalledTransferFailsAfterTheIdleTimeout() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        // Both files stall after 1,000 bytes: no whole file is ever transferred under the short idle timeout, so
        // only a transfer that really stalls (for the rest of the test) can trip it, however slow the machine.
        for (String file : List.of(GSM8K_TRAIN, GSM8K_TEST)) {
            byte[] body = canonical.get(file);
            server.route(file, exchange -> {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body, 0, 1000);
                exchange.getResponseBody().flush();
                try {
                    // Holds the connection open without sending more, until the test is done with it.
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("closing the stalled connection");
            });
        }
        try {
            DownloadException e = assertThrows(DownloadException.class, () -> downloader()
                    .optIdleTimeout(Duration.ofMillis(300)).build().download(DatasetId.GSM8K));
            String file = e.getMessage().contains(url(GSM8K_TRAIN).toString()) ? GSM8K_TRAIN : GSM8K_TEST;
            String local = file.equals(GSM8K_TRAIN) ? "gsm8k/train.jsonl" : "gsm8k/test.jsonl";
            assertTrue(e.getMessage().startsWith("truncated transfer from " + url(file) + " (fetching " + local
                    + "): received 1000 of " + canonical.get(file).length + " bytes before the connection failed: "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("no data received for PT0.3S (the transfer stalled)"), e.getMessage());
            assertNothingLeft(DatasetId.GSM8K);
        } finally {
            release.countDown();
        }
    }

    @Test
    void httpNotFoundIsNotRetried() {
        server.status(GSM8K_TEST, 404);

        DownloadException e = assertThrows(DownloadException.class, () -> downloader()
                .optRetries(2).optBackoff((retry, failure) -> { throw new AssertionError("retried a 404"); }).build()
                .download(DatasetId.GSM8K));

        assertEquals("HTTP 404 from " + url(GSM8K_TEST) + " (fetching gsm8k/test.jsonl)", e.getMessage());
        assertEquals(1, server.requests(GSM8K_TEST));
        // train.jsonl had arrived and been verified in the staging folder: it is gone with it.
        assertEquals(1, server.requests(GSM8K_TRAIN));
        assertNothingLeft(DatasetId.GSM8K);
    }

    static Stream<Arguments> hostileEntries() {
        return Stream.of(
                Arguments.of("zip", new Extra("../evil.txt", bytes("pwned"), Extra.Type.FILE), "path escapes the extraction directory"),
                Arguments.of("zip", new Extra("ARC-V1-Feb2018-2/../../evil.txt", bytes("pwned"), Extra.Type.FILE), "path escapes the extraction directory"),
                Arguments.of("zip", new Extra(TEMP + "/evil.txt", bytes("pwned"), Extra.Type.FILE), "absolute path"),
                Arguments.of("zip", new Extra("ARC-V1-Feb2018-2/link", bytes("/etc/passwd"), Extra.Type.SYMLINK), "symbolic link"),
                Arguments.of("tar", new Extra("../evil.txt", bytes("pwned"), Extra.Type.FILE), "path escapes the extraction directory"),
                Arguments.of("tar", new Extra("data/../../evil.txt", bytes("pwned"), Extra.Type.FILE), "path escapes the extraction directory"),
                Arguments.of("tar", new Extra("data\\..\\..\\evil.txt", bytes("pwned"), Extra.Type.FILE), "path escapes the extraction directory"),
                Arguments.of("tar", new Extra(TEMP + "/evil.txt", bytes("pwned"), Extra.Type.FILE), "absolute path"),
                Arguments.of("tar", new Extra("data/dev/evil_dev.csv", bytes("/etc/passwd"), Extra.Type.SYMLINK), "symbolic link to '/etc/passwd'"),
                Arguments.of("tar", new Extra("data/dev/evil_dev.csv", bytes("data/README.txt"), Extra.Type.HARDLINK), "hard link to 'data/README.txt'"));
    }

    @ParameterizedTest(name = "{0} entry {1}")
    @MethodSource("hostileEntries")
    void refusesArchivesWithUnsafeEntries(String kind, Extra entry, String reason) throws IOException {
        // An absolute name points into this test's folder, so that the check below would see it if it were written.
        Extra hostile = new Extra(entry.name().replace(TEMP, temp.toAbsolutePath().toString()), entry.content(), entry.type());
        DatasetId dataset = kind.equals("zip") ? DatasetId.ARC : DatasetId.MMLU;
        String path = kind.equals("zip") ? ARC_ZIP : MMLU_TAR;
        List<PinnedFile> members = manifest.sources(dataset).sources().get(0).files();
        server.serve(path, kind.equals("zip") ? zip(dataset, members, List.of(hostile)) : tar(dataset, members, List.of(hostile)));

        DownloadException e = assertThrows(DownloadException.class, () -> downloader().build().download(dataset));

        assertEquals("unsafe entry '" + hostile.name() + "' in " + kind + " archive from " + url(path) + ": " + reason
                + "; refusing the whole archive", e.getMessage());
        assertNothingLeft(dataset);
        try (Stream<Path> everything = Files.walk(temp)) {
            assertEquals(List.of(), everything.filter(file -> file.getFileName().toString().contains("evil")).toList());
        }
    }

    @Test
    void aCompleteDatasetSurvivesALaterFailingDownloadOfAnother() throws IOException {
        DatasetDownloader downloader = downloader().build();
        downloader.download(DatasetId.GSM8K);
        server.status(STRATEGYQA_TRAIN, 404);

        assertThrows(DownloadException.class, () -> downloader.download(DatasetId.STRATEGYQA));
        DownloadException all = assertThrows(DownloadException.class, downloader::downloadAll);

        assertTrue(all.getMessage().startsWith("1 dataset(s) failed to download:\n  HTTP 404 from " + url(STRATEGYQA_TRAIN)),
                all.getMessage());
        assertTrue(downloader.verify(DatasetId.GSM8K).complete());
        assertTrue(downloader.verify(DatasetId.ARC).complete());
        assertTrue(downloader.verify(DatasetId.MMLU).complete());
        assertNothingLeft(DatasetId.STRATEGYQA);
    }

    @Test
    void aDamagedFolderIsKeptAsItWasWhenTheRepairFailsAndReplacedWhenItSucceeds() throws IOException {
        DatasetDownloader downloader = downloader().build();
        downloader.download(DatasetId.GSM8K);
        Path test = root.resolve("gsm8k/test.jsonl");
        Files.writeString(test, "damaged");
        Files.writeString(root.resolve("gsm8k/notes.txt"), "a file the manifest does not list");
        VerificationReport damaged = downloader.verify(DatasetId.GSM8K);
        assertEquals(List.of(VerificationReport.Kind.WRONG_SIZE), damaged.problems().stream().map(VerificationReport.Problem::kind).toList());
        assertEquals("gsm8k/test.jsonl", damaged.problems().get(0).path());

        byte[] altered = canonical.get(GSM8K_TEST).clone();
        altered[0] ^= 1;
        server.serve(GSM8K_TEST, altered);
        DownloadException e = assertThrows(DownloadException.class, () -> downloader.download(DatasetId.GSM8K));
        assertTrue(e.getMessage().startsWith("sha256 mismatch for gsm8k/test.jsonl"), e.getMessage());
        assertEquals("damaged", Files.readString(test));
        assertEquals(-1L, Files.mismatch(shared.resolve("gsm8k/train.jsonl"), root.resolve("gsm8k/train.jsonl")));
        assertEquals(List.of(), stagingLeftovers());

        server.serve(GSM8K_TEST, canonical.get(GSM8K_TEST));
        assertEquals(DownloadResult.Outcome.REPLACED, downloader.download(DatasetId.GSM8K).outcome());
        assertTrue(downloader.verify(DatasetId.GSM8K).complete());
        assertEquals(List.of(), stagingLeftovers());
    }

    @Test
    void verifyReportsMissingAndCorruptFiles() throws IOException {
        DatasetDownloader downloader = downloader().build();
        assertTrue(downloader.verify(DatasetId.ARC).absent());
        downloader.download(DatasetId.ARC);
        Files.delete(root.resolve("arc/ARC-Challenge/ARC-Challenge-Dev.jsonl"));
        Path easyTest = root.resolve("arc/ARC-Easy/ARC-Easy-Test.jsonl");
        byte[] bytes = Files.readAllBytes(easyTest);
        bytes[5] ^= 1;
        Files.write(easyTest, bytes);

        VerificationReport report = downloader.verify(DatasetId.ARC);

        assertFalse(report.complete());
        assertEquals(7, report.expected());
        assertEquals(Map.of(
                "arc/ARC-Easy/ARC-Easy-Test.jsonl", VerificationReport.Kind.WRONG_SHA256,
                "arc/ARC-Challenge/ARC-Challenge-Dev.jsonl", VerificationReport.Kind.MISSING),
                report.problems().stream().collect(java.util.stream.Collectors.toMap(
                        VerificationReport.Problem::path, VerificationReport.Problem::kind)));
        assertTrue(report.summary().contains("sha256 expected ce32a0774b4beb1977d2c6b16dda5dd2b24fdc9c7f506882c452678676bd09be, found "),
                report.summary());
    }

    @Test
    void refusesToFollowADatasetFolderThatIsASymbolicLink() throws IOException {
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.createDirectories(root);
        Files.createSymbolicLink(root.resolve("gsm8k"), elsewhere);

        DownloadException e = assertThrows(DownloadException.class, () -> downloader().build().download(DatasetId.GSM8K));

        assertTrue(e.getMessage().contains("is a symbolic link"), e.getMessage());
        assertTrue(Files.isSymbolicLink(root.resolve("gsm8k")));
        try (Stream<Path> inside = Files.list(elsewhere)) {
            assertEquals(0, inside.count());
        }
        assertEquals(0, server.requests(GSM8K_TRAIN));
    }

    @Test
    void mirrorRewritesHostAndPath() {
        DatasetDownloader downloader = downloader().optMirror(URI.create("http://127.0.0.1:1/mirror")).build();

        assertEquals(URI.create("http://127.0.0.1:1/mirror/people.eecs.berkeley.edu/~hendrycks/data.tar"),
                downloader.effectiveUrl(URI.create("https://people.eecs.berkeley.edu/~hendrycks/data.tar")));
    }

    // ---------------------------------------------------------------- helpers

    private DatasetDownloader.Builder downloader() {
        return DatasetDownloader.builder()
                .setStore(DataStore.at(root))
                .optMirror(server.base())
                .optRetries(0)
                .optBackoff(Backoff.none())
                // A safety net: no test here should get near it, except the one about stalls, which sets its own.
                .optIdleTimeout(Duration.ofSeconds(20));
    }

    private void assertNothingLeft(DatasetId dataset) {
        assertFalse(Files.exists(root.resolve(dataset.shortName()), LinkOption.NOFOLLOW_LINKS),
                "a partial " + dataset + " folder was left behind");
        assertEquals(List.of(), stagingLeftovers());
    }

    private List<String> stagingLeftovers() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.map(path -> path.getFileName().toString()).filter(name -> name.startsWith(".")).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private URI url(String path) {
        return server.base().resolve(path.substring(1));
    }

    private PinnedFile member(DatasetId dataset, String path) {
        return manifest.sources(dataset).files().stream().filter(file -> file.path().equals(path)).findFirst().orElseThrow();
    }

    private byte[] sharedBytes(DatasetId dataset, PinnedFile file) throws IOException {
        String relative = dataset.shortName() + "/" + file.path();
        byte[] cached = sharedFiles.get(relative);
        if (cached == null) {
            cached = Files.readAllBytes(shared.resolve(relative));
            sharedFiles.put(relative, cached);
        }
        return cached;
    }

    private static String pathOf(URI url) {
        return "/" + url.getHost() + url.getRawPath();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] data) {
        MessageDigest digest = Sha256.newDigest();
        return HexFormat.of().formatHex(digest.digest(data));
    }

    /** An entry added to a built archive after the genuine members. */
    record Extra(String name, byte[] content, Type type) {
        enum Type { FILE, SYMLINK, HARDLINK }

        @Override
        public String toString() {
            return type + " " + name;
        }
    }

    /** A zip like AI2's: the members under their entry names, a folder entry and a file the manifest does not want. */
    private byte[] zip(DatasetId dataset, List<PinnedFile> members, List<Extra> extras) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_SPEED); // the tests build many archives; how small they are does not matter
            zip.putArchiveEntry(new ZipArchiveEntry("ARC-V1-Feb2018-2/"));
            zip.closeArchiveEntry();
            addZip(zip, new ZipArchiveEntry("ARC-V1-Feb2018-2/README.txt"), bytes("not wanted"));
            for (PinnedFile member : members) {
                addZip(zip, new ZipArchiveEntry(member.entry()), sharedBytes(dataset, member));
            }
            for (Extra extra : extras) {
                ZipArchiveEntry entry = new ZipArchiveEntry(extra.name());
                if (extra.type() == Extra.Type.SYMLINK) {
                    entry.setUnixMode(0120777);
                }
                addZip(zip, entry, extra.content());
            }
        }
        return bytes.toByteArray();
    }

    private static void addZip(ZipArchiveOutputStream zip, ZipArchiveEntry entry, byte[] content) throws IOException {
        zip.putArchiveEntry(entry);
        zip.write(content);
        zip.closeArchiveEntry();
    }

    /** A tar like Hendrycks's: the members under {@code data/...}, with folders and an unwanted file. */
    private byte[] tar(DatasetId dataset, List<PinnedFile> members, List<Extra> extras) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.putArchiveEntry(new TarArchiveEntry("data/"));
            tar.closeArchiveEntry();
            addTar(tar, new TarArchiveEntry("data/auxiliary_train/not_wanted.csv"), bytes("x,y"));
            for (PinnedFile member : members) {
                addTar(tar, new TarArchiveEntry(member.entry()), sharedBytes(dataset, member));
            }
            for (Extra extra : extras) {
                switch (extra.type()) {
                    case FILE -> addTar(tar, new TarArchiveEntry(extra.name(), true), extra.content());
                    case SYMLINK, HARDLINK -> {
                        TarArchiveEntry link = new TarArchiveEntry(extra.name(),
                                extra.type() == Extra.Type.SYMLINK ? TarConstants.LF_SYMLINK : TarConstants.LF_LINK, true);
                        link.setLinkName(new String(extra.content(), StandardCharsets.UTF_8));
                        tar.putArchiveEntry(link);
                        tar.closeArchiveEntry();
                    }
                }
            }
        }
        return bytes.toByteArray();
    }

    private static void addTar(TarArchiveOutputStream tar, TarArchiveEntry entry, byte[] content) throws IOException {
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
