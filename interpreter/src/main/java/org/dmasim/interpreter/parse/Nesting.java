package org.dmasim.interpreter.parse;

import java.util.ArrayDeque;
import java.util.Deque;
import org.antlr.v4.runtime.Token;
import org.dmasim.grammar.DmaScriptLexer;
import org.dmasim.interpreter.diag.Diagnostic;

/**
 * How deeply a script nests, measured on its tokens before it is parsed: brackets and blocks, and
 * the operators that chain inside one expression (each makes the tree one level deeper). The
 * parser, the AST builder, the resolver and the evaluator all recurse on that depth, so a script
 * past {@link #LIMIT} is refused up front with a syntax error where it passes the limit, instead
 * of overflowing the Java stack somewhere inside.
 */
final class Nesting {
    /** Far beyond what a scenario needs; well within what a 512 KiB thread stack parses and runs. */
    static final int LIMIT = 200;

    private Nesting() {
    }

    /** The error for the first token that nests past the limit, or null. */
    static Diagnostic check(Iterable<? extends Token> tokens) {
        // per open bracket: how many operators chain in the expression at that level so far
        Deque<int[]> levels = new ArrayDeque<>();
        levels.push(new int[1]);
        int depth = 0;
        for (Token t : tokens) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            switch (t.getType()) {
                case DmaScriptLexer.LPAREN, DmaScriptLexer.LBRACK, DmaScriptLexer.LBRACE -> {
                    levels.push(new int[1]);
                    depth += 1 + levels.peek()[0];
                }
                case DmaScriptLexer.RPAREN, DmaScriptLexer.RBRACK, DmaScriptLexer.RBRACE -> {
                    if (levels.size() > 1) {
                        depth -= 1 + levels.pop()[0];
                    }
                }
                case DmaScriptLexer.NL, DmaScriptLexer.SEMI, DmaScriptLexer.COMMA -> {
                    depth -= levels.peek()[0];
                    levels.peek()[0] = 0;
                }
                case DmaScriptLexer.PLUS, DmaScriptLexer.MINUS, DmaScriptLexer.STAR, DmaScriptLexer.SLASH,
                        DmaScriptLexer.PERCENT, DmaScriptLexer.PIPE, DmaScriptLexer.AMP, DmaScriptLexer.CARET,
                        DmaScriptLexer.TILDE, DmaScriptLexer.SHL, DmaScriptLexer.SHR, DmaScriptLexer.EQ,
                        DmaScriptLexer.NE, DmaScriptLexer.LT, DmaScriptLexer.LE, DmaScriptLexer.GT, DmaScriptLexer.GE,
                        DmaScriptLexer.AND, DmaScriptLexer.OR, DmaScriptLexer.NOT, DmaScriptLexer.DOT,
                        DmaScriptLexer.READS, DmaScriptLexer.ELSE -> {
                    levels.peek()[0]++;
                    depth++;
                }
                default -> {
                }
            }
            if (depth > LIMIT) {
                return Diagnostic.syntax("the script nests too deeply here: more than " + LIMIT
                        + " levels of brackets, blocks and operators", AstBuilder.span(t))
                        .withHelp("split the expression with let, or the block into functions");
            }
        }
        return null;
    }
}
