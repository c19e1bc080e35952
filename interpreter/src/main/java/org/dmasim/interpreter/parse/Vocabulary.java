package org.dmasim.interpreter.parse;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.grammar.DmaScriptLexer;

/**
 * The fixed words and symbols of the language, read from the generated lexer's vocabulary, so that editors'
 * grammars and completion can never miss a keyword the grammar gains.
 */
public final class Vocabulary {
    private Vocabulary() {
    }

    /** Every keyword ({@code arch}, {@code let}, {@code expect}, ...), in the lexer's order. */
    public static List<String> keywords() {
        return literals(true);
    }

    /** Every operator and punctuation token ({@code ==}, {@code ..}, {@code (}, ...), in the lexer's order. */
    public static List<String> symbols() {
        return literals(false);
    }

    private static List<String> literals(boolean words) {
        org.antlr.v4.runtime.Vocabulary vocabulary = DmaScriptLexer.VOCABULARY;
        List<String> found = new ArrayList<>();
        for (int type = 1; type <= vocabulary.getMaxTokenType(); type++) {
            String literal = vocabulary.getLiteralName(type);
            if (literal == null) {
                continue; // a token with a pattern: IDENT, INT, STRING, comments
            }
            String text = literal.substring(1, literal.length() - 1).replace("\\\\", "\\");
            if (text.matches("[A-Za-z_]\\w*") == words) {
                found.add(text);
            }
        }
        return List.copyOf(found);
    }
}
