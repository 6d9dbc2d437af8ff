package org.easy2hard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.easy2hard.data.DataChecksums;
import org.easy2hard.data.DataStore;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Datasets;
import org.easy2hard.experiment.DriverResult;
import org.easy2hard.experiment.EncoderMethods;
import org.easy2hard.experiment.EncoderStudy;
import org.easy2hard.experiment.ModelArms;
import org.easy2hard.experiment.StratifiedSampler;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.experiment.driver.Contamination;
import org.easy2hard.experiment.driver.Memorisation;
import org.easy2hard.experiment.driver.MemorisationScores;
import org.easy2hard.hardness.HardnessCatalog;
import org.easy2hard.hardness.HardnessMeasure;
import org.easy2hard.hardness.HardnessTables;
import org.easy2hard.hardness.Stratifier;
import org.easy2hard.method.FeatureTemplate;
import org.easy2hard.method.LinearProbe;
import org.easy2hard.model.FeatureCache;
import org.easy2hard.model.LanguageModel;
import org.easy2hard.model.ModelReference;
import org.easy2hard.model.open.ModelOpener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tech.tablesaw.api.Table;

/**
 * {@code easy2hard contamination}: memorisation scores of a dataset's items by a causal LM ({@link Memorisation}),
 * then the easy-to-hard comparison of the encoders' probes read on familiar vs surprising hard items
 * ({@link Contamination}). The scores are kept in the run directory ({@value #SCORES}) and read back on a rerun
 * with the same model and settings; the units resume like every driver's; {@code easy2hard sheet export RUN_DIR}
 * writes the result sheet.
 */
@Command(name = "contamination", mixinStandardHelpOptions = true,
        description = "Contamination as a hardness measure: Min-K%% Prob and the answer's log-likelihood after a "
                + "truncated question from a causal LM (--lm), and the SGR of the encoders' probes (--models) on hard "
                + "items the LM finds familiar vs surprising.")
final class ContaminationCommand implements Callable<Integer> {

    /** The scores' file in the run directory. */
    static final String SCORES = "memorisation-scores.json";

    @ParentCommand
    Main main;
    @Mixin
    DriverCommands.Common common;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", defaultValue = "arc", description = "arc, mmlu or strategyqa (default: ${DEFAULT-VALUE}).")
    String dataset;
    @Option(names = "--measure", description = "The measure trained easy / hard by (default: the dataset's main one).")
    String measure;
    @Option(names = "--lm", paramLabel = "MODEL", defaultValue = "${env:EASY2HARD_CAUSAL_MODEL}",
            description = "The causal LM that scores memorisation: a model directory, hf:owner/name[@revision], or "
                    + "an OpenAI-compatible server URL[,URL...]#NAME (or URL with --lm-model) "
                    + "(default: $EASY2HARD_CAUSAL_MODEL).")
    String lm;
    @Option(names = "--lm-model", paramLabel = "NAME", description = "The served model name, when --lm is a URL "
            + "without #NAME.")
    String lmModel;
    @Option(names = "--lm-api-key-env", paramLabel = "VARIABLE", defaultValue = "OPENAI_API_KEY",
            description = "The environment variable holding the server's API key (default: ${DEFAULT-VALUE}).")
    String lmApiKeyVariable;
    @Option(names = "--k", defaultValue = "20", description = "k of Min-K%% Prob, in (0, 100] (default: ${DEFAULT-VALUE}).")
    double k;
    @Option(names = "--keep", defaultValue = "0.5",
            description = "Share of the question's words before the answer, in (0, 1] (default: ${DEFAULT-VALUE}).")
    double keep;
    @Option(names = "--split-by", defaultValue = "min-k",
            description = "The memorisation measure the hard items are split by: min-k or answer (default: ${DEFAULT-VALUE}).")
    String splitBy;

