package org.dmasim.interpreter.explore;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.interpreter.eval.Budget;
import org.dmasim.interpreter.eval.ForkRequest;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.Scheduler;
import org.dmasim.interpreter.eval.Summary;

/**
 * Explores the executions of a program by re-execution (docs/concurrency.md): runs it, records the
 * choice points it met, and runs it again from the start with the last unexplored alternative of
 * the deepest choice point, depth first, until none is left or {@code maxExecutions} ran. A
 * program without jobs and without forks runs exactly once, and its events stream out as before.
 * The front end only has to run its program from the start under the {@link Execution} it is
 * given, so a script engine that cannot copy its state (JavaScript, Python) explores the same way.
 */
public final class Explorer {
    public static final int DEFAULT_MAX_EXECUTIONS = 100_000;

    /**
     * @param maxExecutions stop after this many executions (the result is then {@code bounded})
     * @param reduce partial-order reduction (source-DPOR with sleep sets); off explores every
     *     interleaving, for checking and measuring
     */
    public record Options(int maxExecutions, boolean reduce) {
        public static Options defaults() {
            return new Options(DEFAULT_MAX_EXECUTIONS, true);
        }
    }

    /** A program run once from its start under an execution's scheduler and listener. */
    @FunctionalInterface
    public interface Program {
        void run(Execution execution);
    }

    /**
     * How an exploration ended.
     *
     * @param executions the executions explored (runs cut short as redundant, or to split at a
     *     fork, do not count)
     * @param runs every run of the program, those included
     */
    public record Result(Summary summary, int executions, boolean bounded, int runs) {
    }

    private final Options options;

    public Explorer(Options options) {
        this.options = options;
    }

    /**
     * Explores {@code program}'s executions and sends the merged events, then the summary, to
     * {@code out}. A script error in any execution ends the exploration: the events so far go out,
     * then the error is thrown on.
     */
    public Result explore(Program program, RunListener out) {
        return explore(program, out, null);
    }

    /**
     * How long past a run's time limit the events it kept for the merge may still be folded and
     * shown: the run stopped at the limit (or ended just before it), and what it kept is shown up
     * to this much later, the rest cut short.
     */
    static final long SHOWING_GRACE_NANOS = 500_000_000L;

    /** A run that ended in time but whose kept events were still being shown when its time limit (and grace) passed. */
    public static final class ShowingTooLong extends RuntimeException {
        public ShowingTooLong(Budget.Exceeded late) {
            super(late.getMessage() + " while showing the events kept to merge the executions", null, false, false);
        }
    }

    /**
     * The time limit ran out between two executions of a concurrent scenario, or while the explorer
     * worked out from one which to run next; {@code runs} executions ran.
     */
    public static final class OutOfTime extends RuntimeException {
        public OutOfTime(Budget.Exceeded cause, int runs) {
            super(cause.getMessage() + " while exploring the scenario's executions (after " + runs
                    + (runs == 1 ? " run)" : " runs)"), cause, false, false);
        }
    }

    /** What takes the place of the kept events that were not shown in time. */
    static final String NOT_SHOWN = "(the rest of the events this run kept are not shown: its time limit passed while "
            + "they were)";

