package org.easy2hard.experiment.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
import org.easy2hard.experiment.ExperimentRunner;
import org.easy2hard.experiment.Fixtures;
import org.easy2hard.experiment.LegacyRuns;
import org.easy2hard.experiment.ModelArms;
import org.easy2hard.experiment.RunListener;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.experiment.driver.Population;
import org.easy2hard.experiment.sheet.ResultSheets;
import org.easy2hard.hardness.HardnessCatalog;
import org.easy2hard.method.MultipleChoiceMethod;
import org.easy2hard.model.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run directories written before the one-engine change (the committed fixture, see its README) still resume without
 * running a unit again, and still export the sheets the old code exported.
 */
class LegacyRunsTest {

    @TempDir
    Path root;

    @Test
    void aLegacyStudyRunResumesWithoutRunningAUnit() throws IOException {
        Path run = copy("study");
        Map<String, byte[]> before = runFiles(run);
        List<Boolean> finished = new ArrayList<>();
        ExperimentRunner.builder().setSpec(LegacyRuns.studySpec())
                .setData(LegacyRuns.dataset(), LegacyRuns.checksums()).setModelName("fixture")
                .setUnsupervisedMethod(refusingToFit(Fixtures.firstOption()))
                .setSupervisedMethod(refusingToFit(Fixtures.majority()))
                .optRunListener(listener(finished)).setRunDirectory(run).build().run();
        assertEquals(List.of(true, true, true, true, true), finished);
        assertUnchanged(before, runFiles(run));
    }

    @Test
    void aLegacyDriverRunResumesWithoutRunningAUnit() throws IOException {
        Path run = copy("population");
        Map<String, byte[]> before = runFiles(run);
        List<Boolean> finished = new ArrayList<>();
        Population.builder(LegacyRuns.dataset())
                .addModel(ModelArms.of("fake", refusingToFit(Fixtures.firstOption()),
                        refusingToFit(Fixtures.majority())))
                .optMeasures(List.of(HardnessCatalog.find(DatasetId.STRATEGYQA, "num_steps")))
                .optPools(List.of(TrainPool.EASY, TrainPool.HARD)).optTraining(6, 2).optSeed(7)
                .optDataChecksums(LegacyRuns.checksums()).optRunListener(listener(finished)).setRunDirectory(run)
                .build().run();
        assertEquals(List.of(true, true, true, true, true), finished);
        assertUnchanged(before, runFiles(run));
    }

    @Test
    void aUnitLostFromALegacyStudyRunIsRunAgainToTheBytesTheOldCodeWrote() throws IOException {
        Path run = copy("study");
        Files.delete(run.resolve("units/easy-b1.jsonl"));
        List<Boolean> finished = new ArrayList<>();
        ExperimentRunner.builder().setSpec(LegacyRuns.studySpec())
                .setData(LegacyRuns.dataset(), LegacyRuns.checksums()).setModelName("fixture")
                .setUnsupervisedMethod(Fixtures.firstOption()).setSupervisedMethod(Fixtures.majority())
                .optRunListener(listener(finished)).setRunDirectory(run).build().run();
        assertEquals(List.of(true, true, false, true, true), finished);
        assertUnchanged(runFiles(fixture().resolve("study")), runFiles(run));
    }

    @Test
    void aUnitLostFromALegacyDriverRunIsRunAgainToTheBytesTheOldCodeWrote() throws IOException {
        Path run = copy("population");
        Files.delete(run.resolve("units/fake__majority__num_steps__hard-b0.jsonl"));
        List<Boolean> finished = new ArrayList<>();
        LegacyRuns.population(run).optRunListener(listener(finished)).build().run();
        assertEquals(List.of(true, true, true, false, true), finished);
        assertUnchanged(runFiles(fixture().resolve("population")), runFiles(run));
    }

    @Test
    void aLegacyStudyRunExportsTheSheetsTheOldCodeExported() throws IOException {
        assertExportsAsBefore("study");
    }

    @Test
    void aLegacyDriverRunExportsTheSheetsTheOldCodeExported() throws IOException {
        assertExportsAsBefore("population");
    }

    private void assertExportsAsBefore(String name) throws IOException {
        Path run = copy(name);
        ResultSheets sheets = LegacyRuns.sheets();
        sheets.writeSheet(ResultSheets.readRuns(run), root.resolve("sheet.csv"));
        sheets.writeAllBootstraps(ResultSheets.readRuns(run), root.resolve("all.csv"));
        sheets.writeItemLevel(ResultSheets.readRuns(run), root.resolve("items.csv"));
        assertEquals(Files.readString(fixture().resolve(name + "-sheet.csv")),
                Files.readString(root.resolve("sheet.csv")));
        assertEquals(Files.readString(fixture().resolve(name + "-all-bootstraps.csv")),
                Files.readString(root.resolve("all.csv")));
        assertEquals(Files.readString(fixture().resolve(name + "-item-level.csv")),
                Files.readString(root.resolve("items.csv")));
    }

    private static RunListener listener(List<Boolean> finished) {
        return (unit, index, total, done) -> finished.add(done);
    }

    /** The same method (name, settings) whose fit fails: a resumed run that fits anything fails the test. */
    private static MultipleChoiceMethod refusingToFit(MultipleChoiceMethod method) {
        return new MultipleChoiceMethod() {
            @Override
            public String name() {
                return method.name();
            }

            @Override
            public boolean supervised() {
                return method.supervised();
            }

            @Override
            public Map<String, String> settings() {
                return method.settings();
            }

            @Override
            public Fitted fit(List<Item> train, long seed, Progress progress) {
                throw new AssertionError("a finished unit was fitted again");
            }
        };
    }

    private static void assertUnchanged(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertEquals(before.keySet(), after.keySet());
        before.forEach((file, bytes) -> assertEquals(new String(bytes), new String(after.get(file)), file));
    }

    private static Map<String, byte[]> runFiles(Path run) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        // The legacy manifest stays as it was: its units carry the digest of its configuration as written.
        files.put("manifest.json", Files.readAllBytes(run.resolve("manifest.json")));
        files.put("units.json", Files.readAllBytes(run.resolve("units.json")));
        try (Stream<Path> units = Files.list(run.resolve("units"))) {
            for (Path unit : units.toList()) {
                files.put(unit.getFileName().toString(), Files.readAllBytes(unit));
            }
        }
        return files;
    }

    private static Path fixture() {
        try {
            return Path.of(LegacyRunsTest.class.getClassLoader().getResource(LegacyRuns.RESOURCE).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of a fixture run, so that resuming it cannot change the committed files. */
    private Path copy(String name) throws IOException {
        Path source = fixture().resolve(name);
        Path target = root.resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            files.forEach(file -> {
                try {
                    Files.copy(file, target.resolve(source.relativize(file).toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return target;
    }
}
