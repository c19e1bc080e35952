package org.dmasim.interpreter.ast;

/** Every AST node knows where it came from. */
public sealed interface Node permits Statement, Expr, Field, Argument, Actor, Program {
    Span span();
}
