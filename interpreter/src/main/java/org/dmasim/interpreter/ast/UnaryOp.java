package org.dmasim.interpreter.ast;

public enum UnaryOp {
    NEGATE("-"),
    BIT_NOT("~"),
    NOT("not");

    private final String symbol;

    UnaryOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
