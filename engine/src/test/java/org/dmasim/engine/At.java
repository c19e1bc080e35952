package org.dmasim.engine;

/** A test site that prints as {@code line:col}, like the interpreter's. */
public record At(int line, int col) implements Site {
    public static At at(int line) {
        return new At(line, 1);
    }

    @Override
    public String toString() {
        return line + ":" + col;
    }
}
