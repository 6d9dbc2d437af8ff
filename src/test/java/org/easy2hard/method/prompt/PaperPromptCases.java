package org.easy2hard.method.prompt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;

/**
 * The paper's four prompt formats (0040 with options and a demonstration, 0306, 0305 with a reasoning
 * demonstration, 5305) built by {@link PromptFormat} for the three real tokenizers' model names, with the option
 * texts scored after them. {@code main} writes them as the input of {@code scripts/tokenizer-fixtures}, whose node
 * script tokenizes them with transformers.js (an implementation we did not write) into golden token ids.
 */
public final class PaperPromptCases {

    /** A real tokenizer folder of ../shared/tokenizers and the Hugging Face name its prompts are built for. */
    public record Vocabulary(String folder, String modelName) {
    }

    /** One prompt and the options scored after it (empty for chain-of-thought prompts, which generate). */
    public record Case(String format, String prompt, List<String> options) {
    }

    /** The three vocabularies: Llama 2 and 3 (names with "llama": trailing space stripped) and Qwen3 (kept). */
    public static final List<Vocabulary> VOCABULARIES = List.of(
            new Vocabulary("llama-2", "meta-llama/Llama-2-7b-hf"),
            new Vocabulary("llama-3", "meta-llama/Meta-Llama-3-8B"),
            new Vocabulary("qwen3", "Qwen/Qwen3-0.6B"));

    private static final Item ARC_DEMO = item("d1", DatasetId.ARC, "Which of these is a mammal?",
            List.of("shark", "whale", "trout", "eel"), 1, "");
    private static final Item ARC_TEST = item("t1", DatasetId.ARC,
            "Which gas do plants take in from the air to make food?",
            List.of("oxygen", "carbon dioxide", "nitrogen", "helium"), 1, "");
    private static final Item STRATEGY_DEMO = item("s1", DatasetId.STRATEGYQA, "Could a cat fit inside a teacup?",
            List.of("yes", "no"), 1, "A teacup holds about 200 ml. A cat is far larger than that.");
    private static final Item STRATEGY_TEST = item("s2", DatasetId.STRATEGYQA,
            "Would a Monet painting fit in the Louvre's smallest elevator?", List.of("yes", "no"), 0, "");
    private static final Item GSM_TEST = new Item("g1", DatasetId.GSM8K, "test",
            "Tom has 3 apples and buys 5 more. How many apples does he have now?", List.of(), -1, "8", "",
            List.of(), Map.of(), Map.of());

    private PaperPromptCases() {
    }

    private static Item item(String id, DatasetId dataset, String question, List<String> options, int gold,
            String reasoning) {
        return new Item(id, dataset, "test", question, options, gold, options.get(gold), reasoning, List.of(),
                Map.of(), Map.of());
    }

    /** The four formats' prompts for one model name. */
    public static List<Case> cases(String modelName) {
        return List.of(
                new Case("0040", PromptFormat.ARC_MMLU.prompt(List.of(ARC_DEMO), ARC_TEST, modelName),
                        ARC_TEST.options()),
                new Case("0306", PromptFormat.STRATEGYQA.prompt(List.of(), STRATEGY_TEST, modelName),
                        STRATEGY_TEST.options()),
                new Case("0305", PromptFormat.CHAIN_OF_THOUGHT.prompt(List.of(STRATEGY_DEMO), STRATEGY_TEST,
                        modelName), List.of()),
                new Case("5305", PromptFormat.GSM8K_ZERO_SHOT_COT.prompt(List.of(), GSM_TEST, modelName),
                        List.of()));
    }

    /** Writes the cases of every vocabulary as JSON to the path given (the node script's input). */
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        for (Vocabulary vocabulary : VOCABULARIES) {
            ArrayNode list = root.putArray(vocabulary.folder());
            for (Case c : cases(vocabulary.modelName())) {
                ObjectNode node = list.addObject().put("format", c.format()).put("prompt", c.prompt());
                c.options().forEach(node.putArray("options")::add);
            }
        }
        Files.writeString(Path.of(args[0]), json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }
}
