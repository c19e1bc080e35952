package org.dmasim.interpreter.parse;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.antlr.v4.runtime.Token;
import org.dmasim.grammar.DmaScriptLexer;

/** Judges whether REPL input needs more lines, from its tokens alone (jshell's SourceCodeAnalysis). */
final class Completeness {
    /** After one of these the statement must go on: operators, '=', ',', '..', '.', 'reads', 'else'. */
    private static final Set<Integer> CONTINUING = Set.of(
            DmaScriptLexer.PLUS, DmaScriptLexer.MINUS, DmaScriptLexer.STAR, DmaScriptLexer.SLASH,
            DmaScriptLexer.PERCENT, DmaScriptLexer.PIPE, DmaScriptLexer.AMP, DmaScriptLexer.CARET,
            DmaScriptLexer.SHL, DmaScriptLexer.SHR, DmaScriptLexer.TILDE, DmaScriptLexer.EQ, DmaScriptLexer.NE,
            DmaScriptLexer.LT, DmaScriptLexer.LE, DmaScriptLexer.GT, DmaScriptLexer.GE, DmaScriptLexer.AND,
            DmaScriptLexer.OR, DmaScriptLexer.NOT, DmaScriptLexer.ASSIGN, DmaScriptLexer.COMMA,
            DmaScriptLexer.RANGE, DmaScriptLexer.DOT, DmaScriptLexer.READS, DmaScriptLexer.WRITES,
            DmaScriptLexer.ELSE);

    private Completeness() {
    }

    static boolean isComplete(DmaScriptLexer lexer) {
        lexer.removeErrorListeners();
        Deque<Integer> open = new ArrayDeque<>();
        Token last = null;
        for (Token token = lexer.nextToken(); token.getType() != Token.EOF; token = lexer.nextToken()) {
            int type = token.getType();
            if (token.getChannel() != Token.DEFAULT_CHANNEL || type == DmaScriptLexer.NL) {
                continue;
            }
            switch (type) {
                case DmaScriptLexer.LPAREN, DmaScriptLexer.LBRACK, DmaScriptLexer.LBRACE -> open.push(type);
                case DmaScriptLexer.RPAREN -> close(open, DmaScriptLexer.LPAREN);
                case DmaScriptLexer.RBRACK -> close(open, DmaScriptLexer.LBRACK);
                case DmaScriptLexer.RBRACE -> close(open, DmaScriptLexer.LBRACE);
                default -> {
                }
            }
            // A string cannot span lines: one left open on an earlier line can never be completed, so
            // the input is as complete as it will get and its error should show.
            if (last != null && last.getType() == DmaScriptLexer.UNTERMINATED_STRING) {
                return true;
            }
            last = token;
        }
        if (!open.isEmpty()) {
            return false;
        }
        if (last == null) {
            return true;
        }
        return last.getType() != DmaScriptLexer.UNTERMINATED_STRING && !CONTINUING.contains(last.getType());
    }

    /** A closer with no opener leaves the input complete: the parser will show the error. */
    private static void close(Deque<Integer> open, int opener) {
        if (open.contains(opener)) {
            while (open.pop() != opener) {
                // an unclosed bracket inside: the closer ends it too, as in the lexer
            }
        }
    }
}
