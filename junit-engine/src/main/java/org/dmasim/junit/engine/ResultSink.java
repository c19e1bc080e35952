package org.dmasim.junit.engine;

import org.dmasim.interpreter.suite.ScenarioResult;
import org.junit.platform.engine.UniqueId;

/**
 * Receives each scenario's full result as it finishes, before the platform reports it finished:
 * what {@code dmasim test} prints in its table beyond pass/fail (reports, CPU time). Called from
 * the threads that run the scenarios.
 */
@FunctionalInterface
public interface ResultSink {
    ResultSink NONE = (scenario, result) -> { };

    void finished(UniqueId scenario, ScenarioResult result);
}
