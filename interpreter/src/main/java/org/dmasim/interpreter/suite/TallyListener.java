package org.dmasim.interpreter.suite;

import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.check.Report;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Summary;

/** Passes every event on and keeps the run's {@link Summary}. */
final class TallyListener implements RunListener {
    private final RunListener next;
    private Summary summary;

    TallyListener(RunListener next) {
        this.next = next;
    }

    Summary summary() {
        return summary;
    }

    @Override
    public void read(SourceSite site, String source, ReadResult result) {
        next.read(site, source, result);
    }

    @Override
    public void report(Report report, SourceSite expectedBy) {
        next.report(report, expectedBy);
    }

    @Override
    public void expectation(SourceSite site, String source, boolean passed, String detail) {
        next.expectation(site, source, passed, detail);
    }

    @Override
    public boolean showsPassedExpectations() {
        return next.showsPassedExpectations();
    }

    @Override
    public void print(String line) {
        next.print(line);
    }

    @Override
    public void summary(Summary s) {
        summary = s;
        next.summary(s);
    }
}
