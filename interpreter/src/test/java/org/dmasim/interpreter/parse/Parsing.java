package org.dmasim.interpreter.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.diag.DiagnosticRenderer;
import org.dmasim.interpreter.diag.SourceFile;

/** Shortcuts for tests: parse text that must be free of errors. */
final class Parsing {
    private Parsing() {
    }

    static List<Statement> statements(String text) {
        SourceFile source = SourceFile.of("test.dma", text);
        ParseResult result = new ScriptParser().parse(source);
        assertEquals("", DiagnosticRenderer.renderAll(result.diagnostics(), source), "errors in: " + text);
        return result.program().statements();
    }

    static Statement statement(String text) {
        List<Statement> statements = statements(text);
        assertEquals(1, statements.size(), () -> "statements of: " + text + " -> " + statements);
        return statements.get(0);
    }

    static Expr expr(String text) {
        return ((Statement.ExprStatement) statement(text)).expr();
    }
}
