package org.dmasim.interpreter.parse;

import java.util.List;
import org.dmasim.interpreter.ast.Program;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.SourceFile;

/**
 * What parsing a script gives: its program and every syntax error found, in source order. When there are
 * errors the program holds only the statements that could be built; do not run it.
 */
public record ParseResult(SourceFile source, Program program, List<Diagnostic> diagnostics) {
    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
