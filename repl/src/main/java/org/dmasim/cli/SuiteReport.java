package org.dmasim.cli;

import java.time.Duration;
import java.util.List;
import org.dmasim.interpreter.suite.ScenarioResult;

/**
 * What {@code dmasim test} prints while a suite runs: a heading once the scenarios are known,
 * one entry per scenario as it finishes (from the threads that run them, one at a time), and
 * the closing part once all have. {@link ResultTable} prints the table, {@link KtapReport} KTAP.
 */
interface SuiteReport {
    /**
     * @param suite the folder's name
     * @param names every scenario that will run or be skipped, sorted
     */
    void start(String suite, List<String> names);

    /** The {@code n}-th result to come in, from 1. */
    void finished(ScenarioResult result, int n);

    /**
     * @param results every result, in the order they came in
     * @param wall the time from the first scenario's start to the last one's end
     * @param atOnce how many scenarios could run at the same time
     */
    void end(List<ScenarioResult> results, Duration wall, int atOnce);

    /** A line saying where a report file went, in a form that does not break the format. */
    void note(String line);
}
