package org.easy2hard.data.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.easy2hard.data.DatasetId;

import org.junit.jupiter.api.Test;

class SourceManifestTest {

    private static final String SHA = "17f347dc51477c50d4efb83959dbb7c56297aba886e5544ee2aaed3024813465";

    @Test
    void bundledManifestPinsEveryFileOfTheLayout() {
        SourceManifest manifest = SourceManifest.bundled();

        assertEquals(Set.copyOf(DatasetId.paperDatasets()), manifest.byDataset().keySet());
        assertEquals(7, manifest.sources(DatasetId.ARC).files().size());
        assertEquals(171, manifest.sources(DatasetId.MMLU).files().size());
        assertEquals(List.of("train.json", "dev.json"),
                manifest.sources(DatasetId.STRATEGYQA).files().stream().map(PinnedFile::path).toList());
        assertEquals(List.of("train.jsonl", "test.jsonl"),
                manifest.sources(DatasetId.GSM8K).files().stream().map(PinnedFile::path).toList());
        Source arcZip = manifest.sources(DatasetId.ARC).sources().get(0);
        assertEquals(URI.create("https://ai2-public-datasets.s3.amazonaws.com/arc/ARC-V1-Feb2018.zip"), arcZip.url());
        assertEquals(SourceFormat.ZIP, arcZip.format());
        assertNull(arcZip.sha256(), "the ARC zip's own hash is unknown; fill it in together with this test");
        assertTrue(arcZip.files().stream().allMatch(file -> file.entry().startsWith("ARC-V1-Feb2018-2/ARC-")));
        Source mmluTar = manifest.sources(DatasetId.MMLU).sources().get(0);
        assertEquals(SourceFormat.TAR, mmluTar.format());
        // The ten STEM subjects of MMLU-STEM-5 are among the 57, with all three splits.
        Set<String> paths = mmluTar.files().stream().map(PinnedFile::path).collect(Collectors.toSet());
        for (String level : List.of("high_school", "college")) {
            for (String subject : List.of("biology", "chemistry", "computer_science", "mathematics", "physics")) {
                for (String split : List.of("dev", "val", "test")) {
                    String path = split + "/" + level + "_" + subject + "_" + split + ".csv";
                    assertTrue(paths.contains(path), path);
                }
            }
        }
        assertEquals("data/test/college_physics_test.csv", mmluTar.files().stream()
                .filter(file -> file.path().equals("test/college_physics_test.csv")).findFirst().orElseThrow().entry());
    }

    @Test
    void readsTheDocumentedFormat() throws IOException {
        SourceManifest manifest = read("""
                {"format": 1, "datasets": [{"dataset": "gsm8k", "sources": [
                  {"url": "https://example.org/train.jsonl", "format": "file", "licence": "MIT",
                   "files": [{"path": "train.jsonl", "size": 4166206, "sha256": "%s"}]}]}]}
                """.formatted(SHA.toUpperCase()));

        PinnedFile file = manifest.sources(DatasetId.GSM8K).files().get(0);
        assertEquals(SHA, file.sha256());
        assertNull(file.entry());
        assertThrows(IllegalArgumentException.class, () -> manifest.sources(DatasetId.ARC));
    }

    @Test
    void rejectsMistakesWhenRead() {
        String file = "{\"path\": \"%s\", \"size\": 1, \"sha256\": \"%s\"}";
        String source = "{\"url\": \"%s\", \"format\": \"%s\", \"files\": [%s]}";
        String manifest = "{\"format\": 1, \"datasets\": [{\"dataset\": \"gsm8k\", \"sources\": [%s]}]}";
        List<String> bad = List.of(
                manifest.formatted(source.formatted("https://x.org/a", "file", file.formatted("../a", SHA))),
                manifest.formatted(source.formatted("https://x.org/a", "file", file.formatted("a", "abc"))),
                manifest.formatted(source.formatted("file:///etc/passwd", "file", file.formatted("a", SHA))),
                manifest.formatted(source.formatted("https://x.org/a", "zip", file.formatted("a", SHA))),
                manifest.formatted(source.formatted("https://x.org/a", "file", file.formatted("a", SHA)).replace("sha256", "sha265")),
                "{\"format\": 2, \"datasets\": []}");
        for (String json : bad) {
            assertThrows(IOException.class, () -> read(json), json);
        }
    }

    private static SourceManifest read(String json) throws IOException {
        return SourceManifest.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
