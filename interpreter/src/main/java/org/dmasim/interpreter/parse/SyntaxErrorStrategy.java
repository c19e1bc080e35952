package org.dmasim.interpreter.parse;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.dmasim.grammar.DmaScriptParser;
import org.dmasim.interpreter.diag.SourceFile;

/**
 * ANTLR's recovery (so every error in a script is found) with our own wording: each report goes through
 * {@link SyntaxMessages}, which speaks of names, expressions and newlines instead of token types.
 */
final class SyntaxErrorStrategy extends DefaultErrorStrategy {
    private final SyntaxMessages messages;

    SyntaxErrorStrategy(SourceFile source) {
        this.messages = new SyntaxMessages(source);
    }

    @Override
    protected void reportNoViableAlternative(Parser parser, NoViableAltException e) {
        IntervalSet expected = e.getExpectedTokens();
        report(parser, e.getOffendingToken(), messages.unexpected(parser, e.getOffendingToken(), expected), e);
    }

    @Override
    protected void reportInputMismatch(Parser parser, InputMismatchException e) {
        // Not e.getExpectedTokens(): since 4.10 the exception may carry the state of an inner rule that
        // could have ended here (the 64 of `m[0..64]`), which would offer ']' where '=' is missing.
        IntervalSet expected = parser.getExpectedTokens();
        report(parser, e.getOffendingToken(), messages.unexpected(parser, e.getOffendingToken(), expected), e);
    }

    @Override
    protected void reportFailedPredicate(Parser parser, FailedPredicateException e) {
        report(parser, e.getOffendingToken(), messages.unexpected(parser, e.getOffendingToken(), e.getExpectedTokens()), e);
    }

    @Override
    protected void reportUnwantedToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        Token token = parser.getCurrentToken();
        report(parser, token, messages.extra(parser, token, getExpectedTokens(parser)), null);
    }

    @Override
    protected void reportMissingToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        Token token = parser.getCurrentToken();
        report(parser, token, messages.missing(parser, token, getExpectedTokens(parser)), null);
    }

    /**
     * Never invent a '{': the parser would then read the rest of the line as a block's body and end with a
     * second, confusing "missing '}'". Without it, recovery skips to the next statement.
     */
    @Override
    protected boolean singleTokenInsertion(Parser parser) {
        if (parser.getExpectedTokens().contains(DmaScriptParser.LBRACE)) {
            return false;
        }
        return super.singleTokenInsertion(parser);
    }

    private static void report(Parser parser, Token token, String message, RecognitionException e) {
        parser.notifyErrorListeners(token, message, e);
    }
}
