package org.easy2hard.method.prompt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;

/**
 * The paper's four prompt formats (paper-spec §5.2), with the authors' strings byte for byte ({@code utils/prompt.py}
 * of {@code allenai/easy-to-hard-generalization}). A format id has four digits: instruction, question template,
 * answer-list template and label template.
 *
 * <ul>
 *   <li>{@link #ARC_MMLU} {@code 0040}: no instruction, {@code "Question: {q}"}, the options listed as
 *       {@code "\nA) o1\nB) o2..."} after one space, label {@code "\nAnswer: {a}"};</li>
 *   <li>{@link #STRATEGYQA} {@code 0306}: {@code "Q: {q}"}, no option list, label {@code "\nA: {a}"};</li>
 *   <li>{@link #CHAIN_OF_THOUGHT} {@code 0305}: {@code "Q: {q}"}, the chain-of-thought preface {@code "\nA:"}, label
 *       {@code "So the answer is {a}"} after the reasoning;</li>
 *   <li>{@link #GSM8K_ZERO_SHOT_COT} {@code 5305}: 0305 preceded by instruction #5 (a worksheet description with a
 *       template answer) and a newline.</li>
 * </ul>
 *
 * <p>Assembly, as {@code Prompt.format_example} and {@code Prompt.format_prompt} do it:
 * <ul>
 *   <li>a demonstration is the question, {@code " " + option list} when there is one, then either
 *       {@code " " + label} (so 0040 demos have a space before {@code "\nAnswer:"}) or, with chain of thought,
 *       {@code "\nA: " + reasoning + " " + label};</li>
 *   <li>demonstrations are joined by a blank line, and a blank line follows the last one;</li>
 *   <li>the test block is the question and option list with no label; without chain of thought the empty label
 *       ({@code "\nAnswer: "}, {@code "\nA: "}) is appended directly, because it starts with a newline, so the test
 *       block has no space before {@code "\nAnswer:"}; with chain of thought the preface {@code "\nA:"} ends it;</li>
 *   <li>one trailing space is removed when the model's name contains {@code llama} (any case); other models
 *       (Mixtral, Qwen) keep {@code "Answer: "};</li>
 *   <li>a non-empty instruction goes first, followed by a newline (after the trailing-space rule).</li>
 * </ul>
 *
 * <p>Candidate answers are scored as continuations with a leading space ({@link #continuation}): the paper tokenizes
 * the option text on its own, and the Llama tokenizer (SentencePiece) then starts it with {@code "▁"}, a space.
 */
public enum PromptFormat {

    /** {@code 0040}: ARC and MMLU without chain of thought. */
    ARC_MMLU("0040", "", "Question: ", true, "\nAnswer: ", false),
    /** {@code 0306}: StrategyQA without chain of thought (candidates {@code yes} and {@code no}). */
    STRATEGYQA("0306", "", "Q: ", false, "\nA: ", false),
    /** {@code 0305}: chain of thought for StrategyQA and GSM8k, with or without demonstrations. */
    CHAIN_OF_THOUGHT("0305", "", "Q: ", false, "So the answer is ", true),
    /** {@code 5305}: GSM8k zero-shot chain of thought with instruction #5 (the paper's GSM8k unsupervised arm). */
    GSM8K_ZERO_SHOT_COT("5305", Instructions.MATH_WORKSHEET, "Q: ", false, "So the answer is ", true);

    /** The chain-of-thought preface (the paper's {@code think_step_by_step=False}). */
    static final String COT_PREFACE = "\nA:";
    /** What joins demonstrations and follows the last one: {@code "\n" + between_point_buffer}. */
    static final String DEMO_SEPARATOR = "\n\n";

    private final String id;
    private final String instruction;
    private final String questionPrefix;
    private final boolean listsOptions;
    private final String labelPrefix;
    private final boolean chainOfThought;

    PromptFormat(String id, String instruction, String questionPrefix, boolean listsOptions, String labelPrefix,
            boolean chainOfThought) {
        this.id = id;
        this.instruction = instruction;
        this.questionPrefix = questionPrefix;
        this.listsOptions = listsOptions;
        this.labelPrefix = labelPrefix;
        this.chainOfThought = chainOfThought;
    }

    /** The paper's four-digit prompt id, e.g. {@code 0040}. */
    public String id() {
        return id;
    }

    /** Whether the model writes reasoning before its answer (generation, not option scoring). */
    public boolean chainOfThought() {
        return chainOfThought;
    }

