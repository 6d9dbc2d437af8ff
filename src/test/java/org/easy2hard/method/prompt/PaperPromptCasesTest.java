package org.easy2hard.method.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaperPromptCasesTest {

    /** The golden token ids were made from these prompts; a change in PromptFormat must remake them. */
    @Test
    void theGoldenTokenFixturesHoldThePromptsPromptFormatBuildsToday() throws Exception {
        JsonNode golden;
        String fixture = "/org/easy2hard/model/llama/real-vocabulary-tokens.json";
        try (InputStream in = getClass().getResourceAsStream(fixture)) {
            golden = new ObjectMapper().readTree(in);
        }
        for (PaperPromptCases.Vocabulary vocabulary : PaperPromptCases.VOCABULARIES) {
            List<PaperPromptCases.Case> cases = PaperPromptCases.cases(vocabulary.modelName());
            JsonNode prompts = golden.get(vocabulary.folder()).get("prompts");
            assertEquals(cases.size(), prompts.size());
            for (int i = 0; i < cases.size(); i++) {
                assertEquals(cases.get(i).format(), prompts.get(i).get("format").asText());
                assertEquals(cases.get(i).prompt(), prompts.get(i).get("prompt").asText());
                List<String> options = new ArrayList<>();
                prompts.get(i).get("options").forEach(option -> options.add(option.get("option").asText()));
                assertEquals(cases.get(i).options(), options);
            }
        }
    }
}
