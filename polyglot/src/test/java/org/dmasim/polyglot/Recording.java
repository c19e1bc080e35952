package org.dmasim.polyglot;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.check.Report;
import org.dmasim.interpreter.eval.OutcomeText;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Summary;

/** Records what a run shows, front-end neutral: each read's outcomes, each report, the verdict. */
final class Recording implements RunListener {
    final List<String> reads = new ArrayList<>();
    final List<String> reports = new ArrayList<>();
    final List<String> printed = new ArrayList<>();
    int failedExpectations;
    Summary summary;

    @Override
    public void read(SourceSite site, String source, ReadResult result) {
        reads.add(OutcomeText.lines(result).stream()
                .map(l -> (l.range() == null ? "" : "[" + l.range() + "] ") + l.value() + (l.stale() ? " (stale)" : ""))
                .toList().toString());
    }

    /** A read over several executions: the union of its values (the witnesses name front-end positions). */
    @Override
    public void read(SourceSite site, String source, org.dmasim.interpreter.eval.ReadOverExecutions read) {
        reads.add(read.outcomes().stream()
                .map(l -> (l.range() == null ? "" : "[" + l.range() + "] ") + l.value() + (l.stale() ? " (stale)" : ""))
                .toList().toString());
    }

    @Override
    public void report(Report report, SourceSite expectedBy) {
        reports.add(report.code() + " " + report.severity().label() + (expectedBy != null ? " (expected)" : "") + ": "
                + report.message());
    }

    @Override
    public void expectation(SourceSite site, String source, boolean passed, String detail) {
        if (!passed) {
            failedExpectations++;
        }
    }

    @Override
    public void print(String line) {
        printed.add(line);
    }

    @Override
    public void summary(Summary summary) {
        this.summary = summary;
    }
}
