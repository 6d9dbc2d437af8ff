package org.easy2hard.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A deterministic {@link LanguageModel} for tests: log-probabilities and generations come from functions the test
 * gives, tokens are whitespace-separated words, and every request is recorded so tests can check what was asked.
 */
public final class ScriptedLanguageModel implements LanguageModel {

    private final String name;
    private final int contextLength;
    private final BiFunction<String, String, Double> logProbability;
    private final Function<String, String> generation;
    /** Every scoring request, in order. */
    public final List<LogLikelihoodRequest> scored = new ArrayList<>();
    /** Every generation request, in order. */
    public final List<GenerationRequest> generated = new ArrayList<>();
    /** How many texts were counted, in all. */
    public int counted;

    /**
     * @param name           the model's name (the trailing-space rule reads it)
     * @param contextLength  the context window in whitespace tokens
     * @param logProbability (context, continuation) → summed log-probability
     * @param generation     prompt → completion
     */
    public ScriptedLanguageModel(String name, int contextLength, BiFunction<String, String, Double> logProbability,
            Function<String, String> generation) {
        this.name = name;
        this.contextLength = contextLength;
        this.logProbability = logProbability;
        this.generation = generation;
    }

    /** Whitespace tokens of a text: what this model counts. */
    public static int words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }

    @Override
    public ModelIdentity identity() {
        return new ModelIdentity(name, "test", "0".repeat(64), Map.of("context", Integer.toString(contextLength)));
    }

    @Override
    public int contextLength() {
        return contextLength;
    }

    @Override
    public int[] tokenCounts(List<String> texts, Progress progress) {
        counted += texts.size();
        return texts.stream().mapToInt(ScriptedLanguageModel::words).toArray();
    }

    @Override
    public List<LogLikelihood> logLikelihoods(List<LogLikelihoodRequest> requests, Progress progress) {
        List<LogLikelihood> results = new ArrayList<>();
        for (LogLikelihoodRequest request : requests) {
            scored.add(request);
            results.add(new LogLikelihood(logProbability.apply(request.context(), request.continuation()),
                    new double[] {logProbability.apply(request.context(), request.continuation())}, false));
            progress.update("scoring", results.size(), requests.size());
        }
        return results;
    }

    @Override
    public List<Generation> generate(List<GenerationRequest> requests, Progress progress) {
        List<Generation> results = new ArrayList<>();
        for (GenerationRequest request : requests) {
            generated.add(request);
            String text = generation.apply(request.prompt());
            results.add(new Generation(text, words(text), Generation.STOP));
            progress.update("generating", results.size(), requests.size());
        }
        return results;
    }

    @Override
    public void close() {
    }
}
