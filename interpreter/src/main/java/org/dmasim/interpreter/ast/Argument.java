package org.dmasim.interpreter.ast;

/** A call argument, positional ({@code key == null}) or keyword ({@code peer2peer: true}). */
public record Argument(String key, Expr value, Span span) implements Node {
}
