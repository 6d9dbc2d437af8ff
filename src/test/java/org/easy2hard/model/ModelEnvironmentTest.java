package org.easy2hard.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelEnvironmentTest {

    private final List<String> warnings = new ArrayList<>();

    private Optional<String> reference(Map<String, String> environment) {
        return ModelEnvironment.reference(environment, warnings::add);
    }

    @Test
    void easy2hardModelNamesAnyReferenceWithoutAWarning() {
        assertEquals(Optional.of("http://gpu1:8000/v1#llama"), reference(Map.of("EASY2HARD_MODEL", " http://gpu1:8000/v1#llama ")));
        assertEquals(Optional.of("hf:a/b"), reference(Map.of("EASY2HARD_MODEL", "hf:a/b")));
        assertEquals(List.of(), warnings);
    }

    @Test
    void nothingSetOrBlankNamesNothing() {
        assertEquals(Optional.empty(), reference(Map.of()));
        assertEquals(Optional.empty(), reference(Map.of("EASY2HARD_MODEL", " ", "EASY2HARD_LM_URL", "")));
        assertEquals(List.of(), warnings);
    }

    @Test
    void theDeprecatedServerPairBecomesOneServerReferenceWithOneWarning() {
        Optional<String> named = reference(Map.of("EASY2HARD_LM_URL", "http://a/v1,http://b/v1",
                "EASY2HARD_LM_MODEL", "llama"));
        assertEquals(Optional.of("http://a/v1,http://b/v1#llama"), named);
        assertEquals(ModelReference.Server.of("http://a/v1,http://b/v1", "llama"), ModelReference.parse(named.get()));
        assertEquals(List.of("easy2hard: EASY2HARD_LM_URL and EASY2HARD_LM_MODEL are deprecated; set "
                + "EASY2HARD_MODEL=URL[,URL...]#SERVED_MODEL_NAME instead"), warnings);
    }

    @Test
    void aDeprecatedUrlWithoutItsNameStaysAServerReferenceThatParsingRefuses() {
        assertEquals(Optional.of("http://a/v1"), reference(Map.of("EASY2HARD_LM_URL", "http://a/v1")));
        assertEquals(1, warnings.size());
    }

    @Test
    void theDeprecatedModelAloneIsTakenAsItIsWithOneWarning() {
        assertEquals(Optional.of("hf:a/b"), reference(Map.of("EASY2HARD_LM_MODEL", "hf:a/b")));
        assertEquals(List.of("easy2hard: EASY2HARD_LM_MODEL is deprecated; set EASY2HARD_MODEL=hf:a/b instead"), warnings);
    }

    @Test
    void easy2hardModelWinsOverTheDeprecatedNamesAndSaysSo() {
        assertEquals(Optional.of("bge-small-en-v1.5"), reference(Map.of("EASY2HARD_MODEL", "bge-small-en-v1.5",
                "EASY2HARD_LM_URL", "http://a/v1", "EASY2HARD_LM_MODEL", "llama")));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("are ignored"), warnings.get(0));
    }

    @Test
    void parseParsesWhatTheEnvironmentNames() {
        assertEquals(Optional.of(new ModelReference.HubRepository("a/b", "main")),
                ModelEnvironment.parse(Map.of("EASY2HARD_MODEL", "hf:a/b"), warnings::add));
    }
}
