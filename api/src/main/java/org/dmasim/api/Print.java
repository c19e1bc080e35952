package org.dmasim.api;

import java.util.Objects;

/**
 * A line the script printed with {@code print(...)}.
 *
 * @param line the line, without its newline
 */
public record Print(String line) implements Event {
    /** Checks the line. */
    public Print {
        Objects.requireNonNull(line, "line");
    }

    /** The line and a newline. */
    @Override
    public String text() {
        return line + "\n";
    }
}
