package org.dmasim.interpreter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.check.Report;
import org.dmasim.interpreter.eval.Interpreter;
import org.dmasim.interpreter.eval.ReadOverExecutions;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Summary;

/**
 * What one session entry shows, on its way to the session's listener. An entry run on the live
 * machine shows its events at once until its first read with several outcomes, and holds the
 * rest until it ends: should a condition on that read fork, the entry is explored from its start
 * and must not have shown what differs between executions. The explored run then skips the events
 * the live attempt already showed (they are the same: the explorer streams the same prefix).
 * No summary goes through: a session has none per entry.
 */
final class EntryOutput implements RunListener {
    private final RunListener to;
    private final boolean holdAfterUncertain;
    private int skip;
    private boolean holding;
    private int shown;
    private final List<Consumer<RunListener>> held = new ArrayList<>();

    private EntryOutput(RunListener to, boolean holdAfterUncertain, int skip) {
        this.to = to;
        this.holdAfterUncertain = holdAfterUncertain;
        this.skip = skip;
    }

    /** An entry on the live machine: events at once until its first uncertain read, then held. */
    static EntryOutput live(RunListener to) {
        return new EntryOutput(to, true, 0);
    }

    /** An explored entry, after a live attempt that showed {@code shown} events of it. */
    static EntryOutput explored(RunListener to, int shown) {
        return new EntryOutput(to, false, shown);
    }

    /** How many events went out so far (held ones not counted). */
    int shown() {
        return shown;
    }

    /** The entry ended on the live machine: what was held goes out. */
    void flush() {
        held.forEach(c -> c.accept(to));
        held.clear();
        holding = false;
    }

    private void deliver(Consumer<RunListener> event) {
        if (skip > 0) {
            skip--;
        } else if (holding) {
            held.add(event);
        } else {
            event.accept(to);
            shown++;
        }
    }

    @Override
    public void read(SourceSite site, String source, ReadResult result) {
        if (holdAfterUncertain && !result.isCertain()) {
            holding = true;
        }
        deliver(l -> l.read(site, source, result));
    }

    @Override
    public void read(SourceSite site, String source, ReadOverExecutions read) {
        deliver(l -> l.read(site, source, read));
    }

    @Override
    public void report(Report report, SourceSite expectedBy) {
        deliver(l -> l.report(report, expectedBy));
    }

    @Override
    public void report(Report report, SourceSite expectedBy, int executions, int total, String interleaving) {
        deliver(l -> l.report(report, expectedBy, executions, total, interleaving));
    }

    @Override
    public void expectation(SourceSite site, String source, boolean passed, String detail) {
        deliver(l -> l.expectation(site, source, passed, detail));
    }

    @Override
    public void expectation(SourceSite site, String source, boolean passed, String detail, boolean existential) {
        deliver(l -> l.expectation(site, source, passed, detail, existential));
    }

    @Override
    public void print(String line) {
        deliver(l -> l.print(line));
    }

    @Override
    public void print(SourceSite site, String line) {
        deliver(l -> l.print(site, line));
    }

    @Override
    public void firstExecutionRead(SourceSite site, String source, ReadResult result) {
        to.firstExecutionRead(site, source, result);
    }

    @Override
    public void firstExecutionReport(Report report, SourceSite expectedBy) {
        to.firstExecutionReport(report, expectedBy);
    }

    @Override
    public void statementDone(org.dmasim.interpreter.ast.Statement statement, SourceSite site, Interpreter interpreter) {
        to.statementDone(statement, site, interpreter);
    }

    @Override
    public boolean followsStatements() {
        return to.followsStatements();
    }

    @Override
    public void summary(Summary summary) {
        // an entry has no summary line; the REPL says how many executions it explored
    }
}
