package org.dmasim.interpreter.eval;

import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.check.Report;

/**
 * Shows nothing: for replays that rebuild a session's machine. Extend it to hear only one kind of
 * event (a benchmark the summary, a test the reads).
 */
public class SilentListener implements RunListener {
    @Override
    public void read(SourceSite site, String source, ReadResult result) {
    }

    @Override
    public void report(Report report, SourceSite expectedBy) {
    }

    @Override
    public void expectation(SourceSite site, String source, boolean passed, String detail) {
    }

    @Override
    public boolean showsPassedExpectations() {
        return false;
    }

    @Override
    public void print(String line) {
    }

    @Override
    public void summary(Summary summary) {
    }
}
