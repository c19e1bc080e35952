package org.dmasim.interpreter.diag;

/**
 * How text output marks what matters: {@link #PLAIN}, or colours for a terminal, which the command
 * line supplies (the interpreter prints no escape codes of its own).
 */
@FunctionalInterface
public interface Style {
    /** What a piece of text is, so a terminal style can colour it. */
    enum Role {
        /** {@code error[CODE]:}, the carets under an error, {@code ERROR} in a table. */
        ERROR,
        /** {@code warning[CODE]:} and the carets under a warning. */
        WARNING,
        /** {@code file:line:col:} at the start of a message or a read. */
        LOCATION,
        /** The {@code = help:} and {@code = note:} labels. */
        NOTE,
        /** {@code (stale)} after an outcome the hardware may return instead of the latest value. */
        STALE,
        /** {@code PASS}, {@code pass}. */
        PASS,
        /** {@code FAIL}. */
        FAIL
    }

    Style PLAIN = (role, text) -> text;

    String paint(Role role, String text);
}
