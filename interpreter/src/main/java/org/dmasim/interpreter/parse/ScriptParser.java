package org.dmasim.interpreter.parse;

import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CodePointBuffer;
import org.antlr.v4.runtime.CodePointCharStream;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.dmasim.grammar.DmaScriptLexer;
import org.dmasim.grammar.DmaScriptParser;
import org.dmasim.interpreter.ast.Program;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.diag.SyntaxErrorListener;

/** The one way into the parser: script text in, AST and syntax errors out. */
public final class ScriptParser {

    /** Parses a whole script, collecting every syntax error rather than stopping at the first. */
    public ParseResult parse(SourceFile source) {
        SyntaxErrorListener listener = new SyntaxErrorListener();
        DmaScriptLexer measure = new DmaScriptLexer(charStream(source));
        measure.removeErrorListeners();
        Diagnostic tooDeep = Nesting.check(measure.getAllTokens());
        if (tooDeep != null) {
            return new ParseResult(source, new Program(List.of(), new org.dmasim.interpreter.ast.Span(0, 0)), List.of(tooDeep));
        }
        ScriptLexer lexer = new ScriptLexer(charStream(source));
        lexer.removeErrorListeners();
        lexer.addErrorListener(listener);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        DmaScriptParser parser = new DmaScriptParser(tokens);
        parser.removeErrorListeners();
        DmaScriptParser.ProgramContext tree;
        // Two stages, as ANTLR's docs advise: the fast SLL mode parses every correct script; only a script
        // with an error is parsed again in full LL mode, with recovery and our wording of the errors.
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            tree = parser.program();
        } catch (ParseCancellationException syntaxError) {
            tokens.seek(0);
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.addErrorListener(listener);
            parser.setErrorHandler(new SyntaxErrorStrategy(source));
            tree = parser.program();
        }

        List<Diagnostic> diagnostics = new ArrayList<>();
        for (Diagnostic diagnostic : listener.diagnostics()) {
            diagnostics.add(KeywordHints.withHint(diagnostic, tokens));
        }
        boolean broken = !diagnostics.isEmpty();
        Program program = new AstBuilder(diagnostics::add, broken).visitProgram(tree);
        diagnostics.sort(Comparator.comparingInt(d -> d.span().start()));
        return new ParseResult(source, program, diagnostics);
    }

    /**
     * Whether a REPL entry is complete (jshell's question): false while a '(', '[' or '{' is open, while the
     * last line ends inside a string, or right after an operator, '=', ',', '..', 'reads' or 'else'.
     * Anything else is complete, even if it does not parse, so that its error gets shown.
     */
    public boolean isComplete(String text) {
        return Completeness.isComplete(new DmaScriptLexer(charStream(SourceFile.of("<repl>", text))));
    }

    /**
     * Every token of {@code text} but blanks and newlines, for the REPL's highlighter: it colours with the
     * real lexer, so it can never disagree with the parser about what is a keyword or a number.
     */
    public List<Lexeme> lexemes(String text) {
        DmaScriptLexer lexer = new DmaScriptLexer(charStream(SourceFile.of("<repl>", text)));
        lexer.removeErrorListeners();
        List<Lexeme> lexemes = new ArrayList<>();
        for (Token token = lexer.nextToken(); token.getType() != Token.EOF; token = lexer.nextToken()) {
            Lexeme.Kind kind = Lexemes.kindOf(token.getType());
            if (kind != null) {
                lexemes.add(new Lexeme(kind, token.getText(), AstBuilder.span(token)));
            }
        }
        return lexemes;
    }

    /**
     * The text as UTF-16 units, not code points: ANTLR's offsets are then the same char offsets as
     * Java strings use, so spans index the text directly even past an emoji.
     */
    static CharStream charStream(SourceFile source) {
        return CodePointCharStream.fromBuffer(CodePointBuffer.withChars(CharBuffer.wrap(source.text().toCharArray())), source.name());
    }
}
