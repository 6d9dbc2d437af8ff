package org.easy2hard.experiment;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.easy2hard.data.DataFormatException;
import org.easy2hard.data.DatasetId;
import org.easy2hard.hardness.Cutoffs;
import org.easy2hard.method.MultipleChoiceMethod;

/**
 * A run's {@code manifest.json} as a value (Tribuo-style: a configuration, compared on resume, and a provenance,
 * informative), for every kind of run: a study ({@link ExperimentRunner}, driver name {@link #STUDY}) and each
 * driver. Written as JSON with Jackson by {@link #toJson()}, read by {@link #fromJson}.
 *
 * <p>{@link #fromJson} reads both layouts ever written: this one (every driver run has always used it) and the flat
 * one study runs used before the one engine ({@code dataset}, {@code hardness_measure}, {@code supervised_method}
 * ... directly under {@code configuration}), which it migrates. A legacy run is not rewritten: its units carry the
 * digest of the configuration as it is on disk ({@link RunDirectory}), so the file stays as it was.
 *
 * @param configuration what was run (compared on resume)
 * @param cutoffs       per data name, the measures the run stratifies by and their resolved cutoffs (so that result
 *                      sheets can give each record its level without the data); null when the run predates them
 * @param plan          the planned units' names, in run order (so that an export can tell a finished run from an
 *                      interrupted one); empty when the run predates it
 * @param provenance    where the result came from ({@link Provenance}); not compared
 */
