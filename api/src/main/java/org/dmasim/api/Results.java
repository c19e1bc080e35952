package org.dmasim.api;

import org.dmasim.interpreter.Ending;
import org.dmasim.interpreter.ScenarioRunner;

/** How an evaluation ended, turned into a {@link Result}. */
final class Results {
    private Results() {
    }

    /** The result of a whole run; a host listener's exception comes out unchanged. */
    static Result of(Ending ending, Recorder recorder) {
        rethrowListenerFailure(ending.internal());
        Limit limit = ending.limit() == null ? null : Limit.ofLabel(ending.limit());
        Status status = status(ending.exit(), limit);
        return new Result(status, status == Status.LIMIT_EXCEEDED ? limit : null, recorder.takeEvents(),
                Convert.errors(ending.problems()), Convert.tally(recorder.summary()), executions(recorder),
                recorder.summaryText());
    }

    /** What the summary says was explored: one execution unless the scenario had jobs or forks. */
    static Executions executions(Recorder recorder) {
        var summary = recorder.summary();
        if (summary == null || summary.executions() == 0) {
            return Executions.ONE;
        }
        return new Executions(summary.executions(), summary.bounded());
    }

    static Status status(int exit, Limit limit) {
        return switch (exit) {
            case ScenarioRunner.PASS -> Status.PASSED;
            case ScenarioRunner.FAIL -> Status.FAILED;
            case ScenarioRunner.SCRIPT_ERROR -> limit != null ? Status.LIMIT_EXCEEDED : Status.SCRIPT_ERROR;
            default -> Status.INTERNAL_ERROR;
        };
    }

    static void rethrowListenerFailure(Throwable internal) {
        if (internal instanceof Recorder.ListenerFailure f) {
            throw f.getCause();
        }
    }
}
