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
public final class SourceSite implements Site {
    private final SourceFile file;
    private final Span span;
    private final boolean foreign;
    private final List<Long> iteration;
    /** {@link #position()} when the creator knew it (an evaluator computes it once per span), or null. */
    private final String position;
    /** {@link #toString()}, once asked: the engine names the site in the text of every operation. */
    private String text;

    public SourceSite(SourceFile file, Span span, boolean foreign, List<Long> iteration) {
        this(file, span, foreign, List.copyOf(iteration), null);
    }

    /**
     * {@code iteration} immutable already; {@code position} is {@link #position()}'s text, made
     * once per span by the evaluator (the iteration's text only when the site is printed).
     */
    SourceSite(SourceFile file, Span span, boolean foreign, List<Long> iteration, String position) {
        this.file = file;
        this.span = span;
        this.foreign = foreign;
        this.iteration = iteration;
        this.position = position;
    }

    public SourceSite(SourceFile file, Span span, boolean foreign) {
        this(file, span, foreign, List.of());
    }

    public SourceFile file() {
        return file;
    }

    public Span span() {
        return span;
    }

    public boolean foreign() {
        return foreign;
    }

    /** The iteration of each enclosing loop (1-based, outermost first; empty outside loops). */
    public List<Long> iteration() {
        return iteration;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceSite s && s.file.equals(file) && s.span.equals(span) && s.foreign == foreign
                && s.iteration.equals(iteration);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(file, span, foreign, iteration);
    }

    public int line() {
        return file.line(span.start());
    }

    public int column() {
        return file.column(span.start());
    }

    /** {@code line:col} (with a foreign file's name), without the iteration. */
    public String position() {
        if (position != null) {
            return position;
        }
        return (foreign ? file.name() + ":" : "") + line() + ":" + column();
    }

    /** {@code #5}, {@code #2.5}, or the empty string outside loops. */
    public String iterationText() {
        return iterationText(iteration);
    }

    static String iterationText(List<Long> iteration) {
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
        String t = text;
        if (t == null) {
            t = iteration.isEmpty() ? position() : position() + " " + iterationText();
            text = t;
        }
        return t;
    }
}
