package org.easy2hard.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.easy2hard.data.DataFormatException;
import org.easy2hard.data.DatasetId;
import org.easy2hard.hardness.Cutoffs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one manifest schema: written and read back, and the legacy study layout migrated into it. */
class RunManifestTest {

    private static final Path FILE = Path.of("manifest.json");

    @TempDir
    Path root;

    private static JsonNode legacyStudy() throws IOException {
        try (InputStream in = RunManifestTest.class.getClassLoader()
                .getResourceAsStream(LegacyRuns.RESOURCE + "/study/manifest.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void aLegacyStudyManifestMigratesToTheStudyDriverWithItsSettingsDataAndModel() throws IOException {
        RunManifest manifest = RunManifest.fromJson(FILE, legacyStudy());
        assertTrue(manifest.isStudy());
        assertEquals(LegacyRuns.studySpec(), manifest.spec());
        assertEquals(new Cutoffs(2, 4), manifest.studyCutoffs());
        assertEquals(Map.of("legacy", Map.of("num_steps", new Cutoffs(2, 4))), manifest.cutoffs());
        assertEquals(new RunManifest.DataSource(DatasetId.STRATEGYQA, 150, LegacyRuns.checksums()),
                manifest.configuration().data().get("legacy"));
        RunManifest.ModelEntry model = manifest.configuration().models().get(0);
        assertEquals("fixture", model.model());
        assertEquals(RunManifest.MethodEntry.of(Fixtures.firstOption()), model.unsupervised().orElseThrow());
        assertEquals(RunManifest.MethodEntry.of(Fixtures.majority()), model.supervised("majority").orElseThrow());
        assertEquals(List.of("unsupervised-b0", "easy-b0", "easy-b1", "hard-b0", "hard-b1"), manifest.plan());
        assertEquals("fixed 2 / 4", manifest.configuration().settings().get("binning_rule"));
        assertEquals("development", manifest.provenance().get("library_version"));
    }

    @Test
    void aLegacyStudyManifestLackingASettingIsRefusedNamingIt() throws IOException {
        ObjectNode json = (ObjectNode) legacyStudy();
        ((ObjectNode) json.path("configuration")).remove("train_size");
        DataFormatException error = assertThrows(DataFormatException.class, () -> RunManifest.fromJson(FILE, json));
        assertTrue(error.getMessage().contains("configuration.train_size is missing"), error.getMessage());
    }

    @Test
    void aDriverManifestReadsBackAsWritten() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("train_size", 40);
        settings.put("measures", List.of("a", "b"));
        RunManifest manifest = new RunManifest(new RunManifest.Configuration("population", settings,
                Map.of("mmlu", new RunManifest.DataSource(DatasetId.MMLU, 12, Map.of("f.json", "ab"))),
                List.of(RunManifest.ModelEntry.of(DriverData.fakeModel("fake")))),
                Map.of("mmlu", Map.of("a", new Cutoffs(1, 3))), List.of("u1", "u2"), Map.of("git_commit", "x"));
        RunManifest back = RunManifest.fromJson(FILE, manifest.toJson());
        assertEquals(manifest, back);
        assertTrue(!back.isStudy());
        assertThrows(IllegalStateException.class, back::spec);
    }

    @Test
    void aDriverManifestWithoutTheSheetBlockHasNoCutoffs() {
        RunManifest manifest = new RunManifest(new RunManifest.Configuration("all_to_all", Map.of(), Map.of(),
                List.of()), null, List.of(), Map.of());
        ObjectNode json = manifest.toJson();
        assertTrue(json.path("sheet").isMissingNode());
        assertTrue(RunManifest.fromJson(FILE, json).sheetCutoffs().isEmpty());
    }

    @Test
    void aNewStudyRunWritesTheOneLayout() throws IOException {
        Fixtures.runner(root.resolve("run"), Fixtures.majority()).build().run();
        JsonNode json = new ObjectMapper().readTree(Files.readString(root.resolve("run/manifest.json")));
        assertEquals(RunManifest.STUDY, json.path("configuration").path("driver").asText());
        assertEquals(20, json.path("configuration").path("settings").path("train_size").asInt());
        assertEquals("strategyqa", json.path("configuration").path("data").path("synthetic").path("dataset").asText());
        assertEquals(7, json.path("plan").size());
        assertEquals(2.0, json.path("sheet").path("cutoffs").path("synthetic").path("num_steps").path("easy_max")
                .asDouble());
    }
}
