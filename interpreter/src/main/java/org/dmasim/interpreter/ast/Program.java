package org.dmasim.interpreter.ast;

import java.util.List;

/** A whole script (or one REPL entry). */
public record Program(List<Statement> statements, Span span) implements Node {
    public Program {
        statements = List.copyOf(statements);
    }
}
