package org.dmasim.interpreter.ast;

/** Who reads or writes: {@code cpu} or a declared device's name. */
public record Actor(String name, Span span) implements Node {
    public static final String CPU = "cpu";

    public boolean isCpu() {
        return CPU.equals(name);
    }
}
