package org.dmasim.api;

import java.util.Objects;
import java.util.function.Consumer;

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

    /** A listener that hands every event, whatever its kind, to {@code each} (e.g. to print {@link Event#text()}). */
    static Listener of(Consumer<? super Event> each) {
        Objects.requireNonNull(each, "each");
        return new Listener() {
            @Override
            public void read(Read read) {
                each.accept(read);
            }

            @Override
            public void report(Report report) {
                each.accept(report);
            }

            @Override
            public void expectation(Expectation expectation) {
                each.accept(expectation);
            }

            @Override
            public void print(Print print) {
                each.accept(print);
            }
        };
    }
}
