package org.dmasim.interpreter.parse;

import static org.dmasim.grammar.DmaScriptLexer.*;

/** Sorts the lexer's token types into the few kinds a highlighter cares about. */
final class Lexemes {
    private Lexemes() {
    }

    /** The kind of a token type, or null for what is not shown (blanks, newlines). */
    static Lexeme.Kind kindOf(int type) {
        return switch (type) {
            case IDENT -> Lexeme.Kind.NAME;
            case INT -> Lexeme.Kind.NUMBER;
            case STRING -> Lexeme.Kind.STRING;
            case LINE_COMMENT -> Lexeme.Kind.COMMENT;
            case UNTERMINATED_STRING, UNRECOGNIZED -> Lexeme.Kind.ERROR;
            case WS, NL -> null;
            case LPAREN, RPAREN, LBRACK, RBRACK, LBRACE, RBRACE, COMMA, COLON, SEMI, DOT -> Lexeme.Kind.PUNCTUATION;
            case RANGE, EQ, NE, LE, GE, SHL, SHR, LT, GT, ASSIGN, PLUS, MINUS, STAR, SLASH, PERCENT, PIPE, AMP, CARET,
                    TILDE -> Lexeme.Kind.OPERATOR;
            default -> Lexeme.Kind.KEYWORD;
        };
    }
}
