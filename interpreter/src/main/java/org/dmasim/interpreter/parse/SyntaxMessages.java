package org.dmasim.interpreter.parse;

import static org.dmasim.grammar.DmaScriptParser.*;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.dmasim.interpreter.diag.SourceFile;

/**
 * Words a syntax error the way a script's author thinks: "expected an expression", "missing '}' at end of
 * file (block opened at 3:10)". The hand-written messages for common mistakes come first (looked up by the
 * rule the parser was in and what it needed); the rest say what was found and what could come there.
 */
final class SyntaxMessages {
    private final SourceFile source;

    SyntaxMessages(SourceFile source) {
        this.source = source;
    }

    /** The offending token cannot go on the input (ANTLR's mismatch and no-viable-alternative). */
    String unexpected(Parser parser, Token offending, IntervalSet expected) {
        return compose(parser, offending, ExpectedTokens.of(expected), false);
    }

    /** The offending token is one too many: what follows it would fit. */
    String extra(Parser parser, Token offending, IntervalSet expected) {
        return compose(parser, offending, ExpectedTokens.of(expected), true);
    }

    /** A token is missing before the offending one. */
    String missing(Parser parser, Token offending, IntervalSet expected) {
        return compose(parser, offending, ExpectedTokens.of(expected), false);
    }

    private String compose(Parser parser, Token offending, ExpectedTokens expected, boolean extra) {
        int type = offending.getType();
        Token opener = unclosedOpener(parser.getInputStream(), offending);
        if (opener != null && expected.has(closerOf(opener.getType()))) {
            String where = source.position(opener.getStartIndex());
            String what = describeOpener(parser, opener) + " opened at " + where;
            if (type == Token.EOF) {
                return "missing " + quote(closerOf(opener.getType())) + " at end of file (" + what + ")";
            }
            if (isCloser(type) || offending.getLine() > previous(parser, offending).getLine()) {
                return "missing " + quote(closerOf(opener.getType())) + " before " + found(offending) + " (" + what + ")";
            }
        }
        if (type == ELSE && !expected.has(ELSE)) {
            return "'else' without an 'if' before it";
        }
        if (expected.expressionStart() && !expected.statementStart()) {
            return "expected an expression";
        }
        String contextual = contextual(parser.getContext(), previous(parser, offending), expected);
        if (contextual != null) {
            return contextual;
        }
        if (isCloser(type)) {
            return "unexpected " + found(offending);
        }
        if (expected.statementEnd() && type != Token.EOF) {
            return "expected a newline or ';' before " + found(offending);
        }
        if (extra) {
            return "unexpected " + found(offending);
        }
        String choices = expected.describe();
        return choices.isEmpty() ? "unexpected " + found(offending) : "unexpected " + found(offending) + ", expected " + choices;
    }

    /** Hand-written messages for common mistakes, by the rule the parser was in and what it needed. */
    private static String contextual(ParserRuleContext ctx, Token previous, ExpectedTokens expected) {
        int before = previous == null ? Token.INVALID_TYPE : previous.getType();
        if (ctx instanceof WriteStmtContext && expected.has(ASSIGN)) {
            return "expected '=' after 'writes TARGET'";
        }
        if (ctx instanceof LetStmtContext) {
            if (before == LET) {
                return "expected a name after 'let'";
            }
            if (expected.has(ASSIGN)) {
                return "expected '=' after 'let NAME'";
            }
        }
        if (ctx instanceof FnDeclContext) {
            if (before == FN) {
                return "expected a function name after 'fn'";
            }
            if (before == COMMA) {
                return "expected a parameter name after ','";
            }
            if (expected.has(LPAREN) && expected.size() == 1) {
                return "expected '(' after 'fn NAME'";
            }
            if (expected.has(RPAREN)) {
                return before == LPAREN || before == IDENT && !expected.has(IDENT)
                        ? "expected ',' or ')' in the parameter list"
                        : "expected a parameter name";
            }
        }
        if (ctx instanceof ForStmtContext) {
            if (before == FOR) {
                return "expected a loop variable after 'for'";
            }
            if (expected.has(IN)) {
                return "expected 'in' after 'for NAME'";
            }
        }
        if (ctx instanceof AsyncContext) {
            if (before == ASYNC) {
                return "expected the device that runs the job after 'async', as in: async nic { ... }";
            }
            if (before == VIA) {
                return "expected a doorbell accessor after 'via'";
            }
            if (expected.has(LBRACE)) {
                return "expected the job's body in '{ }' (or 'after' and its fences) after 'async "
                        + (previous == null ? "DEV" : previous.getText()) + "'";
            }
        }
        if (ctx instanceof ExpectReportContext && expected.has(IDENT)) {
            return "expected a report code after " + (before == COMMA ? "','" : "'expect report'");
        }
        if (ctx instanceof ExpectReportContext && expected.has(COMMA)) {
            return "expected ',' or '{' after a report code";
        }
        if (ctx instanceof IfClauseContext && expected.has(IF)) {
            return "expected 'if' or '{' after 'else'";
        }
        if (ctx instanceof DeviceDeclContext && expected.has(IDENT)) {
            return before == COLON ? "expected a preset name after ':'" : "expected a device name after 'device'";
        }
        if (ctx instanceof PresetDeclContext && expected.has(IDENT)) {
            return before == COLON ? "expected a preset name after ':'" : "expected a preset name after 'preset'";
        }
        if (ctx instanceof ProfileDeclContext && expected.has(IDENT)) {
            return "expected a profile name after 'profile'";
        }
        if (ctx instanceof ArchDeclContext && expected.has(IDENT)) {
            return "expected an arch name after 'arch', such as arm64 or x86_64";
        }
        if (ctx instanceof ImportStmtContext && expected.has(STRING)) {
            return "expected a quoted path after 'import'";
        }
        if (ctx instanceof BlockContext && expected.has(LBRACE) && !expected.has(RBRACE)) {
            return "expected '{' " + blockOwner(ctx.getParent());
        }
        if (ctx instanceof PropertiesContext) {
            if (expected.has(LBRACE) && !expected.has(RBRACE)) {
                return "expected '{' to start the list of fields";
            }
            if (expected.has(IDENT)) {
                return "expected a field name";
            }
            if (expected.has(RBRACE)) {
                return "expected ',' or a newline between fields";
            }
        }
        if (ctx instanceof FieldContext && expected.has(COLON)) {
            return "expected ':' after the field name";
        }
        if ((ctx instanceof CallContext || ctx instanceof ArgumentContext) && expected.has(RPAREN)) {
            return "expected ',' or ')' after an argument";
        }
        if (ctx instanceof ListLiteralContext && expected.has(RBRACK)) {
            return "expected ',' or ']' in the list";
        }
        if (ctx instanceof SliceContext && expected.has(RBRACK)) {
            return "expected '..' or ']' after the index";
        }
        if (ctx instanceof LabelContext && ctx.getParent() instanceof FieldAccessContext) {
            return "expected a field name after '.'";
        }
        if (ctx instanceof LabelContext) {
            return "expected a field name";
        }
        if (ctx instanceof ParenContext && expected.has(RPAREN)) {
            return "expected ')'";
        }
        return null;
    }

