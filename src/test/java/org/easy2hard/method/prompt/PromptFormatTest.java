package org.easy2hard.method.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.easy2hard.data.DataStore;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Datasets;
import org.easy2hard.data.Item;
import org.easy2hard.data.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden prompts: the exact strings the authors' {@code utils/prompt.py} builds for real items, byte for byte, with
 * their demonstration separators and trailing-space rules.
 */
class PromptFormatTest {

    private static final String LLAMA = "meta-llama/Llama-2-70b-hf";
    private static final String MIXTRAL = "mistralai/Mixtral-8x7B-v0.1";

    private static Dataset arc;
    private static Dataset mmlu;
    private static Dataset strategyQa;
    private static Dataset gsm8k;

    @BeforeAll
    static void load() {
        DataStore store = SharedData.store();
        arc = Datasets.arc(store);
        mmlu = Datasets.mmlu(store);
        strategyQa = Datasets.strategyQa(store);
        gsm8k = Datasets.gsm8k(store);
    }

    private static Item item(Dataset dataset, String id) {
        return dataset.find(id).orElseThrow();
    }

    private static final String ARC_FEVER = "Question: Which factor will most likely cause a person to develop a "
            + "fever? \nA) a leg muscle relaxing after exercise\nB) a bacterial population in the bloodstream\n"
            + "C) several viral particles on the skin\nD) carbohydrates being digested in the stomach\nAnswer:";
    private static final String ARC_CALCIUM_DEMO = "Question: A chewable calcium carbonate tablet is a common "
            + "treatment for stomach discomfort. Calcium carbonate is most likely used as this type of medicine "
            + "because calcium carbonate \nA) has a pleasant flavor.\nB) is inexpensive to produce.\n"
            + "C) neutralizes digestive acid.\nD) occurs naturally in the body. \nAnswer: neutralizes digestive acid.";
    private static final String ARC_BODY_DEMO = "Question: Which two body systems are directly involved in movement? "
            + "\nA) muscular and skeletal\nB) digestive and muscular\nC) skeletal and respiratory\nD) respiratory and "
            + "digestive \nAnswer: muscular and skeletal";

    @Test
    void arcZeroShotForLlamaEndsWithAnswerColon() {
        assertEquals(ARC_FEVER, PromptFormat.ARC_MMLU.prompt(List.of(), item(arc, "Mercury_7220990"), LLAMA));
    }

    @Test
    void arcZeroShotForOtherModelsKeepsTheTrailingSpace() {
        assertEquals(ARC_FEVER + " ", PromptFormat.ARC_MMLU.prompt(List.of(), item(arc, "Mercury_7220990"), MIXTRAL));
    }

    @Test
    void arcOneDemoHasASpaceBeforeItsAnswerAndABlankLineAfter() {
        String expected = "Question: A chewable calcium carbonate tablet is a common treatment for stomach discomfort. "
                + "Calcium carbonate is most likely used as this type of medicine because calcium carbonate \n"
                + "A) has a pleasant flavor.\nB) is inexpensive to produce.\nC) neutralizes digestive acid.\n"
                + "D) occurs naturally in the body. \nAnswer: neutralizes digestive acid.\n\n"
                + "Question: Which factor will most likely cause a person to develop a fever? \n"
                + "A) a leg muscle relaxing after exercise\nB) a bacterial population in the bloodstream\n"
                + "C) several viral particles on the skin\nD) carbohydrates being digested in the stomach\nAnswer:";
        assertEquals(expected, PromptFormat.ARC_MMLU.prompt(List.of(item(arc, "Mercury_7013388")),
                item(arc, "Mercury_7220990"), LLAMA));
    }

    @Test
    void arcTwoDemosAreJoinedByABlankLine() {
        assertEquals(ARC_CALCIUM_DEMO + "\n\n" + ARC_BODY_DEMO + "\n\n" + ARC_FEVER + " ",
                PromptFormat.ARC_MMLU.prompt(List.of(item(arc, "Mercury_7013388"), item(arc, "Mercury_7179953")),
                        item(arc, "Mercury_7220990"), MIXTRAL));
    }

