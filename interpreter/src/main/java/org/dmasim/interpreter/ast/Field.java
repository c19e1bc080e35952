package org.dmasim.interpreter.ast;

/** {@code key: value} in a property block or a record literal. */
public record Field(String key, Expr value, Span keySpan, Span span) implements Node {
}
