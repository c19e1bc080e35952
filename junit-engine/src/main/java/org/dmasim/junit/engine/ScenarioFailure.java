package org.dmasim.junit.engine;

import org.opentest4j.AssertionFailedError;

/**
 * A scenario that ran and failed (an expectation, or an error report): reported as a test
 * failure, with what {@code dmasim run} printed as the message and no Java stack trace, which
 * would only point into dmasim.
 */
final class ScenarioFailure extends AssertionFailedError {
    private static final long serialVersionUID = 1L;

    ScenarioFailure(String message) {
        super(message);
        setStackTrace(new StackTraceElement[0]);
    }
}
