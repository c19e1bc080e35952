package org.dmasim.fuzz;

import java.time.Duration;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.sessions.JqwikSession;

/**
 * The fuzzing loop: draws programs from the jqwik arbitraries (generated programs, their
 * JavaScript-translatable kind, mutations of the corpus) with a fixed seed, checks each with the
 * {@link Oracle}, and shrinks every finding to a minimal program with jqwik's shrinkables.
 */
final class FuzzLoop {
    /**
     * @param programs stop after this many (or at {@code time}, whichever first)
     * @param jsEvery every n-th program is a translatable one, also run from JavaScript (0: never; a
     *     multiple of {@code mutateEvery} is never, as mutants come first)
     * @param stateEvery every n-th program also runs entry by entry through a REPL session (0: never)
     * @param mutateEvery every n-th program is a mutated corpus scenario (0: never)
     * @param concurrent generated programs lean on device jobs, waits, fences and dma_resv calls
     * @param heapEvery every n-th program also has its retained heap measured against its budget (0: never)
     */
    record Config(long seed, long programs, Duration time, int maxOps, int jsEvery, int stateEvery, int mutateEvery,
            boolean shrink, boolean concurrent, int heapEvery) {
        /**
         * The long campaign's: every check at the rate it costs (system properties
         * {@code fuzz.jsEvery}, {@code fuzz.stateEvery}, {@code fuzz.heapEvery} change them).
         */
        static Config campaign(long seed, long programs, Duration time, boolean shrink) {
            return new Config(seed, programs, time, 30, Integer.getInteger("fuzz.jsEvery", 21),
                    Integer.getInteger("fuzz.stateEvery", 16), 5, shrink, false, Integer.getInteger("fuzz.heapEvery", 25));
        }
    }

    private static final int GEN_SIZE = 1000;
    /** At most this long per finding: a shrunk program is better, a stuck loop is not. */
    private static final Duration SHRINK_TIME = Duration.ofSeconds(90);

    private FuzzLoop() {
    }

    static Stats run(Config c, Consumer<String> log) {
        Stats stats = new Stats();
        JqwikSession.start();
        try {
            loop(c, stats, log);
        } finally {
            JqwikSession.finish();
        }
        return stats;
    }

    private static void loop(Config c, Stats stats, Consumer<String> log) {
        Random random = new Random(c.seed());
        RandomGenerator<Programs.Program> programs = (c.concurrent() ? Programs.concurrent(c.maxOps())
                : Programs.programs(c.maxOps())).generator(GEN_SIZE);
        RandomGenerator<Programs.Program> translatable = Programs.translatable(c.maxOps()).generator(GEN_SIZE);
        RandomGenerator<Mutations.Mutant> mutants = Mutations.mutants().generator(GEN_SIZE);
        Oracle oracle = new Oracle(stats);
        Oracle shrinker = new Oracle(new Stats());
        warmUp(c.jsEvery() > 0);
        long start = System.nanoTime();
        long deadline = start + c.time().toNanos();
        long lastLog = start;
        for (long i = 1; i <= c.programs() && System.nanoTime() < deadline; i++) {
            boolean state = c.stateEvery() > 0 && i % c.stateEvery() == 0;
            boolean heap = c.heapEvery() > 0 && i % c.heapEvery() == 0;
            Finding f;
            if (c.mutateEvery() > 0 && i % c.mutateEvery() == 0) {
                Shrinkable<Mutations.Mutant> m = mutants.next(random);
                stats.mutated++;
                f = check(oracle, m.value().text(), null, state, heap);
                if (f != null && shrinks(c, f)) {
                    long s0 = System.nanoTime();
                    f = shrink(m, mu -> check(shrinker, mu.text(), null, state, heap), f);
                    stats.shrinkNanos += System.nanoTime() - s0;
                }
            } else {
                boolean js = c.jsEvery() > 0 && i % c.jsEvery() == 0;
                Shrinkable<Programs.Program> p = (js ? translatable : programs).next(random);
                stats.generated++;
                f = check(oracle, p.value(), js, state, heap);
                if (f != null && shrinks(c, f)) {
                    long s0 = System.nanoTime();
                    f = shrink(p, pr -> check(shrinker, pr, js, state, heap), f);
                    stats.shrinkNanos += System.nanoTime() - s0;
                }
            }
            if (f != null) {
                stats.finding(f);
                log.accept("FINDING " + f);
            }
            long now = System.nanoTime();
            if (now - lastLog > Duration.ofMinutes(1).toNanos()) {
                stats.nanos = now - start;
                log.accept("progress: " + stats);
                lastLog = now;
            }
        }
        stats.nanos = System.nanoTime() - start;
    }

