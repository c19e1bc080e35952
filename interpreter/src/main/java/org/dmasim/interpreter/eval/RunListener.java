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

    /** {@code print(x)}. */
    void print(String line);

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
}