public record RunManifest(Configuration configuration, Map<String, Map<String, Cutoffs>> cutoffs, List<String> plan,
        Map<String, Object> provenance) {

    /** The manifest layout's version. */
    public static final int FORMAT = 1;

    /** The driver name of a single easy-to-hard study (one dataset, one measure, one model). */
    public static final String STUDY = "easy_to_hard";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks the configuration and copies the collections (keeping their order). */
    public RunManifest {
        Objects.requireNonNull(configuration, "configuration");
        cutoffs = cutoffs == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cutoffs));
        plan = List.copyOf(plan);
        provenance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    /**
     * What a run was made with: the driver and its settings, the data it read, the models with their methods.
     *
     * @param driver   the driver's name, e.g. {@code population}, or {@link #STUDY}
     * @param settings the driver's parameters (numbers, strings, lists of them)
     * @param data     per data name (the records' dataset), where it came from
     * @param models   the models and their methods, in order
     */
    public record Configuration(String driver, Map<String, Object> settings, Map<String, DataSource> data,
            List<ModelEntry> models) {

        /** Copies the collections, keeping their order. */
        public Configuration {
            Objects.requireNonNull(driver, "driver");
            settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
            data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
            models = List.copyOf(models);
        }

        /** The configuration as written: what resuming compares, with JSON's number types on both sides. */
        JsonNode toJson() {
            ObjectNode node = JSON.createObjectNode();
            node.put("driver", driver);
            node.set("settings", JSON.valueToTree(new TreeMap<>(settings)));
            ObjectNode datasets = node.putObject("data");
            data.forEach((name, source) -> {
                ObjectNode entry = datasets.putObject(name);
                entry.put("dataset", source.dataset().shortName());
                entry.put("items", source.items());
                entry.set("sha256", JSON.valueToTree(new TreeMap<>(source.sha256())));
            });
            ArrayNode modelNodes = node.putArray("models");
            for (ModelEntry model : models) {
                ObjectNode entry = modelNodes.addObject();
                entry.put("model", model.model());
                entry.set("identity", JSON.valueToTree(new TreeMap<>(model.identity())));
                model.unsupervised().ifPresent(method -> method.write(entry.putObject("unsupervised")));
                ArrayNode supervised = entry.putArray("supervised");
                model.supervised().forEach(method -> method.write(supervised.addObject()));
            }
            return node;
        }

        /** The settings as a JSON object (numbers as JSON reads them). */
        public JsonNode settingsNode() {
            return JSON.valueToTree(settings);
        }
    }

    /**
     * Where a run's data came from.
     *
     * @param dataset which dataset
     * @param items   how many items (after subsampling)
     * @param sha256  file → SHA-256 of the files it was read from
     */
    public record DataSource(DatasetId dataset, int items, Map<String, String> sha256) {

        /** Copies the checksums. */
        public DataSource {
            Objects.requireNonNull(dataset, "dataset");
            sha256 = Map.copyOf(sha256);
        }
    }

    /**
     * One model of a run and its methods.
     *
     * @param model        the model's name as records show it
     * @param identity     weights hash and settings
     * @param baseline     the unsupervised method, or null for none
     * @param supervised   the supervised methods, in order
     */
    public record ModelEntry(String model, Map<String, String> identity, MethodEntry baseline,
            List<MethodEntry> supervised) {

        /** Copies the collections. */
        public ModelEntry {
            Objects.requireNonNull(model, "model");
            identity = Map.copyOf(identity);
            supervised = List.copyOf(supervised);
        }

        /** The entry of a model's arms. */
        public static ModelEntry of(ModelArms arms) {
            return new ModelEntry(arms.model(), arms.identity(), arms.baseline().map(MethodEntry::of).orElse(null),
                    arms.supervised().stream().map(MethodEntry::of).toList());
        }

        /** The unsupervised method, when there is one. */
        public Optional<MethodEntry> unsupervised() {
            return Optional.ofNullable(baseline);
        }

        /** The supervised method of a name, when there is one. */
        public Optional<MethodEntry> supervised(String name) {
            return supervised.stream().filter(method -> method.name().equals(name)).findFirst();
        }
    }

    /**
     * One method as the manifest records it.
     *
     * @param name       the method's name
     * @param supervised whether it is fitted on training items
     * @param settings   its settings
     */
    public record MethodEntry(String name, boolean supervised, Map<String, String> settings) {

        /** Copies the settings. */
        public MethodEntry {
            Objects.requireNonNull(name, "name");
            settings = Map.copyOf(settings);
        }

        /** The entry of a method. */
        public static MethodEntry of(MultipleChoiceMethod method) {
            return new MethodEntry(method.name(), method.supervised(), method.settings());
        }

        private void write(ObjectNode node) {
            node.put("name", name);
            node.put("supervised", supervised);
            node.set("settings", JSON.valueToTree(new TreeMap<>(settings)));
        }

        private static MethodEntry read(JsonNode node) {
            Map<String, String> settings = new LinkedHashMap<>();
            node.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
            return new MethodEntry(node.path("name").asText(), node.path("supervised").asBoolean(), settings);
        }
    }

    /** Whether this is a single study ({@link ExperimentRunner}) rather than a driver's run of several. */
    public boolean isStudy() {
        return configuration.driver().equals(STUDY);
    }

    /** The driver's name ({@link #STUDY} for a study). */
    public String driver() {
        return configuration.driver();
    }

    /** The recorded cutoffs, when the run recorded them. */
    public Optional<Map<String, Map<String, Cutoffs>>> sheetCutoffs() {
        return Optional.ofNullable(cutoffs);
    }

    /**
     * A study's spec, from its settings.
     *
     * @throws IllegalStateException when this is a driver run (it holds several experiments)
     */
    public ExperimentSpec spec() {
        if (!isStudy()) {
            throw new IllegalStateException("a " + driver() + " run holds several experiments, not one spec");
        }
        JsonNode settings = configuration.settingsNode();
        List<TrainPool> pools = new ArrayList<>();
        settings.path("train_pools").forEach(pool -> pools.add(TrainPool.parse(pool.asText())));
        return new ExperimentSpec(configuration.data().values().iterator().next().dataset(),
                settings.path("hardness_measure").asText(), pools, settings.path("train_size").asInt(),
                settings.path("bootstraps").asInt(), settings.path("seed").asLong(),
                settings.path("test_size").asInt(ExperimentSpec.ALL_TEST_ITEMS));
    }

    /** A study's cutoffs (of its one data name and measure). */
    public Cutoffs studyCutoffs() {
        spec(); // refuses a driver run
        JsonNode settings = configuration.settingsNode();
        return new Cutoffs(settings.path("easy_max").asDouble(), settings.path("hard_min").asDouble());
    }

    // ------------------------------------------------------------------------------------------------ JSON

    /** The manifest as written to {@code manifest.json}. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.set("configuration", configuration.toJson());
        if (cutoffs != null) {
            ObjectNode sheet = root.putObject("sheet").putObject("cutoffs");
            new TreeMap<>(cutoffs).forEach((dataName, byMeasure) -> {
                ObjectNode node = sheet.putObject(dataName);
                new TreeMap<>(byMeasure).forEach((measure, c) -> node.putObject(measure)
                        .put("easy_max", c.easyMax()).put("hard_min", c.hardMin()));
            });
        }
        ArrayNode planNode = root.putArray("plan");
        plan.forEach(planNode::add);
        root.set("provenance", JSON.valueToTree(provenance));
        return root;
    }

    /**
     * Reads a manifest of either layout (see the class comment).
     *
     * @param file where it was read from, for messages
     * @throws DataFormatException naming the field when a setting a run needs is missing
     */
    public static RunManifest fromJson(Path file, JsonNode root) {
        JsonNode configuration = root.path("configuration");
        if (!configuration.isObject()) {
            throw new DataFormatException(file, 0, "configuration is missing");
        }
        return configuration.has("driver") ? readDriverLayout(file, root) : StudyManifest.migrate(file, root);
    }

    private static RunManifest readDriverLayout(Path file, JsonNode root) {
        JsonNode configuration = root.path("configuration");
        Map<String, Object> settings = objects(configuration.path("settings"));
        Map<String, DataSource> data = new LinkedHashMap<>();
        configuration.path("data").fields().forEachRemaining(e -> data.put(e.getKey(), new DataSource(
                DatasetId.parse(e.getValue().path("dataset").asText()), e.getValue().path("items").asInt(),
                strings(e.getValue().path("sha256")))));
        List<ModelEntry> models = new ArrayList<>();
        for (JsonNode model : configuration.path("models")) {
            List<MethodEntry> supervised = new ArrayList<>();
            model.path("supervised").forEach(method -> supervised.add(MethodEntry.read(method)));
            models.add(new ModelEntry(model.path("model").asText(), strings(model.path("identity")),
                    model.has("unsupervised") ? MethodEntry.read(model.path("unsupervised")) : null, supervised));
        }
        Map<String, Map<String, Cutoffs>> cutoffs = null;
        JsonNode sheet = root.path("sheet").path("cutoffs");
        if (!sheet.isMissingNode()) {
            cutoffs = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> dataName : iterable(sheet)) {
                Map<String, Cutoffs> byMeasure = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> measure : iterable(dataName.getValue())) {
                    byMeasure.put(measure.getKey(), new Cutoffs(measure.getValue().path("easy_max").asDouble(),
                            measure.getValue().path("hard_min").asDouble()));
                }
                cutoffs.put(dataName.getKey(), byMeasure);
            }
        }
        List<String> plan = new ArrayList<>();
        root.path("plan").forEach(unit -> plan.add(unit.asText()));
        return new RunManifest(new Configuration(configuration.path("driver").asText(), settings, data, models),
                cutoffs, plan, provenance(root));
    }

    static Map<String, Object> provenance(JsonNode root) {
        return objects(root.path("provenance"));
    }

    /** A JSON object's fields as Java values (an empty map for anything but an object). */
    static Map<String, Object> objects(JsonNode node) {
        return JSON.convertValue(node.isObject() ? node : JSON.createObjectNode(),
                new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
