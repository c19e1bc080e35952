package org.dmasim.interpreter.check;

import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.SourceFile;

/** One diagnostic and the file it points into (a script, or a library it imports). */
public record Finding(SourceFile file, Diagnostic diagnostic) {
    /** 1-based line of the start. */
    public int line() {
        return file.line(diagnostic.span().start());
    }

    /** 1-based column of the start. */
    public int column() {
        return file.column(diagnostic.span().start());
    }
}
