package org.dmasim.interpreter;

import java.io.PrintStream;
import java.util.List;
import org.dmasim.interpreter.eval.Summary;

/**
 * How a run ended, as data, for the front ends that print it and the API that hands it to a host.
 *
 * @param exit the exit code of {@code dmasim run} ({@link ScenarioRunner#PASS} ... {@link ScenarioRunner#INTERNAL_ERROR})
 * @param summary the tally of a run that completed, or null
 * @param problems the errors that stopped the run (empty when it completed)
 * @param limit the limit that stopped it ({@code timeout}, {@code steps}, {@code memory}, {@code cancelled}), or null
 * @param internal the exception of a bug in dmasim, or null
 */
public record Ending(int exit, Summary summary, List<Problem> problems, String limit, Throwable internal) {
    public Ending {
        problems = List.copyOf(problems);
    }

    /** A run that completed: it passed or failed by its tally. */
    public static Ending completed(Summary summary) {
        return new Ending(summary.pass() ? ScenarioRunner.PASS : ScenarioRunner.FAIL, summary, List.of(), null, null);
    }

    /** A run that did not complete because of errors in the script (or a limit). */
    public static Ending rejected(List<Problem> problems, String limit) {
        return new Ending(ScenarioRunner.SCRIPT_ERROR, null, problems, limit, null);
    }

    /** A bug in dmasim stopped the run. */
    public static Ending crashed(Throwable e, boolean debug) {
        return new Ending(ScenarioRunner.INTERNAL_ERROR, null, List.of(Problem.internal(e, debug)), null, e);
    }

    /** Prints the problems as {@code dmasim run} does: script errors to {@code out}, a bug of dmasim to {@code err}. */
    public void print(PrintStream out, PrintStream err) {
        PrintStream to = internal != null ? err : out;
        for (Problem p : problems) {
            to.print(p.rendered());
        }
    }
}
