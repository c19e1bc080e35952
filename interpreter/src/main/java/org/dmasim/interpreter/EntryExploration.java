package org.dmasim.interpreter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dmasim.interpreter.ast.Program;
import org.dmasim.interpreter.eval.Cancellation;
import org.dmasim.interpreter.eval.Interpreter;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.Summary;
import org.dmasim.interpreter.explore.Explorer;

/**
 * A concurrent session's entries run again as one program under the explorer (docs/concurrency.md):
 * each execution starts from a fresh machine, runs the earlier entries without showing their
 * events, then the shown ones. Jobs started by an earlier entry run on in the later ones, as
 * they would on a machine that never stopped.
 */
final class EntryExploration {
    /** How many executions {@code :executions} describes at most. */
    static final int DESCRIBED = 50;

    /**
     * How it went.
     *
     * @param first the interpreter of the first execution that ran every entry, or null when none did
     *     (each hung): the session's machine for {@code :state} and names
     */
    record Outcome(Interpreter first, Executions executions) {
    }

    private EntryExploration() {
    }

    /**
     * Explores {@code quiet} then {@code shown}; with {@code finishing}, the remaining job steps and
     * the end-of-run job checks run after them (a session that ends). With {@code named}, positions
     * name their entry ({@code [5]:1:1}); without, statements also tell the listener they finished
     * (a timeline). Script errors are thrown on.
     */
    static Outcome run(List<Session.Entry> quiet, List<Session.Entry> shown, boolean finishing, boolean named,
            ScenarioRunner.Options options, String arch, Path directory, Cancellation cancellation,
            Map<String, Program> parsed, RunListener out) {
        long start = System.nanoTime();
        Interpreter.Loader loader = f -> parsed.computeIfAbsent(f.name() + "\u0000" + f.text(),
                k -> ScenarioRunner.load(f));
        Interpreter[] first = new Interpreter[1];
        List<Executions.One> described = new ArrayList<>();
        Explorer explorer = new Explorer(new Explorer.Options(options.maxExecutions(), options.reduce()));
        Explorer.Result r = explorer.explore(execution -> {
            Interpreter in = new Interpreter(options.kernel(), execution.listener(),
                    options.withCancellation(cancellation).budget(start), loader, arch).withScheduler(execution);
            execution.attach(in);
            in.applyArchOverride();
            execution.showEvents(false);
            for (Session.Entry e : quiet) {
                in.execute(loader.load(e.source()), e.source(), directory, named);
            }
            execution.showEvents(true);
            for (Session.Entry e : shown) {
                in.execute(loader.load(e.source()), e.source(), directory, named);
            }
            // where the CPU stands when the last entry ends: the live point of the session
            Executions.One here = new Executions.One(execution.schedule(), execution.context(), execution.branches());
            if (finishing) {
                in.scheduler().finishing();
            } else {
                // the steps jobs take after the entry show in a later entry (or when the session ends)
                execution.showEvents(false);
                execution.drainJobs();
            }
            if (first[0] == null) {
                first[0] = in;
            }
            if (described.size() < DESCRIBED) {
                described.add(here);
            }
        }, out);
        Summary s = r.summary();
        return new Outcome(first[0], new Executions(r.executions(), r.bounded(), described, s));
    }
}
