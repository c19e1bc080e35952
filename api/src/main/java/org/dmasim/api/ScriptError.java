package org.dmasim.api;

import java.util.Objects;

/**
 * An error that stopped an evaluation or kept it from starting: a syntax error, an unknown name,
 * a bad argument, a limit reached, or (with {@link Status#INTERNAL_ERROR}) a bug in dmasim.
 *
 * @param message the message
 * @param position where it points, or null when it points nowhere (a file that cannot be read, a bug)
 * @param help one line telling how to fix it, or null
 * @param text what dmasim prints for it, with the source line and a caret
 */
public record ScriptError(String message, Position position, String help, String text) {
    /** Checks the parts. */
    public ScriptError {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(text, "text");
    }
}