    /**
     * {@link #explore(Program, RunListener)} whose folding and showing of kept events ends with
     * {@code clock}'s time limit (plus {@link #SHOWING_GRACE_NANOS}); null for no limit.
     */
    public Result explore(Program program, RunListener out, Budget clock) {
        Runnable onTime = clock == null ? () -> { } : () -> clock.checkDeadline(SHOWING_GRACE_NANOS);
        Runnable analysisOnTime = clock == null ? () -> { } : clock::checkDeadline;
        List<Choice> path = new ArrayList<>();
        Merge merge = new Merge();
        int executions = 0;
        int runs = 0;
        boolean bounded = false;
        boolean concurrent = false;
        while (true) {
            Execution ex = new Execution(path, options.reduce(), runs == 0 ? out : null);
            runs++;
            boolean complete = true;
            try {
                try {
                    program.run(ex);
                } finally {
                    if (runs == 1) {
                        merge.shownAtOnce(ex.log());
                    }
                }
            } catch (ForkRequest f) {
                int at = ex.positionAfterRead(f.read());
                truncate(path, at);
                path.add(new Choice.Data(f.read(), f.classes()));
                concurrent = true;
                continue;
            } catch (Execution.Stop s) {
                complete = false;
                if (s.why == Execution.Stop.Why.REDUNDANT && options.reduce()) {
                    analyze(ex, analysisOnTime, merge, out, executions, concurrent, onTime, runs);
                }
            } catch (Scheduler.Hung h) {
                // an execution that ends in a HANG is complete: its report is in the log
            } catch (RuntimeException | Error e) {
                try {
                    merge.add(ex.log(), onTime);
                    merge.emitEvents(out, executions + 1, concurrent || ex.concurrent(), onTime);
                } catch (Budget.Exceeded late) {
                    out.print(NOT_SHOWN);
                }
                throw e;
            }
            concurrent |= ex.concurrent();
            if (Boolean.getBoolean("dmasim.explore.debug")) {
                System.err.println("run " + runs + (complete ? " complete" : " cut") + ": " + ex.events());
                System.err.println("   path " + path);
            }
            if (complete) {
                executions++;
                try {
                    merge.add(ex.log(), onTime);
                } catch (Budget.Exceeded late) {
                    // folding many long executions can take longer than making them
                    throw notShown(out, late);
                }
                if (!ex.events().isEmpty()) {
                    out.execution(executions, ex.schedule(ex.events().size()));
                }
                if (options.reduce()) {
                    analyze(ex, analysisOnTime, merge, out, executions, concurrent, onTime, runs);
                }
                if (executions >= options.maxExecutions()) {
                    bounded = hasAlternative(path);
                    break;
                }
            }
            if (!backtrack(path)) {
                break;
            }
        }
        Summary summary;
        try {
            summary = merge.emit(out, executions, concurrent, bounded, onTime);
        } catch (Budget.Exceeded late) {
            throw notShown(out, late);
        }
        return new Result(summary, executions, bounded, runs);
    }

    /**
     * {@link Dpor#analyze} of {@code ex}; when the time limit passes meanwhile, the events kept so
     * far are shown (as when it passes in an execution) and the run ends with {@link OutOfTime}.
     */
    private static void analyze(Execution ex, Runnable analysisOnTime, Merge merge, RunListener out, int executions,
            boolean concurrent, Runnable onTime, int runs) {
        try {
            Dpor.analyze(ex.events(), ex.agentCount(), analysisOnTime);
        } catch (Budget.Exceeded late) {
            try {
                merge.emitEvents(out, executions, concurrent || ex.concurrent(), onTime);
            } catch (Budget.Exceeded later) {
                out.print(NOT_SHOWN);
            }
            throw new OutOfTime(late, runs);
        }
    }

    /** Says the rest of the kept events are not shown; the run then ends with the clock's error. */
    private static ShowingTooLong notShown(RunListener out, Budget.Exceeded late) {
        out.print(NOT_SHOWN);
        return new ShowingTooLong(late);
    }

    /** Moves the path to the next alternative, depth first; false when every alternative was explored. */
    private boolean backtrack(List<Choice> path) {
        for (int i = path.size() - 1; i >= 0; i--) {
            Choice c = path.get(i);
            if (c instanceof Choice.Data d) {
                if (d.chosen + 1 < d.classes.size()) {
                    d.chosen++;
                    truncate(path, i + 1);
                    return true;
                }
            } else if (c instanceof Choice.Version v) {
                if (v.chosen + 1 < v.values.size()) {
                    v.chosen++;
                    truncate(path, i + 1);
                    return true;
                }
            } else if (c instanceof Choice.Sched s) {
                s.explored.put(s.agent, s.touches);
                Integer next = nextAgent(s);
                if (next != null) {
                    s.agent = next;
                    s.touches = org.dmasim.engine.footprint.Touches.NONE;
                    truncate(path, i + 1);
                    return true;
                }
            }
            truncate(path, i);
        }
        return false;
    }

    private Integer nextAgent(Choice.Sched s) {
        for (int q : options.reduce() ? s.backtrack : s.enabled) {
            if (!s.explored.containsKey(q) && !(options.reduce() && s.sleep.containsKey(q))) {
                return q;
            }
        }
        return null;
    }

    /** Whether some choice point on the path still has an alternative (so the bound cut something). */
    private boolean hasAlternative(List<Choice> path) {
        for (Choice c : path) {
            if (c instanceof Choice.Data d && d.chosen + 1 < d.classes.size()) {
                return true;
            }
            if (c instanceof Choice.Version v && v.chosen + 1 < v.values.size()) {
                return true;
            }
            if (c instanceof Choice.Sched s) {
                for (int q : options.reduce() ? s.backtrack : s.enabled) {
                    if (q != s.agent && !s.explored.containsKey(q) && !(options.reduce() && s.sleep.containsKey(q))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void truncate(List<Choice> path, int size) {
        while (path.size() > size) {
            path.remove(path.size() - 1);
        }
    }
}
