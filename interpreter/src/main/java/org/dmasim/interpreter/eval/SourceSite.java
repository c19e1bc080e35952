package org.dmasim.interpreter.eval;

import org.dmasim.engine.Site;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.diag.SourceFile;

/**
 * The interpreter's {@link Site}: a span in a source file. It prints as {@code line:col}, with the
 * file name in front when the site is in another file than the scenario (an imported library).
 */
public record SourceSite(SourceFile file, Span span, boolean foreign) implements Site {
    public int line() {
        return file.line(span.start());
    }

    public int column() {
        return file.column(span.start());
    }

    @Override
    public String toString() {
        return (foreign ? file.name() + ":" : "") + line() + ":" + column();
    }
}
