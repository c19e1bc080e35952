package org.dmasim.api;

/**
 * Sees the events of an evaluation as they happen, for long runs and live displays. Each method
 * does nothing unless overridden. Calls come from the thread running the evaluation, in the
 * order of {@link Result#events()}; an exception thrown here stops the evaluation and comes out
 * of {@link Sandbox#run} or {@link Sandbox#eval} unchanged.
 */
public interface Listener {
    /** A read happened, with every value it could return. */
    default void read(Read read) {
    }

    /** A report was raised. */
    default void report(Report report) {
    }

    /** An expectation was judged. */
    default void expectation(Expectation expectation) {
    }

    /** The script printed a line. */
    default void print(Print print) {
    }
}
