package org.easy2hard.experiment.sheet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.easy2hard.data.DatasetId;
import org.easy2hard.experiment.RunDirectory;
import org.easy2hard.experiment.RunManifest;
import org.easy2hard.experiment.RunResult;
import org.easy2hard.experiment.UnitResult;
import org.easy2hard.stats.Condition;

/**
 * What a result-sheet row says about its condition beyond the records: whether the method reasoned first
 * ({@code use_cot}), its prompt ({@code prompt_id}), the label noise it was trained with ({@code noise_labels_p}), read
 * from the run's manifest (the one schema, {@link RunManifest}: the settings of the condition's model's methods) and
 * the unit's diagnostics.
 */
final class SheetFacts {

    /** The suffix the noisy-labels driver gives method names, e.g. {@code learned@noise=0.2}. */
    static final String NOISE_SUFFIX = "@noise=";

    private final DatasetId dataset;
    private final List<RunManifest.ModelEntry> models;

    private SheetFacts(DatasetId dataset, List<RunManifest.ModelEntry> models) {
        this.dataset = dataset;
        this.models = models;
    }

    /**
     * The facts of a run, from its manifest (read from its directory for a result assembled in memory; none known
     * when there is none).
     */
    static SheetFacts of(RunResult run) {
        RunManifest manifest = run.manifest();
        if (manifest == null && Files.isRegularFile(run.directory().resolve(RunDirectory.MANIFEST))) {
            manifest = RunDirectory.openExisting(run.directory()).manifest().orElse(null);
        }
        return new SheetFacts(run.spec().dataset(), manifest == null ? List.of() : manifest.configuration().models());
    }

    /** A method name without the noisy-labels suffix. */
    static String baseMethod(String method) {
        int at = method.indexOf(NOISE_SUFFIX);
        return at < 0 ? method : method.substring(0, at);
    }

    /** The settings of the method a condition ran (empty when the manifest does not name it). */
    Map<String, String> settings(Condition condition, boolean unsupervised) {
        String method = baseMethod(condition.method());
        Optional<RunManifest.MethodEntry> entry = Optional.empty();
        for (RunManifest.ModelEntry model : models) {
            if (model.model().equals(condition.model())) {
                entry = unsupervised ? model.unsupervised() : model.supervised(method);
            }
        }
        return entry.map(RunManifest.MethodEntry::settings).orElse(Map.of());
    }

    /**
     * {@code use_cot} as pandas writes the authors' booleans: {@code True} when the method generated a chain of
     * thought (prompting with a CoT format, fine-tuning with the chain-of-thought objective) and for every GSM8k
     * condition (the authors run GSM8k only with CoT; its zero-shot prompt 5305 reasons too).
     */
    String useCot(Condition condition, boolean unsupervised) {
        if (dataset == DatasetId.GSM8K) {
            return "True";
        }
        Map<String, String> settings = settings(condition, unsupervised);
        boolean cot = "true".equals(settings.get("use_cot"))
                || "chain_of_thought".equals(settings.get("objective"));
        return cot ? "True" : "False";
    }

    /**
     * {@code prompt_id}: the prompt format of prompting and fine-tuning (e.g. {@code 0305}); for a probe on the
     * zero-shot prompt's hidden states the paper's zero-shot prompt of the dataset; another probe's feature
     * template; {@code NA} when nothing is known.
     */
    String promptId(Condition condition, boolean unsupervised) {
        Map<String, String> settings = settings(condition, unsupervised);
        for (String key : List.of("prompt_format", "prompt")) {
            String value = settings.get(key);
            if (value != null && value.matches("\\d{4}")) {
                return value;
            }
        }
        if (settings.containsKey("prompt_format")) {
            return paperZeroShotPrompt();
        }
        String template = settings.getOrDefault("feature_template", "NA");
        return template.equals("zero-shot-prompt") ? paperZeroShotPrompt() : template;
    }

    private String paperZeroShotPrompt() {
        return switch (dataset) {
            case STRATEGYQA -> "0306";
            case GSM8K -> "5305";
            default -> "0040";
        };
    }

    /** {@code noise_labels_p}: the noise rate the unit's training labels got (0.0 when not noised). */
    static double noise(Condition condition, Optional<UnitResult> unit) {
        Double rate = unit.map(u -> u.diagnostics().get("noise_rate")).orElse(null);
        if (rate != null) {
            return rate;
        }
        int at = condition.method().indexOf(NOISE_SUFFIX);
        return at < 0 ? 0.0 : Double.parseDouble(condition.method().substring(at + NOISE_SUFFIX.length()));
    }
}
