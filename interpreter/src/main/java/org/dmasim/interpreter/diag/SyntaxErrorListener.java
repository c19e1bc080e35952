package org.dmasim.interpreter.diag;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.dmasim.interpreter.ast.Span;

/**
 * Collects the lexer's and the parser's syntax errors as diagnostics instead of printing them, so a script
 * shows every error at once. The messages arrive already worded for the user (the parser's error strategy
 * and the lexer write them); this class only decides where each one points.
 */
public final class SyntaxErrorListener extends BaseErrorListener {
    private static final String ANTLR_LEXER_PREFIX = "token recognition error at: ";

    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private int lastLine = -1;

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
            String message, RecognitionException e) {
        Span span;
        if (offendingSymbol instanceof Token token) {
            span = spanOf(token, recognizer);
        } else if (recognizer instanceof Lexer lexer) {
            span = new Span(lexer._tokenStartCharIndex, Math.max(lexer._tokenStartCharIndex + 1, lexer.getCharIndex()));
        } else {
            span = Span.NONE;
        }
        String text = message.startsWith(ANTLR_LEXER_PREFIX)
                ? "unexpected character " + message.substring(ANTLR_LEXER_PREFIX.length())
                : message;
        // A second error on the same line is nearly always a consequence of the first (recovery guessed);
        // an error at end of file is kept, since it names a bracket left open further up.
        boolean atEnd = offendingSymbol instanceof Token token && token.getType() == Token.EOF
                && text.startsWith("missing");
        if (line == lastLine && !atEnd) {
            return;
        }
        lastLine = line;
        diagnostics.add(Diagnostic.syntax(text, span));
    }

    /** The diagnostics so far, in the order they were found. */
    public List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }

    /**
     * A token's span; end of file points just past the last real token, so "missing '}' at end of file"
     * lands on the script's last line rather than on an empty one after it.
     */
    private static Span spanOf(Token token, Recognizer<?, ?> recognizer) {
        if (token.getType() == Token.EOF && recognizer.getInputStream() instanceof TokenStream tokens) {
            for (int i = token.getTokenIndex() - 1; i >= 0; i--) {
                Token before = tokens.get(i);
                if (before.getChannel() == Token.DEFAULT_CHANNEL && !before.getText().isBlank()) {
                    int end = before.getStopIndex() + 1;
                    return new Span(end, end);
                }
            }
            return new Span(0, 0);
        }
        int start = token.getStartIndex();
        int end = Math.max(start, token.getStopIndex() + 1);
        return new Span(start, end);
    }
}
