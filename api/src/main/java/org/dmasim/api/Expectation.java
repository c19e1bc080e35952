package org.dmasim.api;

import java.util.Objects;

/**
 * An {@code expect}, {@code sometimes}, {@code never}, {@code expect report} or {@code expect clean}
 * the script judged.
 *
 * @param source the statement's text
 * @param position where it is
 * @param passed whether it held
 * @param detail why it failed (the values the read could have), or null when it passed
 * @param text what {@code dmasim run} prints for it: the failure with a caret, or nothing when it passed
 */
public record Expectation(String source, Position position, boolean passed, String detail, String text)
        implements Event {
    /** Checks the parts. */
    public Expectation {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(text, "text");
    }
}