    @Override
    public Integer call() throws IOException {
        // Everything the user typed is checked before a model is opened.
        Memorisation.Options options = new Memorisation.Options(k, keep);
        if (!splitBy.equals("min-k") && !splitBy.equals("answer")) {
            throw new IllegalArgumentException("--split-by is min-k or answer, not '" + splitBy + "'");
        }
        if (lm == null || lm.isBlank()) {
            throw new IllegalArgumentException("contamination needs a causal language model: --lm DIR, --lm "
                    + "hf:owner/name or --lm URL --lm-model NAME (or EASY2HARD_CAUSAL_MODEL); the bundled encoders "
                    + "give no token log-probabilities");
        }
        ModelReference reference = ModelReference.namesServer(lm) && lmModel != null && !lm.contains("#")
                ? ModelReference.Server.of(lm, lmModel) : ModelReference.parse(lm);
        if (!reference.isCausal()) {
            throw new IllegalArgumentException("--lm " + lm + " is neither a server URL#NAME, an hf: reference nor a "
                    + "directory with config.json");
        }
        DatasetId id = DatasetId.parse(dataset);
        HardnessMeasure trainMeasure = HardnessCatalog.find(id, measure != null ? measure
                : EncoderStudy.defaultMeasure(id));
        DataStore store = main.store();
        Dataset probing = common.subsample(Datasets.load(id, store));
        // The training pools must hold the draws (n_train + 50 items): checked before the model scores anything.
        StratifiedSampler sampler = new StratifiedSampler(probing, Stratifier.fit(trainMeasure, probing), common.seed);
        for (TrainPool pool : List.of(TrainPool.EASY, TrainPool.HARD)) {
            sampler.draw(pool, common.trainSize, 0);
        }
        Path directory = common.directory("contamination", id.shortName());
        PrintWriter out = spec.commandLine().getOut();
        MemorisationScores scores;
        try (ConsoleProgress progress = new ConsoleProgress(System.err)) {
            scores = scores(probing, options, reference, directory, progress, spec.commandLine().getErr());
        }
        List<EncoderMethods> opened = new ArrayList<>();
        try (ConsoleProgress progress = new ConsoleProgress(System.err)) {
            FeatureCache cache = FeatureCache.fromSettings();
            Contamination.Builder builder = Contamination.builder(probing, trainMeasure, scores)
                    .optSplitByAnswer(splitBy.equals("answer"));
            for (String name : common.models) {
                EncoderMethods methods = EncoderMethods.open(name, FeatureTemplate.ZERO_SHOT_PROMPT,
                        LinearProbe.builder().build(), cache);
                opened.add(methods);
                builder.addModel(ModelArms.of(methods));
            }
            Contamination driver = builder.optTraining(common.trainSize, common.bootstraps).optSeed(common.seed)
                    .setRunDirectory(directory).optDataChecksums(DataChecksums.of(store, id)).optProgress(progress)
                    .optRunListener((unit, index, total, finished) -> System.err.printf("[%d/%d] %s%s%n", index,
                            total, unit, finished ? " (finished earlier)" : ""))
                    .build();
            DriverResult run = driver.run();
            List<HardnessMeasure> measures = new ArrayList<>(scores.measures());
            measures.addAll(HardnessCatalog.measures(id));
            DriverCommands.print(out, run, driver.table(run, common.bootstrap()),
                    HardnessTables.bins(driver.probing(), scores.measures()),
                    HardnessTables.correlations(driver.probing(), measures));
        } finally {
            opened.forEach(EncoderMethods::close);
        }
        return 0;
    }

    /** The scores in the run directory when they are there (same model and options), else computed and kept. */
    private MemorisationScores scores(Dataset probing, Memorisation.Options options, ModelReference reference,
            Path directory, ConsoleProgress progress, PrintWriter err) {
        if (reference instanceof ModelReference.Server server) {
            ModelOpener.checkServer(server, lmApiKeyVariable);
        }
        try (LanguageModel model = ModelOpener.openLanguageModel(reference, lmApiKeyVariable)) {
            String identity = model.identity().cacheKey();
            Path file = directory.resolve(SCORES);
            MemorisationScores kept = MemorisationScores.read(file, identity, options);
            if (kept != null && kept.minK().keySet().containsAll(probing.items().stream().map(i -> i.id()).toList())) {
                err.println("easy2hard: memorisation scores read back from " + file);
                err.flush();
                return kept;
            }
            String name = reference.name();
            MemorisationScores scores = Memorisation.score(probing, model, name, options, progress);
            scores.write(file, identity);
            return scores;
        }
    }
}
