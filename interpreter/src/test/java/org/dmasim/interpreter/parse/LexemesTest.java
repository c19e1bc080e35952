package org.dmasim.interpreter.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.dmasim.interpreter.ast.Span;
import org.junit.jupiter.api.Test;

class LexemesTest {
    @Test
    void kindsForTheHighlighter() {
        List<Lexeme> lexemes = new ScriptParser().lexemes("let n = 64 KiB # size\ncpu writes b[0..4] = \"x");
        assertEquals(List.of(
                new Lexeme(Lexeme.Kind.KEYWORD, "let", new Span(0, 3)),
                new Lexeme(Lexeme.Kind.NAME, "n", new Span(4, 5)),
                new Lexeme(Lexeme.Kind.OPERATOR, "=", new Span(6, 7)),
                new Lexeme(Lexeme.Kind.NUMBER, "64 KiB", new Span(8, 14)),
                new Lexeme(Lexeme.Kind.COMMENT, "# size", new Span(15, 21))),
                lexemes.subList(0, 5));
        assertEquals(List.of(Lexeme.Kind.KEYWORD, Lexeme.Kind.KEYWORD, Lexeme.Kind.NAME, Lexeme.Kind.PUNCTUATION,
                Lexeme.Kind.NUMBER, Lexeme.Kind.OPERATOR, Lexeme.Kind.NUMBER, Lexeme.Kind.PUNCTUATION,
                Lexeme.Kind.OPERATOR, Lexeme.Kind.ERROR),
                lexemes.subList(5, lexemes.size()).stream().map(Lexeme::kind).toList());
    }
}
