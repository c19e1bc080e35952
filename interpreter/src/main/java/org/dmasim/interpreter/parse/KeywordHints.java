package org.dmasim.interpreter.parse;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.dmasim.grammar.DmaScriptLexer;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.Suggestions;

/**
 * A misspelt keyword lexes as a name, and the parser then trips over the word after it ({@code lte x = 1}:
 * "expected a newline or ';' before 'x'"). When the name that starts the statement, or follows
 * {@code expect}, is one edit or so from a keyword, the error gets a "did you mean" help line.
 */
final class KeywordHints {
    private static final List<String> KEYWORDS = keywords();

    private KeywordHints() {
    }

    static Diagnostic withHint(Diagnostic diagnostic, TokenStream tokens) {
        if (diagnostic.help() != null || !Diagnostic.SYNTAX.equals(diagnostic.code())) {
            return diagnostic;
        }
        Token offending = tokenAt(tokens, diagnostic.span().start());
        Token name = offending == null ? null : previous(tokens, offending.getTokenIndex());
        if (name == null || name.getType() != DmaScriptLexer.IDENT || name.getText().length() < 3) {
            return diagnostic;
        }
        Token before = previous(tokens, name.getTokenIndex());
        boolean startsStatement = before == null || before.getType() == DmaScriptLexer.NL
                || before.getType() == DmaScriptLexer.SEMI || before.getType() == DmaScriptLexer.LBRACE
                || before.getType() == DmaScriptLexer.RBRACE || before.getType() == DmaScriptLexer.EXPECT;
        String keyword = startsStatement ? Suggestions.closest(name.getText(), KEYWORDS) : null;
        return keyword == null ? diagnostic : diagnostic.withHelp("did you mean '" + keyword + "'?");
    }

    private static Token tokenAt(TokenStream tokens, int offset) {
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.getChannel() == Token.DEFAULT_CHANNEL && token.getStartIndex() >= offset) {
                return token;
            }
        }
        return null;
    }

    private static Token previous(TokenStream tokens, int index) {
        for (int i = index - 1; i >= 0; i--) {
            Token token = tokens.get(i);
            if (token.getChannel() == Token.DEFAULT_CHANNEL) {
                return token;
            }
        }
        return null;
    }

    private static List<String> keywords() {
        List<String> words = new ArrayList<>();
        for (int type = DmaScriptLexer.ARCH; type <= DmaScriptLexer.NOT; type++) {
            String literal = DmaScriptLexer.VOCABULARY.getLiteralName(type);
            words.add(literal.substring(1, literal.length() - 1));
        }
        return List.copyOf(words);
    }
}
