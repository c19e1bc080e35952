package org.dmasim.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.SyntaxFailure;

/**
 * Checks one program against every invariant: the whole run ({@link Invariants}), the REPL's
 * failed entries leaving the machine as it was ({@link StateCheck}, for some programs), and the
 * same program from JavaScript giving the same reads and reports ({@link JsCheck}, for the
 * programs that have a JavaScript form). Counts what it saw in {@link Stats}.
 */
final class Oracle {
    static final Path WORK = Path.of("target", "fuzz-work").toAbsolutePath();
    static final String NAME = "fuzz.dma";

    private final Stats stats;

    Oracle(Stats stats) {
        this.stats = stats;
        try {
            Files.createDirectories(WORK);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The limits a program runs with. Generated programs finish in milliseconds unless they loop
     * without end, and those spend their whole time limit: with 1 s for most programs the limits
     * took over half a campaign's time. So most run with 250 ms, one in five with 1 s (long enough
     * for a bulk read of the whole budget), and one in ten with a tight step budget so that limit
     * gets hit too.
     */
    static ScenarioRunner.Options options(long hash) {
        Duration timeout = Math.floorMod(hash, 5) == 0 ? Duration.ofSeconds(1) : Duration.ofMillis(250);
        long steps = Math.floorMod(hash >>> 8, 10) == 0 ? 20_000 : ScenarioRunner.Options.DEFAULT_STEPS;
        return new ScenarioRunner.Options(null, timeout, steps, false);
    }

    /** Whether the program parses and every name in it resolves (what "valid" means for the tally). */
    static boolean resolves(String text) {
        try {
            var program = ScenarioRunner.load(new SourceFile(NAME, text));
            return ScenarioRunner.resolve(program, WORK).isEmpty();
        } catch (SyntaxFailure f) {
            return false;
        }
    }

    /**
     * @param js the JavaScript form of the same program, or null
     * @param state whether to also run it entry by entry through a REPL session
     */
    Finding check(String dma, String js, boolean state) {
        return check(dma, js, state, false);
    }

    /**
     * {@code heap}: measure the heap the run retained against its budget ({@link HeapCheck}); runs
     * that charged much are measured anyway.
     */
    Finding check(String dma, String js, boolean state, boolean heap) {
        long hash = dma.hashCode();
        if (resolves(dma)) {
            count(() -> stats.resolved++);
        }
        ScenarioRunner.Options options = options(hash);
        long t0 = System.nanoTime();
        Runs.Run run = Runs.dma(dma, NAME, WORK, options, js != null, true);
        long t1 = System.nanoTime();
        count(() -> stats.runNanos += t1 - t0);
        count(() -> {
            stats.exits.merge(run.exit(), 1L, Long::sum);
            if (run.exit() == 0 || run.exit() == 1) {
                stats.completed++;
            } else if (run.exit() == 2) {
                stats.scriptErrors++;
                if (run.output().contains("(the step budget") || run.output().contains("(the time limit")
                        || run.output().contains("memory budget exceeded") || run.output().contains("recursed too deeply")) {
                    stats.limits++;
                }
            }
        });
        Finding f = Invariants.check(run, options, dma, false);
        if (f != null) {
            return f;
        }
        long h0 = System.nanoTime();
        f = HeapCheck.check(run, dma, stats, heap);
        long h1 = System.nanoTime();
        count(() -> stats.heapNanos += h1 - h0);
        if (f != null) {
            return f;
        }
        if (state) {
            Duration limit = StateCheck.OPTIONS.timeout().multipliedBy(2 * dma.lines().count() + 2).plus(Runs.ABANDON_AFTER);
            Finding[] found = new Finding[1];
            long t2 = System.nanoTime();
            Boolean ended = Runs.bounded(limit, () -> {
                found[0] = StateCheck.check(dma, stats);
                return true;
            });
            long t3 = System.nanoTime();
            count(() -> stats.stateNanos += t3 - t2);
            if (ended == null) {
                return new Finding("hang", "the REPL entries did not end within " + limit.toSeconds() + " s", dma);
            }
            if (found[0] != null) {
                return found[0];
            }
        }
        if (js != null) {
            long t4 = System.nanoTime();
            f = JsCheck.check(dma, js, run, stats);
            long t5 = System.nanoTime();
            count(() -> stats.jsNanos += t5 - t4);
        }
        return f;
    }

    private void count(Runnable r) {
        synchronized (stats) {
            r.run();
        }
    }
}
