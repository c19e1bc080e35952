package org.dmasim.interpreter.eval;

import java.util.List;
import org.dmasim.engine.Site;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.diag.SourceFile;

/**
 * The interpreter's {@link Site}: a span in a source file, and the iteration of each enclosing
 * loop it ran in (1-based, outermost first). It prints as {@code line:col}, with the file name in
 * front when the site is in another file than the scenario (an imported library), and the
 * iteration after it: {@code 20:9 #5} for the fifth iteration, {@code 20:9 #2.5} in nested loops.
 */
public record SourceSite(SourceFile file, Span span, boolean foreign, List<Long> iteration) implements Site {
    public SourceSite {
        iteration = List.copyOf(iteration);
    }

    public SourceSite(SourceFile file, Span span, boolean foreign) {
        this(file, span, foreign, List.of());
    }

    public int line() {
        return file.line(span.start());
    }

    public int column() {
        return file.column(span.start());
    }

    /** {@code line:col} (with a foreign file's name), without the iteration. */
    public String position() {
        return (foreign ? file.name() + ":" : "") + line() + ":" + column();
    }

    /** {@code #5}, {@code #2.5}, or the empty string outside loops. */
    public String iterationText() {
        if (iteration.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("#");
        for (int i = 0; i < iteration.size(); i++) {
            b.append(i == 0 ? "" : ".").append(iteration.get(i));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return iteration.isEmpty() ? position() : position() + " " + iterationText();
    }
}
