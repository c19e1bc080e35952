package org.dmasim.interpreter.parse;

import org.dmasim.interpreter.ast.Span;

/** One token of a script as a highlighter sees it: what kind of word it is and where. */
public record Lexeme(Kind kind, String text, Span span) {

    /** Kinds a highlighter colours differently. */
    public enum Kind {
        KEYWORD,
        NAME,
        NUMBER,
        STRING,
        COMMENT,
        OPERATOR,
        PUNCTUATION,
        /** A stray character or an unterminated string. */
        ERROR
    }
}
