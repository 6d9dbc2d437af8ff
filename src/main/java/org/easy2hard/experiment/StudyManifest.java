package org.easy2hard.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.easy2hard.data.DataFormatException;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.hardness.Cutoffs;
import org.easy2hard.hardness.Stratifier;

/**
 * The manifest of a single study in the one layout ({@link RunManifest}, driver {@link RunManifest#STUDY}), and the
 * migration of the flat layout study runs were written in before: both in one place, so that a legacy run's
 * migrated configuration equals what the same study writes today, and resuming it reuses its units.
 */
final class StudyManifest {

    /** The settings a study records, in the order the legacy layout wrote them. */
    private static final List<String> SETTINGS = List.of("hardness_measure", "binning_rule", "easy_max", "hard_min",
            "train_pools", "train_size", "bootstraps", "seed", "test_size");

    private StudyManifest() {
    }

    /** The manifest of a study about to run. */
    static RunManifest of(ExperimentSpec spec, Dataset probing, Map<String, String> checksums, Stratifier stratifier,
            RunManifest.ModelEntry model, List<String> plan, Map<String, Object> provenance) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("hardness_measure", spec.measure());
        settings.put("binning_rule", stratifier.measure().rule().toString());
        settings.put("easy_max", stratifier.cutoffs().easyMax());
        settings.put("hard_min", stratifier.cutoffs().hardMin());
        settings.put("train_pools", spec.pools().stream().map(TrainPool::label).toList());
        settings.put("train_size", spec.trainSize());
        settings.put("bootstraps", spec.bootstraps());
        settings.put("seed", spec.seed());
        if (spec.samplesTestItems()) {
            // Recorded only when set, as the legacy layout did, so that runs made before the setting still resume.
            settings.put("test_size", spec.testSize());
        }
        Map<String, RunManifest.DataSource> data = Map.of(probing.name(),
                new RunManifest.DataSource(spec.dataset(), probing.size(), checksums));
        return new RunManifest(new RunManifest.Configuration(RunManifest.STUDY, settings, data, List.of(model)),
                Map.of(probing.name(), Map.of(spec.measure(), stratifier.cutoffs())), plan, provenance);
    }

    /** The unit names of a study, in run order. */
    static List<String> plan(ExperimentSpec spec) {
        List<String> names = new ArrayList<>();
        for (TrainPool pool : spec.pools()) {
            for (int b = 0; b < spec.draws(pool); b++) {
                names.add(UnitResult.name(pool, b));
            }
        }
        return names;
    }

    /**
     * Reads a study manifest of the flat legacy layout into the one layout.
     *
     * @throws DataFormatException naming the first setting the manifest lacks
     */
    static RunManifest migrate(Path file, JsonNode root) {
        JsonNode configuration = root.path("configuration");
        for (String setting : List.of("dataset", "hardness_measure", "train_pools", "train_size", "bootstraps",
                "seed", "easy_max", "hard_min")) {
            if (configuration.path(setting).isMissingNode()) {
                throw new DataFormatException(file, 0, "configuration." + setting + " is missing");
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        Map<String, Object> flat = RunManifest.objects(configuration);
        for (String setting : SETTINGS) {
            if (flat.containsKey(setting)) {
                settings.put(setting, flat.get(setting));
            }
        }
        DatasetId dataset = DatasetId.parse(configuration.path("dataset").asText());
        String dataName = configuration.path("data_subset").asText(dataset.shortName());
        Map<String, RunManifest.DataSource> data = Map.of(dataName, new RunManifest.DataSource(dataset,
                configuration.path("data_items").asInt(), RunManifest.strings(configuration.path("data_sha256"))));
        RunManifest.MethodEntry baseline = configuration.has("unsupervised_method")
                ? method(configuration.path("unsupervised_method")) : null;
        List<RunManifest.MethodEntry> supervised = configuration.has("supervised_method")
                ? List.of(method(configuration.path("supervised_method"))) : List.of();
        RunManifest.ModelEntry model = new RunManifest.ModelEntry(configuration.path("model").asText(),
                RunManifest.strings(configuration.path("model_identity")), baseline, supervised);
        String measure = configuration.path("hardness_measure").asText();
        Cutoffs cutoffs = new Cutoffs(configuration.path("easy_max").asDouble(),
                configuration.path("hard_min").asDouble());
        RunManifest.Configuration migrated = new RunManifest.Configuration(RunManifest.STUDY, settings, data,
                List.of(model));
        RunManifest partial = new RunManifest(migrated, Map.of(dataName, Map.of(measure, cutoffs)), List.of(),
                RunManifest.provenance(root));
        return new RunManifest(migrated, partial.cutoffs(), plan(partial.spec()), partial.provenance());
    }

    private static RunManifest.MethodEntry method(JsonNode node) {
        return new RunManifest.MethodEntry(node.path("name").asText(), node.path("supervised").asBoolean(),
                RunManifest.strings(node.path("settings")));
    }
}
