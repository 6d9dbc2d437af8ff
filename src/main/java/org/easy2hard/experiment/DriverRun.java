package org.easy2hard.experiment;

import org.easy2hard.experiment.driver.CurvePoint;
import org.easy2hard.experiment.sheet.DriverSheets;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.Item;
import org.easy2hard.method.MultipleChoiceMethod;
import org.easy2hard.method.Prediction;
import org.easy2hard.model.Progress;
import org.easy2hard.hardness.Cutoffs;
import org.easy2hard.hardness.Level;
import org.easy2hard.hardness.Stratifier;
import org.easy2hard.stats.GridBootstrap;
import org.easy2hard.stats.ItemGrid;
import org.easy2hard.stats.ItemResult;

/**
 * Runs a driver's planned units in a {@link RunDirectory}, the way {@link ExperimentRunner} runs its units: the
 * manifest is written (or compared, on resume) first, each unit is saved as soon as it finishes, and a rerun reads
 * finished units back instead of fitting again. Every record carries its test item's values of the measures the
 * driver reads results by (and no others, which keeps large runs small).
 */
public final class DriverRun {

    private DriverRun() {
    }

    /**
     * Runs (or resumes) the units.
     *
     * @param driver    the driver's name, e.g. {@code learning_curves}
     * @param directory the run directory
     * @param settings  the driver's parameters, compared on resume
     * @param data      the datasets used and their files' SHA-256
     * @param models    the models and their methods
     * @param units     the planned units, in run order, with unique names
     * @param measures  the hardness values each record keeps
     * @param cutoffs   per data name (a record condition's dataset), the measures the driver stratifies by and their
     *                  resolved cutoffs: kept in the manifest's {@code sheet} block so that result sheets can give
     *                  each record its level without the data ({@link DriverSheets})
     */
    public static DriverResult execute(String driver, Path directory, Map<String, Object> settings, Map<Dataset,
            Map<String, String>> data, List<ModelArms> models, List<PlannedUnit> units, List<String> measures,
            Map<String, Map<String, Cutoffs>> cutoffs, Progress progress, RunListener listener) {
        Set<String> names = new HashSet<>();
        for (PlannedUnit unit : units) {
            if (!names.add(unit.name())) {
                throw new IllegalStateException("two planned units are named " + unit.name());
            }
        }
        RunDirectory run = RunDirectory.open(directory);
        try (RunLock lock = run.lock()) {
            return executeLocked(driver, run, settings, data, models, units, measures, cutoffs, progress, listener);
        }
    }