    @Test
    void mmluUsesTheSameFormatAsArc() {
        String hawkmoths = "Question: Hawkmoths are insects that are similar in appearance and behavior to "
                + "hummingbirds. Which of the following is LEAST valid? \nA) These organisms are examples of "
                + "convergent evolution.\nB) These organisms were subjected to similar environmental conditions.\n"
                + "C) These organisms are genetically related to each other.\n"
                + "D) These organisms have analogous structures.";
        assertEquals(hawkmoths + "\nAnswer: ", PromptFormat.ARC_MMLU.prompt(List.of(),
                item(mmlu, "high_school_biology/val/1"), MIXTRAL));
        String elodea = "Question: A cell from the leaf of the aquatic plant Elodea was soaked in a 15 percent sugar "
                + "solution, and its contents soon separated from the cell wall and formed a mass in the center of the "
                + "cell. All of the following statements are true about this event EXCEPT \nA) the vacuole lost water "
                + "and became smaller\nB) the space between the cell wall and the cell membrane expanded\nC) the large "
                + "vacuole contained a solution with much lower osmotic pressure than that of the sugar solution\nD) "
                + "the concentration of solutes in the extracellular environment is hypertonic with respect to the "
                + "cell's interior";
        assertEquals(hawkmoths + " \nAnswer: These organisms are genetically related to each other.\n\n" + elodea
                + "\nAnswer:", PromptFormat.ARC_MMLU.prompt(List.of(item(mmlu, "high_school_biology/val/1")),
                        item(mmlu, "high_school_biology/val/2"), LLAMA));
    }

    @Test
    void strategyQaZeroShotEndsWithAColonForLlamaAndASpaceOtherwise() {
        Item genghis = item(strategyQa, "2bc9c4f9c19c167187f2");
        String test = "Q: Are more people today related to Genghis Khan than Julius Caesar?\nA:";
        assertEquals(test, PromptFormat.STRATEGYQA.prompt(List.of(), genghis, LLAMA));
        assertEquals(test + " ", PromptFormat.STRATEGYQA.prompt(List.of(), genghis, MIXTRAL));
    }

    @Test
    void strategyQaTwoDemosAnswerYesOrNoAfterASpace() {
        String expected = "Q: Could the members of The Police perform lawful arrests? \nA: no\n\n"
                + "Q: Would a Monoamine Oxidase candy bar cheer up a depressed friend? \nA: no\n\n"
                + "Q: Are more people today related to Genghis Khan than Julius Caesar?\nA:";
        assertEquals(expected, PromptFormat.STRATEGYQA.prompt(List.of(item(strategyQa, "03caf265939fab701dee"),
                item(strategyQa, "aadc8000bfcb987d6b9d")), item(strategyQa, "2bc9c4f9c19c167187f2"), LLAMA));
    }

    @Test
    void strategyQaChainOfThoughtDemosGiveTheFactsThenSoTheAnswerIs() {
        String expected = "Q: Could the members of The Police perform lawful arrests?\nA: The members of The Police "
                + "were musicians, not law enforcement officers. Only law enforcement officers can perform lawful "
                + "arrests. So the answer is no\n\nQ: Are more people today related to Genghis Khan than Julius "
                + "Caesar?\nA:";
        List<Item> demos = List.of(item(strategyQa, "03caf265939fab701dee"));
        Item test = item(strategyQa, "2bc9c4f9c19c167187f2");
        assertEquals(expected, PromptFormat.CHAIN_OF_THOUGHT.prompt(demos, test, LLAMA));
        assertEquals(expected, PromptFormat.CHAIN_OF_THOUGHT.prompt(demos, test, MIXTRAL));
    }