    private static String blockOwner(ParserRuleContext owner) {
        if (owner instanceof IfClauseContext) {
            return "after the if condition";
        }
        if (owner instanceof WhileStmtContext) {
            return "after the while condition";
        }
        if (owner instanceof ForStmtContext) {
            return "after 'for NAME in ...'";
        }
        if (owner instanceof FnDeclContext) {
            return "to start the function body";
        }
        if (owner instanceof ExpectReportContext) {
            return "after the report codes";
        }
        return "to start a block";
    }

    /** The innermost bracket still open before {@code offending}, or null. */
    private static Token unclosedOpener(TokenStream tokens, Token offending) {
        Deque<Token> open = new ArrayDeque<>();
        for (int i = 0; i < offending.getTokenIndex() && i < tokens.size(); i++) {
            Token token = tokens.get(i);
            switch (token.getType()) {
                case LPAREN, LBRACK, LBRACE -> open.push(token);
                case RPAREN, RBRACK, RBRACE -> {
                    int opener = openerOf(token.getType());
                    if (open.stream().anyMatch(t -> t.getType() == opener)) {
                        while (open.pop().getType() != opener) {
                            // an unclosed bracket inside is closed along with it, as the lexer does
                        }
                    }
                }
                default -> {
                }
            }
        }
        return open.peek();
    }

    private static String describeOpener(Parser parser, Token opener) {
        for (ParserRuleContext ctx = parser.getContext(); ctx != null; ctx = ctx.getParent()) {
            if (ctx.getStart() == opener && ctx instanceof BlockContext) {
                return "block";
            }
        }
        return quote(opener.getType());
    }

    /** The last real token before {@code offending} (newlines count; comments and blanks do not). */
    private static Token previous(Parser parser, Token offending) {
        TokenStream tokens = parser.getInputStream();
        for (int i = offending.getTokenIndex() - 1; i >= 0; i--) {
            Token token = tokens.get(i);
            if (token.getChannel() == Token.DEFAULT_CHANNEL) {
                return token;
            }
        }
        return offending;
    }

    private static final Set<Integer> CLOSERS = Set.of(RPAREN, RBRACK, RBRACE);

    private static boolean isCloser(int type) {
        return CLOSERS.contains(type);
    }

    private static int closerOf(int opener) {
        return switch (opener) {
            case LPAREN -> RPAREN;
            case LBRACK -> RBRACK;
            default -> RBRACE;
        };
    }

    private static int openerOf(int closer) {
        return switch (closer) {
            case RPAREN -> LPAREN;
            case RBRACK -> LBRACK;
            default -> LBRACE;
        };
    }

    private static String quote(int type) {
        return VOCABULARY.getLiteralName(type);
    }

    /** The found token in the user's words: {@code 'foo'}, {@code end of line}, {@code end of file}. */
    static String found(Token token) {
        return switch (token.getType()) {
            case Token.EOF -> "end of file";
            case NL -> "end of line";
            default -> {
                String text = token.getText();
                yield "'" + (text.length() > 24 ? text.substring(0, 21) + "..." : text) + "'";
            }
        };
    }
}
