package org.dmasim.junit.engine;

import java.util.concurrent.atomic.AtomicBoolean;
import org.dmasim.interpreter.suite.ScenarioSuite;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/**
 * What every scenario of one execution shares: the runner, the fail-fast switch, where full
 * results go, and the platform's listener for report entries.
 *
 * @param failed set once any scenario failed; with {@code failFast}, later ones are skipped
 */
record ScenarioExecution(ScenarioSuite suite, boolean failFast, AtomicBoolean failed, ResultSink sink,
        EngineExecutionListener listener) implements EngineExecutionContext {
}
