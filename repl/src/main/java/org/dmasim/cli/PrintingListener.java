package org.dmasim.cli;

import org.dmasim.api.Listener;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.check.Report;
import org.dmasim.interpreter.eval.ReadOverExecutions;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Summary;

/**
 * A printer of the run (text or JSON) as a sandbox listener: being a {@link RunListener} too, it gets the
 * interpreter's events as they are and hands them to the printer (the sandbox builds no records for it).
 */
record PrintingListener(RunListener printer) implements Listener, RunListener {
    @Override
    public void read(SourceSite site, String source, ReadResult result) {
        printer.read(site, source, result);
    }

    @Override
    public void report(Report report, SourceSite expectedBy) {
        printer.report(report, expectedBy);
    }

    @Override
    public void expectation(SourceSite site, String source, boolean passed, String detail) {
        printer.expectation(site, source, passed, detail);
    }

    @Override
    public boolean showsPassedExpectations() {
        return printer.showsPassedExpectations();
    }

    @Override
    public void read(SourceSite site, String source, ReadOverExecutions read) {
        printer.read(site, source, read);
    }

    @Override
    public void report(Report report, SourceSite expectedBy, int executions, int total, String interleaving) {
        printer.report(report, expectedBy, executions, total, interleaving);
    }

    @Override
    public void print(String line) {
        printer.print(line);
    }

    @Override
    public void summary(Summary summary) {
        printer.summary(summary);
    }
}
