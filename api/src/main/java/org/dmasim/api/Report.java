package org.dmasim.api;

import java.util.List;
import java.util.Objects;

/**
 * A finding of the emulated kernel or hardware: a stale read, a dma-debug check, a leak.
 *
 * @param code the stable code ({@code STALE_READ}, {@code DMA_LEAK}); docs/reference.md lists them
 * @param severity error or warning
 * @param message the message, in the kernel's words where the kernel has one
 * @param position the statement that raised it, or null (a leak found at the end of the run)
 * @param help what the driver should call instead, or null
 * @param witnesses the event chains that make it possible
 * @param expectedBy the {@code expect report} block that expects it, or null: an expected report does not fail
 *     the run
 * @param executions in how many of the run's executions it is raised (1 until scenarios run concurrent device
 *     jobs)
 * @param text what {@code dmasim run} prints for it (with the source line and a caret)
 */
public record Report(String code, Severity severity, String message, Position position, String help,
        List<String> witnesses, Position expectedBy, long executions, String text) implements Event {
    /** Copies the list. */
    public Report {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        witnesses = List.copyOf(witnesses);
        Objects.requireNonNull(text, "text");
    }

    /** Whether this report fails the run: an error not expected by an {@code expect report} block. */
    public boolean fails() {
        return severity == Severity.ERROR && expectedBy == null;
    }
}
