package org.easy2hard.experiment.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.easy2hard.data.DataFormatException;
import org.easy2hard.data.Dataset;
import org.easy2hard.hardness.HardnessMeasure;
import org.easy2hard.io.AtomicFiles;

/**
 * One model's memorisation scores of a probing set ({@link Memorisation}): per item, Min-K% Prob of the question and
 * the gold answer's log-likelihood after the truncated question (natural log, higher = more familiar).
 *
 * <p>As hardness measures they are negated, "surprise" (&ge; 0): an item the model finds familiar is easy, one it
 * finds surprising is hard, as for the other model-based measures. Their names contain "model", so they are binned at
 * the 30th / 70th percentiles of the probing set like the paper's MDL columns; {@link #apply} attaches them, after
 * which any study stratifies by them: {@code Population.builder(scores.apply(data)).optMeasures(scores.measures())}.
 *
 * @param model   the model's name
 * @param options k and the truncation the scores were computed with
 * @param minK    item id → Min-K% Prob of its question
 * @param answer  item id → log p(gold answer | truncated question)
 */
public record MemorisationScores(String model, Memorisation.Options options, Map<String, Double> minK,
        Map<String, Double> answer) {

    /** The Min-K% measure's name: −Min-K% Prob of the question. */
    public static final String MIN_K_MEASURE = "model_min_k_surprise";
    /** The answer measure's name: −log p(gold answer | truncated question). */
    public static final String ANSWER_MEASURE = "model_answer_surprise";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the maps and checks they score the same items. */
    public MemorisationScores {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        minK = Collections.unmodifiableMap(new LinkedHashMap<>(minK));
        answer = Collections.unmodifiableMap(new LinkedHashMap<>(answer));
        if (!minK.keySet().equals(answer.keySet())) {
            throw new IllegalArgumentException("the Min-K% and answer scores cover different items");
        }
    }

    /** The Min-K% surprise measure (quantile bins: easy = the most familiar 30%). */
    public HardnessMeasure minKMeasure() {
        return HardnessMeasure.of(MIN_K_MEASURE, "Min-" + format(options.kPercent()) + "% surprise (" + model + ")",
                null);
    }

    /** The answer surprise measure (quantile bins). */
    public HardnessMeasure answerMeasure() {
        return HardnessMeasure.of(ANSWER_MEASURE, "answer surprise after " + format(100 * options.keep())
                + "% of the question (" + model + ")", null);
    }

    /** Both measures, Min-K% first. */
    public List<HardnessMeasure> measures() {
        return List.of(minKMeasure(), answerMeasure());
    }

    /** The dataset with both surprise values as hardness values (items without a score keep none). */
    public Dataset apply(Dataset data) {
        return data.withHardness(MIN_K_MEASURE, item -> -minK.getOrDefault(item.id(), Double.NaN))
                .withHardness(ANSWER_MEASURE, item -> -answer.getOrDefault(item.id(), Double.NaN));
    }

    /** Writes the scores as JSON (atomically), with the settings and the model's identity they belong to. */
    public void write(Path file, String modelIdentity) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model);
        root.put("model_identity", modelIdentity);
        root.put("k_percent", options.kPercent());
        root.put("keep", options.keep());
        ObjectNode items = root.putObject("items");
        minK.forEach((id, value) -> items.putObject(id).put("min_k_prob", value).put("answer_log_likelihood",
                answer.get(id)));
        try {
            AtomicFiles.write(file, path -> JSON.writerWithDefaultPrettyPrinter().writeValue(path.toFile(), root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the memorisation scores " + file, e);
        }
    }

    /**
     * Reads scores {@link #write} wrote, when they were computed with the same model identity and options.
     *
     * @return the scores, or null when the file does not exist
     * @throws DataFormatException when the file is unreadable or holds scores of another model or other options
     */
    public static MemorisationScores read(Path file, String modelIdentity, Memorisation.Options options) {
        if (!Files.exists(file)) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new DataFormatException(file, 0, "unreadable memorisation scores: " + e.getMessage());
        }
        String identity = root.path("model_identity").asText();
        Memorisation.Options stored = new Memorisation.Options(root.path("k_percent").asDouble(),
                root.path("keep").asDouble());
        if (!identity.equals(modelIdentity) || !stored.equals(options)) {
            throw new DataFormatException(file, 0, "these memorisation scores were computed with model " + identity
                    + ", k " + stored.kPercent() + ", keep " + stored.keep() + "; this run asks for " + modelIdentity
                    + ", k " + options.kPercent() + ", keep " + options.keep() + ": use another run directory");
        }
        Map<String, Double> minK = new LinkedHashMap<>();
        Map<String, Double> answer = new LinkedHashMap<>();
        root.path("items").fields().forEachRemaining(e -> {
            minK.put(e.getKey(), e.getValue().path("min_k_prob").asDouble(Double.NaN));
            answer.put(e.getKey(), e.getValue().path("answer_log_likelihood").asDouble(Double.NaN));
        });
        return new MemorisationScores(root.path("model").asText(), options, minK, answer);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
