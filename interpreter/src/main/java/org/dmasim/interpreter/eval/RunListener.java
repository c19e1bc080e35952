package org.dmasim.interpreter.eval;

import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.check.Report;

/**
 * What a run shows, as events: the text printer and the JSON printer are two listeners.
 */
public interface RunListener {
    /** A read happened: {@code source} is its text ({@code cpu reads rx[0..64]}). */
    void read(SourceSite site, String source, ReadResult result);

    /**
     * A report was raised. {@code expectedBy} is the {@code expect report} statement that expects
     * it, or null.
     */
    void report(Report report, SourceSite expectedBy);

    /** An expectation was judged; {@code detail} says why it failed (or null when it passed). */
    void expectation(SourceSite site, String source, boolean passed, String detail);

    /**
     * Whether a passed expectation becomes output here (a line, a JSON event, a record kept): the
     * output limit counts it only then, so a run that prints failures alone may pass any number.
     */
    default boolean showsPassedExpectations() {
        return true;
    }

    /**
     * The same, saying how it combines over executions: {@code existential} ({@code expect
     * sometimes}, {@code expect report}) holds when it holds in one execution, the others in every
     * execution that reaches it (docs/concurrency.md).
     */
    default void expectation(SourceSite site, String source, boolean passed, String detail, boolean existential) {
        expectation(site, source, passed, detail);
    }

    /** {@code print(x)}. */
    void print(String line);

    /** {@code print(x)} at {@code site}: the explorer keys prints by where they come from. */
    default void print(SourceSite site, String line) {
        print(line);
    }

    /**
     * A read of a run with several executions (docs/concurrency.md): the union of its outcomes over
     * every execution that reached it, each with its witness and how many executions gave it.
     * By default a listener sees the first execution's result as a plain read.
     */
    default void read(SourceSite site, String source, ReadOverExecutions read) {
        read(site, source, read.first());
    }

    /**
     * A report of a run with several executions: raised in {@code executions} of {@code total}
     * executions, shown with the first one's witness. By default a plain report.
     */
    default void report(Report report, SourceSite expectedBy, int executions, int total, String interleaving) {
        report(report, expectedBy);
    }

    /**
     * A read of the first execution after executions began to differ. Its merged form over every
     * execution comes later through {@link #read(SourceSite, String, ReadOverExecutions)}; listeners
     * that follow one execution statement by statement (a timeline) take this one, printers ignore it.
     */
    default void firstExecutionRead(SourceSite site, String source, ReadResult result) {
    }

    /** A report of the first execution after executions began to differ (see {@link #firstExecutionRead}). */
    default void firstExecutionReport(Report report, SourceSite expectedBy) {
    }

    /**
     * One complete execution of a run with device jobs or forks, as the explorer finishes it: its
     * number (from 1) and its steps in order from the first job's start, each as who took it and
     * where ({@code cpu 12:1}, {@code nic 14:5}). Pictures draw the interleavings from these.
     */
    default void execution(int number, java.util.List<String> schedule) {
    }

    /** The end of a completed run. */
    void summary(Summary summary);

    /**
     * A statement of the scenario (not of an imported file, not a block or loop around others)
     * finished, its reports already handed out. Tools that record the machine after each statement
     * (timelines, traces) look at it here through {@code interpreter}, read-only.
     */
    default void statementDone(org.dmasim.interpreter.ast.Statement statement, SourceSite site,
            Interpreter interpreter) {
    }

    /**
     * Whether {@link #statementDone} does anything here: the evaluator makes no site per statement
     * for a listener that ignores them (printers). True unless a listener says otherwise.
     */
    default boolean followsStatements() {
        return true;
    }
}
