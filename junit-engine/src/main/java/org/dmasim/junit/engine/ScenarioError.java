package org.dmasim.junit.engine;

/**
 * A scenario that could not run (a syntax, name or type error in the script, exit 2) or crashed
 * dmasim (exit 3): reported as a test error rather than a failure, as JUnit reports an exception
 * that is not an assertion. The message is what {@code dmasim run} printed; no Java stack trace.
 */
final class ScenarioError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ScenarioError(String message) {
        super(message, null, false, false);
    }
}
