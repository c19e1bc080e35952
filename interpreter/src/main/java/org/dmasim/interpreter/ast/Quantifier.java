package org.dmasim.interpreter.ast;

/** How an {@code expect} judges a read's outcome set (herd7's forall / exists / ~exists). */
public enum Quantifier {
    /** No keyword: a read must always equal the value; any other condition must be true. */
    DEFAULT,
    ALWAYS,
    SOMETIMES,
    NEVER
}
