package org.easy2hard.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void wordCountSplitsOnAnyRunOfWhitespaceLikePython() {
        // len("  two\twords\n and\u00a0four  ".split()) == 4 in Python
        assertEquals(4, Text.wordCount("  two\twords\n and\u00a0four  "));
    }

    @Test
    void wordCountOfBlankTextIsZero() {
        assertEquals(0, Text.wordCount(" \n\t "));
    }

    @Test
    void charCountCountsCodePointsNotUtf16Units() {
        assertEquals(3, Text.charCount("a\uD83D\uDE00b"));
    }

    @Test
    void stripRemovesOnlyTheGivenCharactersAtBothEnds() {
        assertEquals("a\nb", Text.strip("\n\na\nb\n", "\n"));
        assertEquals("72", Text.stripWhitespace(" 72\n"));
    }
}
