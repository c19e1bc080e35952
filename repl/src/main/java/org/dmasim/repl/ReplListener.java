package org.dmasim.repl;

import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.check.Report;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Summary;

/** Shows a session's events through another listener, except while muted (a replay after {@code :arch}). */
final class ReplListener implements RunListener {
    private final RunListener to;
    private boolean muted;

    ReplListener(RunListener to) {
        this.to = to;
    }

    void mute(boolean on) {
        muted = on;
    }

    @Override
    public void read(SourceSite site, String source, ReadResult result) {
        if (!muted) {
            to.read(site, source, result);
        }
    }

    @Override
    public void report(Report report, SourceSite expectedBy) {
        if (!muted) {
            to.report(report, expectedBy);
        }
    }

    @Override
    public void expectation(SourceSite site, String source, boolean passed, String detail) {
        if (!muted) {
            to.expectation(site, source, passed, detail);
        }
    }

    @Override
    public void print(String line) {
        if (!muted) {
            to.print(line);
        }
    }

    @Override
    public void summary(Summary summary) {
        if (!muted) {
            to.summary(summary);
        }
    }
}
