package org.dmasim.api;

import java.util.Objects;

/**
 * A place in a script: the file's name as given to the sandbox ({@code <eval>} for text),
 * and the 1-based line and column (counted in characters).
 *
 * @param file the script's name
 * @param line the line, from 1
 * @param column the column, from 1
 */
public record Position(String file, int line, int column) {
    /** Checks the parts. */
    public Position {
        Objects.requireNonNull(file, "file");
    }

    /** {@code file:line:column}, as dmasim prints positions. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
