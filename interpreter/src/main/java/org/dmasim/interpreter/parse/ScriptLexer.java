package org.dmasim.interpreter.parse;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;
import org.dmasim.grammar.DmaScriptLexer;

/**
 * The generated lexer, plus the two lexical errors worded for the user. A stray character is reported and
 * dropped; an unterminated string is reported and handed on as a string, so the parser does not add a
 * second, confusing error about the same spot.
 */
final class ScriptLexer extends DmaScriptLexer {
    private int lastUnrecognizedEnd = -1;

    ScriptLexer(CharStream input) {
        super(input);
    }

    @Override
    public Token nextToken() {
        while (true) {
            Token token = super.nextToken();
            switch (token.getType()) {
                case UNRECOGNIZED -> reportCharacter(token);
                case UNTERMINATED_STRING -> {
                    report(token, "unterminated string");
                    CommonToken string = new CommonToken(token);
                    string.setType(STRING);
                    return string;
                }
                default -> {
                    return token;
                }
            }
        }
    }

    private void reportCharacter(Token token) {
        char c = token.getText().charAt(0);
        // The input is read in UTF-16 units: an emoji arrives as two halves, reported once.
        boolean secondHalf = Character.isLowSurrogate(c) && token.getStartIndex() == lastUnrecognizedEnd;
        lastUnrecognizedEnd = token.getStopIndex() + 1;
        if (secondHalf) {
            return;
        }
        String shown;
        if (Character.isHighSurrogate(c) && _input.size() > token.getStopIndex() + 1) {
            String pair = _input.getText(org.antlr.v4.runtime.misc.Interval.of(token.getStartIndex(), token.getStartIndex() + 1));
            shown = "'" + pair + "'";
        } else if (Character.isISOControl(c) || Character.isWhitespace(c)) {
            shown = String.format("U+%04X", (int) c);
        } else {
            shown = "'" + c + "'";
        }
        report(token, "unexpected character " + shown);
    }

    private void report(Token token, String message) {
        getErrorListenerDispatch().syntaxError(this, token, token.getLine(), token.getCharPositionInLine(), message, null);
    }
}
