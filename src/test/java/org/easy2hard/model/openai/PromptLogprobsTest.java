package org.easy2hard.model.openai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.LogLikelihood;
import org.junit.jupiter.api.Test;

/** Responses written by hand in the layouts real servers use, read by {@link PromptLogprobs}. */
class PromptLogprobsTest {

    private static final String SERVER = "http://gpu:8000/v1/completions";

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text.replace('\'', '"'));
    }

    @Test
    void theEchoLayoutWithoutUsageOrOffsetsCountsTokenLengthsFromTheEnd() throws Exception {
        // Prompt "Answer: yes" + generated token "\n"; continuation " yes" (4 code points).
        JsonNode response = json("{'choices':[{'logprobs':{'tokens':['Answer',':',' yes','\\n'],"
                + "'token_logprobs':[null,-0.5,-1.25,-0.1],"
                + "'top_logprobs':[null,{':':-0.5},{' no':-0.75,' yes':-1.25},{'\\n':-0.1}]}}]}");
        LogLikelihood score = PromptLogprobs.continuation(response, SERVER, 4, 1);
        assertArrayEquals(new double[] {-1.25}, score.tokenLogProbabilities());
        assertFalse(score.greedy(), "' no' was more probable");
    }

    @Test
    void offsetsShiftedByABosTokenStillFindTheContinuation() throws Exception {
        // vLLM counts the BOS token's text "<s>" in text_offset; the echoed text does not contain it.
        JsonNode response = json("{'choices':[{'logprobs':{'tokens':['<s>','Answer',':',' yes','!'],"
                + "'token_logprobs':[null,-2.0,-0.5,-1.25,-3.0],"
                + "'top_logprobs':[null,{'Answer':-2.0},{':':-0.5},{' yes':-1.25},{'!':-3.0}],"
                + "'text_offset':[0,3,9,10,14]}}],'usage':{'prompt_tokens':4,'completion_tokens':1}}");
        LogLikelihood score = PromptLogprobs.continuation(response, SERVER, 5, 1); // ": yes"
        assertArrayEquals(new double[] {-0.5, -1.25}, score.tokenLogProbabilities());
        assertTrue(score.greedy());
    }

    @Test
    void promptLogprobsTakeTheCandidateOfLargestRank() throws Exception {
        JsonNode response = json("{'choices':[{'text':'!','logprobs':null,'prompt_logprobs':[null,"
                + "{'12':{'logprob':-0.5,'rank':1,'decoded_token':':'}},"
                + "{'40':{'logprob':-1.25,'rank':2,'decoded_token':' yes'},"
                + "'41':{'logprob':-0.75,'rank':1,'decoded_token':' no'}}]}]}");
        LogLikelihood score = PromptLogprobs.continuation(response, SERVER, 5, 1);
        assertArrayEquals(new double[] {-0.5, -1.25}, score.tokenLogProbabilities());
        assertFalse(score.greedy());
    }

    @Test
    void onlyTheGeneratedTokensLogprobIsAClearError() throws Exception {
        JsonNode response = json("{'choices':[{'text':'Answer: yes!','logprobs':{'tokens':['!'],"
                + "'token_logprobs':[-3.0],'top_logprobs':[{'!':-3.0}],'text_offset':[11]}}],"
                + "'usage':{'prompt_tokens':3,'completion_tokens':1}}");
        LanguageModelException e = assertThrows(LanguageModelException.class,
                () -> PromptLogprobs.continuation(response, SERVER, 4, 1));
        assertEquals("server " + SERVER + " returned no prompt log-probabilities: log-probabilities for 1 tokens, "
                + "but the prompt alone has 3: the server returned only the generated tokens' log-probs, not the "
                + "echoed prompt's (scoring needs a server that returns them: vLLM, SGLang, or OpenAI's legacy "
                + "completions with echo=true and logprobs)", e.getMessage());
    }

    @Test
    void noLogprobsAtAllIsAClearError() throws Exception {
        JsonNode response = json("{'choices':[{'text':'x','logprobs':null}]}");
        LanguageModelException e = assertThrows(LanguageModelException.class,
                () -> PromptLogprobs.continuation(response, SERVER, 1, 1));
        assertTrue(e.getMessage().contains("neither choices[0].prompt_logprobs nor choices[0].logprobs"),
                e.getMessage());
    }

    @Test
    void codePointsNotCharsMeasureTheContinuation() throws Exception {
        // " \uD83D\uDE00" (space + one emoji) is 2 code points but 3 Java chars; servers count code points.
        JsonNode response = json("{'choices':[{'logprobs':{'tokens':['Hi',' \uD83D\uDE00','.'],"
                + "'token_logprobs':[null,-2.0,-0.1],'text_offset':[0,2,4]}}]}");
        LogLikelihood score = PromptLogprobs.continuation(response, SERVER, 2, 1);
        assertArrayEquals(new double[] {-2.0}, score.tokenLogProbabilities());
        assertFalse(score.greedy(), "no top log-probs: not known to be greedy");
    }
}
