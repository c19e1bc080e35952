package org.dmasim.interpreter.ast;

public enum BinaryOp {
    MUL("*"), DIV("/"), MOD("%"),
    ADD("+"), SUB("-"),
    SHL("<<"), SHR(">>"),
    BIT_AND("&"), BIT_XOR("^"), BIT_OR("|"),
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
    AND("and"), OR("or");

    private final String symbol;

    BinaryOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public static BinaryOp ofSymbol(String symbol) {
        for (BinaryOp op : values()) {
            if (op.symbol.equals(symbol)) {
                return op;
            }
        }
        throw new IllegalArgumentException(symbol);
    }
}