    @Test
    void gsm8kChainOfThoughtDemosKeepNewlinesAndCalculatorAnnotations() {
        String expected = "Q: Weng earns $12 an hour for babysitting. Yesterday, she just did 50 minutes of "
                + "babysitting. How much did she earn?\nA: Weng earns 12/60 = $<<12/60=0.2>>0.2 per minute.\n"
                + "Working 50 minutes, she earned 0.2 x 50 = $<<0.2*50=10>>10. So the answer is 10\n\n"
                + "Q: Julie is reading a 120-page book. Yesterday, she was able to read 12 pages and today, she read "
                + "twice as many pages as yesterday. If she wants to read half of the remaining pages tomorrow, how "
                + "many pages should she read?\nA: Maila read 12 x 2 = <<12*2=24>>24 pages today.\nSo she was able to "
                + "read a total of 12 + 24 = <<12+24=36>>36 pages since yesterday.\nThere are 120 - 36 = "
                + "<<120-36=84>>84 pages left to be read.\nSince she wants to read half of the remaining pages "
                + "tomorrow, then she should read 84/2 = <<84/2=42>>42 pages. So the answer is 42\n\n"
                + "Q: Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. "
                + "How many clips did Natalia sell altogether in April and May?\nA:";
        assertEquals(expected, PromptFormat.CHAIN_OF_THOUGHT.prompt(List.of(item(gsm8k, "train:1"),
                item(gsm8k, "train:3")), item(gsm8k, "train:0"), MIXTRAL));
    }

    @Test
    void gsm8kZeroShotChainOfThoughtStartsWithInstructionFiveAndABlankLine() {
        String expected = "This worksheet contain math word problems. Here's an example:\nQ: [question text here].\n"
                + "A: Let's think step by step.\n1. [step one]\n2. [step two]\n...\nN. [last step]\nTherefore, the "
                + "answer is [answer here]\n\nNow you try!\n\nQ: Natalia sold clips to 48 of her friends in April, and "
                + "then she sold half as many clips in May. How many clips did Natalia sell altogether in April and "
                + "May?\nA:";
        assertEquals(expected, PromptFormat.GSM8K_ZERO_SHOT_COT.prompt(List.of(), item(gsm8k, "train:0"), LLAMA));
    }

    @Test
    void candidatesAreScoredWithTheTokenizersLeadingSpace() {
        assertEquals(" yes", PromptFormat.continuation("yes"));
        assertEquals(List.of("yes", "no"), PromptFormat.candidates(item(strategyQa, "2bc9c4f9c19c167187f2")));
        assertEquals(List.of("72"), PromptFormat.candidates(item(gsm8k, "train:0")));
    }

    @Test
    void formatsAreFoundByIdAndByDataset() {
        assertEquals(PromptFormat.GSM8K_ZERO_SHOT_COT, PromptFormat.byId("5305"));
        assertEquals(PromptFormat.ARC_MMLU, PromptFormat.forDataset(DatasetId.MMLU, false));
        assertEquals(PromptFormat.STRATEGYQA, PromptFormat.forDataset(DatasetId.STRATEGYQA, false));
        assertEquals(PromptFormat.CHAIN_OF_THOUGHT, PromptFormat.forDataset(DatasetId.GSM8K, true));
        assertThrows(IllegalArgumentException.class, () -> PromptFormat.byId("0000"));
        assertThrows(IllegalArgumentException.class, () -> PromptFormat.forDataset(DatasetId.GSM8K, false));
    }

    @Test
    void onlyNamesContainingLlamaLoseTheTrailingSpace() {
        assertEquals(true, PromptFormat.stripsTrailingSpace("huggyllama/llama-7b"));
        assertEquals(true, PromptFormat.stripsTrailingSpace("Meta-LLAMA-3-8B"));
        assertEquals(false, PromptFormat.stripsTrailingSpace("Qwen/Qwen-72B"));
    }
}