    private static DriverResult executeLocked(String driver, RunDirectory run, Map<String, Object> settings,
            Map<Dataset, Map<String, String>> data, List<ModelArms> models, List<PlannedUnit> units,
            List<String> measures, Map<String, Map<String, Cutoffs>> cutoffs, Progress progress,
            RunListener listener) {
        run.writeOrCheckManifest(manifest(driver, settings, data, models, cutoffs, units));
        List<UnitResult> results = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            PlannedUnit unit = units.get(i);
            Optional<UnitResult> finished = run.finishedUnit(unit.name());
            listener.unitStarted(unit.name(), i + 1, units.size(), finished.isPresent());
            UnitResult result = finished.orElseGet(() -> runUnit(unit, measures, progress));
            if (finished.isEmpty()) {
                run.saveUnit(result);
            }
            results.add(result);
        }
        return new DriverResult(driver, run.root(), results);
    }

    private static UnitResult runUnit(PlannedUnit unit, List<String> measures, Progress progress) {
        MultipleChoiceMethod method = unit.method();
        MultipleChoiceMethod.Fitted fitted = method.fit(unit.train(), unit.fitSeed(), progress);
        List<Prediction> predictions = fitted.predict(unit.test(), progress);
        if (predictions.size() != unit.test().size()) {
            throw new IllegalStateException(method.name() + " returned " + predictions.size() + " predictions for "
                    + unit.test().size() + " items");
        }
        List<ItemResult> records = new ArrayList<>(predictions.size());
        for (int i = 0; i < predictions.size(); i++) {
            Item item = unit.test().get(i);
            Prediction prediction = predictions.get(i);
            if (!prediction.itemId().equals(item.id())) {
                throw new IllegalStateException(method.name() + " answered item " + prediction.itemId() + " where "
                        + item.id() + " was asked");
            }
            Map<String, Double> hardness = new LinkedHashMap<>();
            measures.forEach(measure -> item.hardness(measure).ifPresent(value -> hardness.put(measure, value)));
            records.add(new ItemResult(item.id(), unit.condition(), unit.bootstrap(), prediction.isCorrect(item),
                    prediction.goldProbability(item), prediction.predicted(), hardness, prediction.outputs()));
        }
        Map<String, Double> diagnostics = new LinkedHashMap<>(fitted.diagnostics());
        diagnostics.putAll(unit.facts());
        return new UnitResult(unit.name(), unit.pool(), unit.bootstrap(), unit.trainIds(), diagnostics, records);
    }

    private static ObjectNode manifest(String driver, Map<String, Object> settings,
            Map<Dataset, Map<String, String>> data, List<ModelArms> models, Map<String, Map<String, Cutoffs>> cutoffs,
            List<PlannedUnit> units) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("format", 1);
        ObjectNode configuration = root.putObject("configuration");
        configuration.put("driver", driver);
        configuration.set("settings", mapper.valueToTree(new TreeMap<>(settings)));
        ObjectNode datasets = configuration.putObject("data");
        data.forEach((dataset, checksums) -> {
            ObjectNode node = datasets.putObject(dataset.name());
            node.put("dataset", dataset.id().shortName());
            node.put("items", dataset.size());
            node.set("sha256", mapper.valueToTree(new TreeMap<>(checksums)));
        });
        ArrayNode modelNodes = configuration.putArray("models");
        for (ModelArms arms : models) {
            ObjectNode node = modelNodes.addObject();
            node.put("model", arms.model());
            node.set("identity", mapper.valueToTree(new TreeMap<>(arms.identity())));
            arms.baseline().ifPresent(method -> methodNode(node.putObject("unsupervised"), method));
            ArrayNode supervised = node.putArray("supervised");
            arms.supervised().forEach(method -> methodNode(supervised.addObject(), method));
        }
        // Outside "configuration" (compared on resume): follows from the configuration and the data, so runs made
        // before the block existed still resume; their sheets cannot be exported (DriverSheets says so).
        ObjectNode sheet = root.putObject("sheet").putObject("cutoffs");
        new TreeMap<>(cutoffs).forEach((dataName, byMeasure) -> {
            ObjectNode node = sheet.putObject(dataName);
            new TreeMap<>(byMeasure).forEach((measure, c) -> node.putObject(measure).put("easy_max", c.easyMax())
                    .put("hard_min", c.hardMin()));
        });
        // Also outside "configuration": the planned units' names, so that an export can tell a finished run from an
        // interrupted one (RunIntegrity).
        ArrayNode plan = root.putArray("plan");
        units.forEach(unit -> plan.add(unit.name()));
        ObjectNode provenance = root.putObject("provenance");
        Provenance.fill(provenance);
        return root;
    }

    private static void methodNode(ObjectNode node, MultipleChoiceMethod method) {
        ExperimentRunner.methodNode(node, method);
    }

    /**
     * The unsupervised baseline's records of a model on hard test items of a stratifier, as a single curve point at
     * x = 0 (empty when the model has no baseline).
     */
    public static List<CurvePoint> baselinePoint(DriverResult run, String model, Stratifier stratifier,
            GridBootstrap bootstrap) {
        List<ItemResult> records = run.records(r -> r.condition().model().equals(model)
                && r.condition().trainPool().equals(TrainPool.NONE.label()) && isHard(r, stratifier));
        return records.isEmpty() ? List.of()
                : List.of(new CurvePoint(0, 0, bootstrap.accuracy(ItemGrid.fromRecords(records))));
    }

    /** Whether a record's test item is hard under a stratifier. */
    public static boolean isHard(ItemResult record, Stratifier stratifier) {
        return stratifier.cutoffs().levelOf(record.hardness(stratifier.measure().name()))
                .filter(Level.HARD::equals).isPresent();
    }
}