    /**
     * One small program through the parser, the resolver and a run before the timed loop: the
     * first run of a JVM loads the parser and the engine, which a program's time limit (it starts
     * after parsing) does not count but the oracle's measure of the whole run would. With {@code js},
     * the same from JavaScript: the first guest run loads and initializes the polyglot engine and
     * the JavaScript language (seconds on a loaded machine; the campaign's first JavaScript program
     * "ran" 8 s past a 1 s limit that way, a finding of the harness, not of dmasim).
     */
    private static void warmUp(boolean js) {
        String program = "device nic { dma_mask: 32 }\nlet b = alloc_pages(4096)\n"
                + "let m = dma_map_single(nic, b, DMA_TO_DEVICE)\ndma_unmap_single(nic, m, DMA_TO_DEVICE)\n";
        var options = new org.dmasim.interpreter.ScenarioRunner.Options(null, Duration.ofSeconds(60),
                org.dmasim.interpreter.ScenarioRunner.Options.DEFAULT_STEPS, false);
        Oracle.resolves(program);
        Runs.dma(program, Oracle.NAME, Oracle.WORK, options, false);
        if (js) {
            Runs.js("let nic = dmasim.device(\"nic\", {dma_mask: 32});\nlet b = dmasim.alloc_pages(4096);\n"
                    + "let m = dmasim.dma_map_single(nic, b, dmasim.DMA_TO_DEVICE);\n"
                    + "dmasim.dma_unmap_single(nic, m, dmasim.DMA_TO_DEVICE);\n", "fuzz.js", Oracle.WORK, options);
        }
    }

    private static Finding check(Oracle oracle, Programs.Program p, boolean js, boolean state, boolean heap) {
        if (!js) {
            return check(oracle, p.dma(), null, state, heap);
        }
        // the .dma side is the same code as the JavaScript (written for JavaScript: whole buffers, no slices)
        var code = p.code(true);
        String jsText;
        try {
            jsText = JsPrinter.program(code);
        } catch (JsPrinter.Untranslatable e) {
            jsText = null;
        }
        return check(oracle, DmaPrinter.program(code), jsText, state, heap);
    }

    private static Finding check(Oracle oracle, String dma, String js, boolean state, boolean heap) {
        try {
            return oracle.check(dma, js, state, heap);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return new Finding("oracle-throws", e.toString(), dma);
        }
    }

    /**
     * Whether to shrink {@code f}: not an OutOfMemoryError, whose candidates would fill the heap
     * again and again (the campaign itself ran out of memory shrinking one).
     */
    private static boolean shrinks(Config c, Finding f) {
        return c.shrink() && !f.kind().equals("out-of-memory") && !f.kind().equals("js-out-of-memory");
    }

    /** Greedy shrinking: take the first smaller candidate that still fails the same way, until none does. */
    private static <T> Finding shrink(Shrinkable<T> start, Function<T, Finding> check, Finding found) {
        try {
            return shrinkGreedily(start, check, found);
        } catch (OutOfMemoryError e) {
            return found; // the candidates themselves filled the heap: the program as found
        }
    }

    private static <T> Finding shrinkGreedily(Shrinkable<T> start, Function<T, Finding> check, Finding found) {
        Shrinkable<T> current = start;
        Finding best = found;
        int attempts = 0;
        long deadline = System.nanoTime() + SHRINK_TIME.toNanos();
        boolean progress = true;
        while (progress && attempts < 400 && System.nanoTime() < deadline) {
            progress = false;
            var candidates = current.shrink().limit(100).iterator();
            while (candidates.hasNext() && attempts < 400 && System.nanoTime() < deadline) {
                Shrinkable<T> candidate = candidates.next();
                attempts++;
                Finding f = check.apply(candidate.value());
                if (f != null && f.kind().equals(found.kind())) {
                    current = candidate;
                    best = f;
                    progress = true;
                    break;
                }
            }
        }
        return best;
    }
}
