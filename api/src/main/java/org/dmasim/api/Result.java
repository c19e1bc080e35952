package org.dmasim.api;

import java.util.List;
import java.util.Objects;

/**
 * Everything an evaluation showed and how it ended, as immutable data.
 *
 * <p>{@link #events()} holds the reads, reports, expectations and printed lines in the order
 * they happened ({@link #reads()}, {@link #reports()}, {@link #expectations()} and
 * {@link #printed()} pick one kind). When the sandbox was built with
 * {@link SandboxBuilder#keepEvents keepEvents(false)} the list is empty and a {@link Listener}
 * saw them instead; the tally still counts them.
 *
 * @param status how it ended
 * @param limit the limit that stopped it when {@code status} is {@link Status#LIMIT_EXCEEDED}, else null
 * @param events what it showed, in order
 * @param errors the errors that stopped it (empty when it completed)
 * @param tally the expectations and unexpected reports counted, or null when it did not complete
 * @param executions how many executions it explored
 * @param summary the last lines {@code dmasim run} prints for a completed run (the tally and {@code PASS} or
 *     {@code FAIL}), or empty (an evaluation that stopped, a {@link Session} entry)
 */
public record Result(Status status, Limit limit, List<Event> events, List<ScriptError> errors, Tally tally,
        Executions executions, String summary) {
    /** Copies the lists. */
    public Result {
        Objects.requireNonNull(status, "status");
        if ((status == Status.LIMIT_EXCEEDED) != (limit != null)) {
            throw new IllegalArgumentException("a limit goes with LIMIT_EXCEEDED, and only with it");
        }
        events = List.copyOf(events);
        errors = List.copyOf(errors);
        Objects.requireNonNull(executions, "executions");
        Objects.requireNonNull(summary, "summary");
    }

    /** Whether it passed: the {@code expect}s held and no unexpected error report was raised. */
    public boolean passed() {
        return status == Status.PASSED;
    }

    /** The exit code {@code dmasim run} would give: 0 passed, 1 failed, 2 script error or limit, 3 internal error. */
    public int exitCode() {
        return status.exitCode();
    }

    /** The reads, in order. */
    public List<Read> reads() {
        return events.stream().filter(Read.class::isInstance).map(Read.class::cast).toList();
    }

    /** The reports, in order, expected ones included. */
    public List<Report> reports() {
        return events.stream().filter(Report.class::isInstance).map(Report.class::cast).toList();
    }

    /** The judged expectations, in order. */
    public List<Expectation> expectations() {
        return events.stream().filter(Expectation.class::isInstance).map(Expectation.class::cast).toList();
    }

    /** The lines the script printed with {@code print(...)}, in order. */
    public List<String> printed() {
        return events.stream().filter(Print.class::isInstance).map(e -> ((Print) e).line()).toList();
    }

    /**
     * What {@code dmasim run} prints for this evaluation: every event, the errors, and the summary
     * (an internal error, which {@code dmasim run} prints on standard error, comes last here).
     */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (Event e : events) {
            b.append(e.text());
        }
        for (ScriptError e : errors) {
            b.append(e.text());
        }
        return b.append(summary).toString();
    }
}
