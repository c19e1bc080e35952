package org.dmasim.interpreter.timeline;

import java.util.List;

/**
 * A report raised during a statement (or at the end of the run): code, {@code error} or
 * {@code warning}, message, and the witnesses that make it possible; {@code expected} when an
 * {@code expect report} block expected it.
 */
public record ReportEvent(String code, String severity, String message, List<String> witnesses, boolean expected) {
    public ReportEvent {
        witnesses = List.copyOf(witnesses);
    }
}
