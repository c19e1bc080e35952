package org.dmasim.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.suite.ScenarioResult;
import org.dmasim.junit.engine.ResultSink;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Joins the engine's full results to the platform's events and hands each scenario, as it
 * finishes or is skipped, to the {@link SuiteReport}; keeps them, in that order, for the end.
 * The platform calls it from the threads that run scenarios: one scenario is reported at a time.
 */
final class SuiteListener implements TestExecutionListener, ResultSink {
    private final Map<UniqueId, ScenarioResult> ran = new ConcurrentHashMap<>();
    private final List<ScenarioResult> results = new ArrayList<>();
    private final SuiteReport report;

    SuiteListener(SuiteReport report) {
        this.report = report;
    }

    @Override
    public void finished(UniqueId scenario, ScenarioResult result) {
        ran.put(scenario, result);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isTest()) {
            ScenarioResult r = ran.remove(id.getUniqueIdObject());
            add(r != null ? r : crashed(id, result));
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            add(new ScenarioResult(id.getDisplayName(), file(id), ScenarioResult.Status.SKIPPED, -1, Duration.ZERO, null,
                    "", reason, Duration.ZERO));
        }
    }

    private synchronized void add(ScenarioResult r) {
        results.add(r);
        report.finished(r, results.size());
    }

    synchronized List<ScenarioResult> results() {
        return List.copyOf(results);
    }

    /** The engine failed around the scenario, not in it: a dmasim bug, shown as an internal error. */
    private static ScenarioResult crashed(TestIdentifier id, TestExecutionResult result) {
        String why = result.getThrowable().map(Throwable::toString).orElse(result.getStatus().toString());
        return new ScenarioResult(id.getDisplayName(), file(id), ScenarioResult.Status.ERROR,
                ScenarioRunner.INTERNAL_ERROR, Duration.ZERO, null, "internal error: " + why + " (this is a bug in dmasim)\n",
                "internal error in dmasim", Duration.ZERO);
    }

    private static Path file(TestIdentifier id) {
        return id.getSource().filter(FileSource.class::isInstance).map(s -> ((FileSource) s).getFile().toPath())
                .orElse(Path.of(id.getDisplayName()));
    }
}
