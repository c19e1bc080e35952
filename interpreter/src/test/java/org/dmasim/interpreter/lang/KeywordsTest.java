package org.dmasim.interpreter.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.dmasim.interpreter.parse.Vocabulary;
import org.junit.jupiter.api.Test;

class KeywordsTest {
    /** A keyword the grammar gains without an entry here would have no :help, no reference row, no docs link. */
    @Test
    void everyKeywordOfTheLexerIsDeclared() {
        List<String> missing = Vocabulary.keywords().stream().filter(k -> Keywords.find(k).isEmpty()).toList();
        assertEquals(List.of(), missing, "add each to lang.Keywords");
    }
}
