package org.dmasim.api;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.interpreter.eval.OutcomeText;
import org.dmasim.interpreter.eval.ReadOverExecutions;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Summary;
import org.dmasim.interpreter.output.TextOutput;

/**
 * The interpreter's events turned into the API's records: each gets the text {@code dmasim run}
 * prints for it (rendered by the same {@link TextOutput}), goes to the host's {@link Listener}
 * and is kept for the {@link Result}. Records are built only when someone wants them.
 */
final class Recorder implements RunListener {
    private final Listener listener;
    private final RunListener raw;
    private final boolean keep;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final TextOutput text = new TextOutput(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    private final List<Event> events = new ArrayList<>();
    private Summary summary;
    private String summaryText = "";

    /**
     * @param listener the host's listener, or null; one that is also a {@link RunListener} (a front end of
     *     dmasim itself printing text or JSON) gets the interpreter's events as they are, not records
     * @param keep whether the result keeps the events
     */
    Recorder(Listener listener, boolean keep) {
        this.raw = listener instanceof RunListener r ? r : null;
        this.listener = raw == null ? listener : null;
        this.keep = keep;
    }

    private boolean wanted() {
        return keep || listener != null;
    }

    private String rendered() {
        String s = buffer.toString(StandardCharsets.UTF_8);
        buffer.reset();
        return s;
    }

    @Override
    public void read(SourceSite site, String source, ReadResult result) {
        if (raw != null) {
            raw.read(site, source, result);
        }
        if (wanted()) {
            text.read(site, source, result);
            Read read = new Read(Convert.position(site), source, result.length(), Convert.outcomes(OutcomeText.lines(result)),
                    Convert.segments(result), OutcomeText.mixingNote(result), rendered());
            deliver(read);
            if (listener != null) {
                tell(() -> listener.read(read));
            }
        }
    }

    /**
     * A read of a run with several executions: its outcomes are the union over the executions,
     * each saying in how many it occurs; the segments are those of the first execution reaching it.
     */
    @Override
    public void read(SourceSite site, String source, ReadOverExecutions over) {
        if (raw != null) {
            raw.read(site, source, over);
        }
        if (wanted()) {
            text.read(site, source, over);
            List<Outcome> outcomes = new ArrayList<>(over.outcomes().size());
            for (ReadOverExecutions.Outcome o : over.outcomes()) {
                outcomes.add(new Outcome(o.range(), o.value(), o.stale(), o.witness(), o.executions(), o.schedule()));
            }
            ReadResult first = over.first();
            Read read = new Read(Convert.position(site), source, first.length(), outcomes, Convert.segments(first),
                    over.note(), rendered());
            deliver(read);
            if (listener != null) {
                tell(() -> listener.read(read));
            }
        }
    }

    /** A report of a run with several executions, raised in {@code executions} of them. */
    @Override
    public void report(org.dmasim.engine.check.Report report, SourceSite expectedBy, int executions, int total,
            String interleaving) {
        if (raw != null) {
            raw.report(report, expectedBy, executions, total, interleaving);
        }
        if (wanted()) {
            text.report(report, expectedBy, executions, total, interleaving);
            Report r = Convert.report(report, expectedBy, rendered(), executions);
            deliver(r);
            if (listener != null) {
                tell(() -> listener.report(r));
            }
        }
    }

    @Override
    public void expectation(SourceSite site, String source, boolean passed, String detail, boolean existential) {
        if (raw != null) {
            raw.expectation(site, source, passed, detail, existential);
            if (wanted()) {
                record(site, source, passed, detail);
            }
            return;
        }
        expectation(site, source, passed, detail);
    }

    @Override
    public void print(SourceSite site, String line) {
        if (raw != null) {
            raw.print(site, line);
            if (wanted()) {
                deliverPrint(line);
            }
            return;
        }
        print(line);
    }

    @Override
    public void report(org.dmasim.engine.check.Report report, SourceSite expectedBy) {
        if (raw != null) {
            raw.report(report, expectedBy);
        }
        if (wanted()) {
            text.report(report, expectedBy);
            Report r = Convert.report(report, expectedBy, rendered());
            deliver(r);
            if (listener != null) {
                tell(() -> listener.report(r));
            }
        }
    }

    @Override
    public void expectation(SourceSite site, String source, boolean passed, String detail) {
        if (raw != null) {
            raw.expectation(site, source, passed, detail);
        }
        record(site, source, passed, detail);
    }

    @Override
    public boolean showsPassedExpectations() {
        return wanted() || raw != null && raw.showsPassedExpectations();
    }

    private void record(SourceSite site, String source, boolean passed, String detail) {
        if (wanted()) {
            text.expectation(site, source, passed, detail);
            Expectation e = new Expectation(source, Convert.position(site), passed, detail, rendered());
            deliver(e);
            if (listener != null) {
                tell(() -> listener.expectation(e));
            }
        }
    }

    @Override
    public void print(String line) {
        if (raw != null) {
            raw.print(line);
        }
        deliverPrint(line);
    }

    private void deliverPrint(String line) {
        if (wanted()) {
            Print p = new Print(line);
            deliver(p);
            if (listener != null) {
                tell(() -> listener.print(p));
            }
        }
    }

    @Override
    public void summary(Summary s) {
        if (raw != null) {
            raw.summary(s);
        }
        summary = s;
        text.summary(s);
        summaryText = rendered();
    }

    /** A host listener threw: the evaluation stops and the sandbox rethrows the cause. */
    static final class ListenerFailure extends RuntimeException {
        ListenerFailure(RuntimeException cause) {
            super(cause);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }

    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            throw new ListenerFailure(e);
        }
    }

    private void deliver(Event e) {
        if (keep) {
            events.add(e);
        }
    }

    /** The events kept since the last call, and forgets them (a session's next entry starts empty). */
    List<Event> takeEvents() {
        List<Event> out = List.copyOf(events);
        events.clear();
        return out;
    }

    /** The tally of a completed run, or null. */
    Summary summary() {
        return summary;
    }

    /** The summary lines {@code dmasim run} prints, or empty. */
    String summaryText() {
        return summaryText;
    }
}
