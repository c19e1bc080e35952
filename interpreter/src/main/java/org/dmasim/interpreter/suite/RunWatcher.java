package org.dmasim.interpreter.suite;

import java.nio.file.Path;
import org.dmasim.interpreter.eval.RunListener;

/**
 * Sees every scenario a {@link ScenarioSuite} runs: it may put a listener of its own in front of
 * the suite's ({@code dmasim test --html} records each run this way). Called from the threads
 * that run the scenarios, once per scenario.
 */
@FunctionalInterface
public interface RunWatcher {
    RunWatcher NONE = (file, next) -> next;

    /** The listener the run of {@code file} reports to; it passes every event on to {@code next}. */
    RunListener around(Path file, RunListener next);
}