    /**
     * A format by its id.
     *
     * @throws IllegalArgumentException naming the known ids
     */
    public static PromptFormat byId(String id) {
        return Arrays.stream(values()).filter(format -> format.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown prompt format '" + id + "'; known: "
                        + Arrays.stream(values()).map(PromptFormat::id).toList()));
    }

    /**
     * The paper's format for a dataset: 0040 for ARC and MMLU, 0306 for StrategyQA, 0305 with chain of thought
     * (StrategyQA, GSM8k). GSM8k has no format without chain of thought.
     */
    public static PromptFormat forDataset(DatasetId dataset, boolean chainOfThought) {
        return switch (dataset) {
            case ARC, MMLU, USER -> {
                if (chainOfThought) {
                    throw new IllegalArgumentException(dataset + " has no reasoning texts: the paper prompts it "
                            + "(and a user's multiple-choice dataset) without chain of thought (0040)");
                }
                yield ARC_MMLU;
            }
            case STRATEGYQA -> chainOfThought ? CHAIN_OF_THOUGHT : STRATEGYQA;
            case GSM8K -> {
                if (!chainOfThought) {
                    throw new IllegalArgumentException("GSM8k is answered by generation: use chain of thought "
                            + "(0305, or 5305 zero-shot)");
                }
                yield CHAIN_OF_THOUGHT;
            }
        };
    }

    /** Whether the paper strips one trailing space from prompts for this model: its name contains "llama". */
    public static boolean stripsTrailingSpace(String modelName) {
        return modelName.toLowerCase(Locale.ROOT).contains("llama");
    }

    /**
     * The whole prompt: demonstrations (gold answers, or reasoning and answer with chain of thought), then the test
     * item's block, with the paper's whitespace rules.
     *
     * @param demos     demonstrations in order; may be empty
     * @param test      the item to answer
     * @param modelName the model's name, for the trailing-space rule
     */
    public String prompt(List<Item> demos, Item test, String modelName) {
        StringBuilder text = new StringBuilder();
        if (!demos.isEmpty()) {
            List<String> blocks = new ArrayList<>(demos.size());
            demos.forEach(demo -> blocks.add(demonstration(demo)));
            text.append(String.join(DEMO_SEPARATOR, blocks)).append(DEMO_SEPARATOR);
        }
        text.append(questionBlock(test));
        if (chainOfThought) {
            text.append(COT_PREFACE);
        } else {
            // An empty label that starts with a newline is appended as is, otherwise after a space.
            text.append(labelPrefix.startsWith("\n") ? "" : " ").append(labelPrefix);
        }
        String prompt = text.toString();
        if (stripsTrailingSpace(modelName) && prompt.endsWith(" ")) {
            prompt = prompt.substring(0, prompt.length() - 1);
        }
        return instruction.isEmpty() ? prompt : instruction + "\n" + prompt;
    }

    /**
     * One demonstration: the question (and options), then the gold answer, or with chain of thought the preface,
     * the item's reasoning and {@code "So the answer is " + answer}.
     *
     * @throws IllegalArgumentException when chain of thought needs reasoning the item does not have
     */
    public String demonstration(Item demo) {
        String label = labelPrefix + demo.answer();
        if (chainOfThought) {
            if (demo.reasoning().isEmpty()) {
                throw new IllegalArgumentException("item " + demo.id() + " has no reasoning for a chain-of-thought "
                        + "demonstration");
            }
            return questionBlock(demo) + COT_PREFACE + " " + demo.reasoning() + " " + label;
        }
        return questionBlock(demo) + " " + label;
    }

    /** The question, followed by a space and the lettered option list when the format lists options. */
    private String questionBlock(Item item) {
        String question = questionPrefix + item.question();
        if (!listsOptions || item.options().isEmpty()) {
            return question;
        }
        StringBuilder options = new StringBuilder();
        for (int i = 0; i < item.options().size(); i++) {
            options.append('\n').append((char) ('A' + i)).append(") ").append(item.options().get(i));
        }
        return question + " " + options;
    }

    /** The text scored for a candidate answer: the answer with the leading space the paper's tokenizer adds. */
    public static String continuation(String answer) {
        return continuation(answer, true);
    }

    /**
     * The text scored for a candidate answer, with or without a leading space. The paper tokenized the answer on its
     * own: SentencePiece tokenizers (Llama, Mistral, Mixtral) then start it with a space, byte-level BPE tokenizers
     * without a prefix space (Qwen) do not; with a non-Llama SentencePiece model the prompt keeps its trailing
     * {@code "Answer: "} and the scored text follows with its own space, as the paper's Mixtral runs saw it.
     */
    public static String continuation(String answer, boolean leadingSpace) {
        return leadingSpace ? " " + answer : answer;
    }

    /**
     * The candidate answers whose lengths bound the prompt (paper: {@code answer_choices}): the options of a
     * multiple-choice item, the gold answer of a generative one.
     */
    static List<String> candidates(Item item) {
        return item.isMultipleChoice() ? item.options() : List.of(item.answer());
    }

    /** The instructions the formats use, as {@code Prompt.our_instructions} spells them. */
    static final class Instructions {
        /** Instruction #5: a math worksheet with a template answer. */
        static final String MATH_WORKSHEET = "This worksheet contain math word problems. Here's an example:\n"
                + "Q: [question text here].\nA: Let's think step by step.\n1. [step one]\n2. [step two]\n...\n"
                + "N. [last step]\nTherefore, the answer is [answer here]\n\nNow you try!\n";

        private Instructions() {
        }
    }
}
