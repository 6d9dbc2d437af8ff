package org.easy2hard.method.prompt;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
import org.easy2hard.method.MultipleChoiceMethod;
import org.easy2hard.method.Prediction;
import org.easy2hard.model.LanguageModel;
import org.easy2hard.model.Progress;

/**
 * The paper's Unsupervised arm for any dataset: zero-shot prompting with each item's own dataset format (0040 for
 * ARC, MMLU and user datasets, 0306 for StrategyQA, 5305 for GSM8k), for callers that open a causal LM before they
 * know the dataset (the probe studies, whose unsupervised baseline must be zero-shot prompting of the same model,
 * paper-spec §6). It delegates to {@link PromptingMethod#zeroShot}, one per dataset met, in the items' order.
 */
public final class ZeroShotPrompting implements MultipleChoiceMethod {

    private final LanguageModel model;

    /** Zero-shot prompting of {@code model} (not closed by this method). */
    public ZeroShotPrompting(LanguageModel model) {
        this.model = model;
    }

    @Override
    public String name() {
        return PromptingMethod.NAME;
    }

    @Override
    public boolean supervised() {
        return false;
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>(PromptingMethod.zeroShot(model, DatasetId.ARC).settings());
        settings.put("prompt_format", "by dataset: 0040 ARC/MMLU/user, 0306 StrategyQA, 5305 GSM8k");
        return settings;
    }

    @Override
    public Fitted fit(List<Item> train, long seed, Progress progress) {
        Map<DatasetId, Fitted> byDataset = new EnumMap<>(DatasetId.class);
        return (items, itemProgress) -> {
            Map<DatasetId, List<Integer>> positions = new EnumMap<>(DatasetId.class);
            for (int i = 0; i < items.size(); i++) {
                positions.computeIfAbsent(items.get(i).dataset(), d -> new ArrayList<>()).add(i);
            }
            Prediction[] predictions = new Prediction[items.size()];
            positions.forEach((dataset, indices) -> {
                Fitted fitted = byDataset.computeIfAbsent(dataset,
                        d -> PromptingMethod.zeroShot(model, d).fit(List.of(), seed, progress));
                List<Prediction> answered = fitted.predict(indices.stream().map(items::get).toList(), itemProgress);
                for (int j = 0; j < indices.size(); j++) {
                    predictions[indices.get(j)] = answered.get(j);
                }
            });
            return List.of(predictions);
        };
    }
}
