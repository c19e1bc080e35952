package org.dmasim.interpreter.eval;

import java.util.List;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.SourceFile;

/** A file did not parse: every syntax error in it, for the runner to print. */
public final class SyntaxFailure extends RuntimeException {
    private final transient SourceFile file;
    private final transient List<Diagnostic> diagnostics;

    public SyntaxFailure(SourceFile file, List<Diagnostic> diagnostics) {
        super(diagnostics.size() + " syntax error(s) in " + file.name());
        this.file = file;
        this.diagnostics = List.copyOf(diagnostics);
    }

    public SourceFile file() {
        return file;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
