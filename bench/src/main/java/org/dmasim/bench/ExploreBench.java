package org.dmasim.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.SilentListener;
import org.dmasim.interpreter.eval.Summary;

/**
 * Partial-order reduction measured: the receive ring of {@link RingScenario} for N = 1, 2, 4, 8,
 * 16 descriptors, explored with the reduction and without (which stops at a bound), each row the
 * wall time of one whole exploration with the executions in its description.
 * Target: the 16-descriptor ring explores in under 10 s.
 */
public final class ExploreBench {
    static final int[] SIZES = {1, 2, 4, 8, 16};
    /** Without the reduction a ring of 4 already has more interleavings than this: stop there. */
    static final int UNREDUCED_BOUND = 1_000;

    /** How one exploration ended. */
    record Run(double millis, Summary summary) {
    }

    private ExploreBench() {
    }

    static Run explore(String source, boolean reduce, int bound) {
        Summary[] summary = new Summary[1];
        RunListener listener = new SilentListener() {
            @Override
            public void summary(Summary s) {
                summary[0] = s;
            }
        };
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        var options = new ScenarioRunner.Options(null, Duration.ofMinutes(10), 100_000_000L, false)
                .withExploration(bound, reduce);
        long t0 = System.nanoTime();
        int exit = ScenarioRunner.run(new SourceFile("ring.dma", source), null, options, listener, sink, sink);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (exit > 1 || summary[0] == null) {
            throw new IllegalStateException("the ring scenario did not run (exit " + exit + ")");
        }
        return new Run(ms, summary[0]);
    }

    /** Only this group, as a table: {@code java -cp ... org.dmasim.bench.ExploreBench [--quick]}. */
    public static void main(String[] args) {
        List<Measurement> rows = new java.util.ArrayList<>();
        run(new BenchRunner.Options(args.length > 0 && args[0].equals("--quick"), 1), rows);
        System.out.print(BenchReport.table(rows));
    }

    /**
     * One row per ring size and mode, each one exploration (after a warm-up of the smallest ring).
     * Scaled-down runs (tests) take only the two smallest rings and a small bound.
     */
    static void run(BenchRunner.Options o, List<Measurement> out) {
        boolean tiny = o.scale() < 1;
        int[] sizes = tiny ? new int[] {1, 2} : SIZES;
        int unreducedBound = tiny ? 200 : UNREDUCED_BOUND;
        explore(RingScenario.source(1, 1), true, 100_000);
        for (int perLine : new int[] {1, 4}) {
            for (int n : sizes) {
                String source = RingScenario.source(n, perLine);
                for (boolean reduce : new boolean[] {true, false}) {
                    int bound = reduce ? 100_000 : unreducedBound;
                    Run run = explore(source, reduce, bound);
                    Summary s = run.summary();
                    String name = "explore.ring" + n + (perLine == 1 ? "" : ".shared") + (reduce ? ".dpor" : ".all");
                    String what = "receive ring of " + n + " descriptor" + (n == 1 ? "" : "s")
                            + (perLine == 1 ? " (one per cache line)" : " (" + perLine + " per cache line)") + ", "
                            + (reduce ? "with" : "without") + " partial-order reduction: " + s.executions()
                            + " executions" + (s.bounded() ? " (stopped at the bound)" : "");
                    boolean target = reduce && n == 16;
                    out.add(Measurement.of(name, what, "ms", new double[] {run.millis()},
                            target ? 10_000 : Double.NaN, true));
                }
            }
        }
    }
}
