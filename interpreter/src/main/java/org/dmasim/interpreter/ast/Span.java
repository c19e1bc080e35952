package org.dmasim.interpreter.ast;

/** A half-open range of character offsets in the source text; line and column are computed when shown. */
public record Span(int start, int end) {
    public static final Span NONE = new Span(0, 0);

    public Span to(Span other) {
        return new Span(Math.min(start, other.start), Math.max(end, other.end));
    }
}
