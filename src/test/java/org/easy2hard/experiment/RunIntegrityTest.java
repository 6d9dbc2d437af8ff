package org.easy2hard.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.easy2hard.data.DatasetId;
import org.easy2hard.stats.Condition;
import org.easy2hard.stats.ItemResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run directory refuses what it cannot vouch for: foreign units, concurrent writers, damaged or missing units. */
class RunIntegrityTest {

    @TempDir
    Path root;

    private static ExperimentSpec spec(int trainSize) {
        return new ExperimentSpec(DatasetId.STRATEGYQA, "num_steps",
                List.of(TrainPool.NONE, TrainPool.EASY, TrainPool.HARD), trainSize, 3, 7);
    }

    @Test
    void unitsWithoutAManifestAreRefusedWithHowToStartOver() throws IOException {
        Path run = root.resolve("run");
        Fixtures.runner(run, Fixtures.majority()).build().run();
        Files.delete(run.resolve("manifest.json"));
        ExperimentRunner other = Fixtures.runner(run, Fixtures.majority()).setSpec(spec(30)).build();
        IllegalStateException error = assertThrows(IllegalStateException.class, other::run);
        assertTrue(error.getMessage().contains("no manifest.json"), error.getMessage());
        assertTrue(error.getMessage().contains("delete"), error.getMessage());
        assertTrue(Files.notExists(run.resolve("manifest.json")), "no manifest may be written over foreign units");
    }

    @Test
    void unitsCarryTheirConfigurationSoASwappedManifestIsRefused() throws IOException {
        Path a = root.resolve("a");
        Path b = root.resolve("b");
        Fixtures.runner(a, Fixtures.majority()).build().run();
        Fixtures.runner(b, Fixtures.majority()).setSpec(spec(30)).build().run();
        Files.copy(b.resolve("manifest.json"), a.resolve("manifest.json"), StandardCopyOption.REPLACE_EXISTING);
        ExperimentRunner other = Fixtures.runner(a, Fixtures.majority()).setSpec(spec(30)).build();
        IllegalStateException error = assertThrows(IllegalStateException.class, other::run);
        assertTrue(error.getMessage().contains("another configuration"), error.getMessage());
    }

    @Test
    void aSecondWriterIsToldWhoHoldsTheLock() {
        Path run = root.resolve("run");
        try (RunLock held = RunDirectory.open(run).lock()) {
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> RunDirectory.open(run).lock());
            assertTrue(error.getMessage().contains("pid " + ProcessHandle.current().pid()), error.getMessage());
            assertTrue(error.getMessage().contains("in use"), error.getMessage());
        }
        // released with its holder: the next writer gets it
        RunDirectory.open(run).lock().close();
    }

    @Test
    void aRunCannotStartWhileAnotherWriterHoldsTheDirectory() {
        Path run = root.resolve("run");
        try (RunLock held = RunDirectory.open(run).lock()) {
            ExperimentRunner second = Fixtures.runner(run, Fixtures.majority()).build();
            assertThrows(IllegalStateException.class, second::run);
        }
        assertEquals(7, Fixtures.runner(run, Fixtures.majority()).build().run().units().size());
    }

    @Test
    void unitFilesDoNotDependOnTheDiagnosticsMapOrder() {
        Condition condition = new Condition("d", "m", "probe", "easy", "num_steps", 2);
        Map<String, Double> hardness1 = new LinkedHashMap<>();
        hardness1.put("b", 1.0);
        hardness1.put("a", 2.0);
        Map<String, Double> hardness2 = new LinkedHashMap<>();
        hardness2.put("a", 2.0);
        hardness2.put("b", 1.0);
        List<ItemResult> records1 = List.of(new ItemResult("q1", condition, 0, true, 0.7, 0, hardness1,
                Map.of("x", "1", "y", "2", "z", "3")));
        List<ItemResult> records2 = List.of(new ItemResult("q1", condition, 0, true, 0.7, 0, hardness2,
                Map.of("z", "3", "y", "2", "x", "1")));
        Map<String, Double> diagnostics1 = new LinkedHashMap<>();
        Map<String, Double> diagnostics2 = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            diagnostics1.put("key" + i, (double) i);
            diagnostics2.put("key" + (11 - i), (double) (11 - i));
        }
        ObjectMapper mapper = new ObjectMapper();
        byte[] one = UnitCodec.write(mapper, new UnitResult("easy-b0", TrainPool.EASY, 0, List.of("t1"),
                diagnostics1, records1), "c");
        byte[] two = UnitCodec.write(mapper, new UnitResult("easy-b0", TrainPool.EASY, 0, List.of("t1"),
                diagnostics2, records2), "c");
        assertArrayEquals(one, two);
        // Within one process Map.copyOf orders equal key sets alike; across processes it does not, so the file must
        // not depend on that order at all: keys are written sorted.
        String header = new String(one, java.nio.charset.StandardCharsets.UTF_8).split("\n")[0];
        List<String> keys = new java.util.ArrayList<>();
        try {
            new ObjectMapper().readTree(header).path("diagnostics").fieldNames().forEachRemaining(keys::add);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(keys.stream().sorted().toList(), keys);
        assertEquals(12, keys.size());
    }

    @Test
    void identicalRunsWriteIdenticalUnitIndexes() throws IOException {
        Fixtures.runner(root.resolve("a"), Fixtures.majority()).build().run();
        Fixtures.runner(root.resolve("b"), Fixtures.majority()).build().run();
        assertEquals(Files.readString(root.resolve("a/units.json")), Files.readString(root.resolve("b/units.json")));
    }

    @Test
    void aCompleteRunHasNoProblems() {
        Path run = root.resolve("run");
        Fixtures.runner(run, Fixtures.majority()).build().run();
        RunIntegrity integrity = RunIntegrity.check(run);
        assertTrue(integrity.complete(), integrity.describe());
        assertEquals(7, integrity.expected());
    }

    @Test
    void aHalvedUnitFileIsReportedDamaged() throws IOException {
        Path run = root.resolve("run");
        Fixtures.runner(run, Fixtures.majority()).build().run();
        Path unit = run.resolve("units/easy-b1.jsonl");
        byte[] bytes = Files.readAllBytes(unit);
        Files.write(unit, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        RunIntegrity integrity = RunIntegrity.check(run);
        assertEquals(List.of("easy-b1"), integrity.damaged());
        assertEquals(List.of(), integrity.missing());
        assertTrue(integrity.describe().contains("easy-b1"), integrity.describe());
    }

    @Test
    void unitsNotYetRunAreReportedMissing() throws IOException {
        Path run = root.resolve("run");
        Fixtures.runner(run, Fixtures.majority()).build().run();
        String index = Files.readString(run.resolve("units.json"));
        Map<?, ?> entries = new ObjectMapper().readValue(index, Map.class);
        Map<Object, Object> kept = new LinkedHashMap<>();
        kept.put("unsupervised-b0", entries.get("unsupervised-b0"));
        Files.writeString(run.resolve("units.json"), new ObjectMapper().writeValueAsString(kept));
        RunIntegrity integrity = RunIntegrity.check(run);
        assertEquals(List.of("easy-b0", "easy-b1", "easy-b2", "hard-b0", "hard-b1", "hard-b2"), integrity.missing());
        assertEquals(1, integrity.finished());
    }
}
