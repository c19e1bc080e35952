package org.dmasim.interpreter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.dmasim.engine.memory.MemoryBudget;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.output.TextOutput;
import org.junit.jupiter.api.Test;

/**
 * Limits hold inside one long engine call, not only between statements: the step budget and the
 * deadline are the engine's pulse, so a single statement that walks many pages stops at its own
 * position. Also the limits that have no step count: recursion depth and a budget the heap cannot back.
 */
class EngineLimitsTest {
    private record Run(int exit, String out) {
    }

    private static Run run(String script, Duration timeout, long steps) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = ScenarioRunner.run(new SourceFile("t.dma", script), null,
                new ScenarioRunner.Options(null, timeout, steps, false), new TextOutput(out), out, out);
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    /** One statement, a read of 16384 pages (a beat per page): far more beats than the statements before take steps. */
    private static final String ONE_LONG_CALL = """
            let v = vmalloc(64MiB)
            cpu reads v
            """;

    @Test
    void theStepBudgetStopsALongCallInsideIt() {
        Run r = run(ONE_LONG_CALL, Duration.ofMinutes(5), 2000);
        assertEquals(ScenarioRunner.SCRIPT_ERROR, r.exit(), r.out());
        assertTrue(r.out().contains("t.dma:2:1: error: the script took more than 2000 steps (the step budget"), r.out());
    }

    @Test
    void theDeadlineStopsALongCallInsideIt() {
        // the deadline has passed before the run starts: the first look at the clock (every 16 beats
        // of a long call, every 1024 statement steps) stops it, inside vmalloc's 16384 pages
        Run r = run(ONE_LONG_CALL, Duration.ofNanos(1), 50_000_000);
        assertEquals(ScenarioRunner.SCRIPT_ERROR, r.exit(), r.out());
        assertTrue(r.out().contains("t.dma:1:9: error: the script ran longer than")
                || r.out().contains("t.dma:1:1: error: the script ran longer than"), r.out());
        assertTrue(r.out().contains("(the time limit"), r.out());
    }

    @Test
    void anEngineBeatReadsTheClockEverySixteenUnitsAStatementEvery1024() {
        // found by fuzzing: a loop of 4 MiB allocations, each zeroing its lines through the cache in
        // a few hundred beats, ran a second past a 250 ms limit between two looks at the clock
        Budget beats = new Budget(Long.MAX_VALUE, Duration.ofNanos(1));
        int n = 0;
        try {
            while (n < 100) {
                n++;
                beats.beat();
            }
        } catch (Budget.Exceeded e) {
            assertEquals(Budget.TIMEOUT, e.limit(), e.getMessage());
        }
        assertEquals(16, n, "the beat that read the clock");
        Budget ticks = new Budget(Long.MAX_VALUE, Duration.ofNanos(1));
        for (int i = 0; i < 1000; i++) {
            ticks.tick(); // a statement's step is cheap: the clock is read every 1024 only
        }
    }

    @Test
    void theDeadlineStopsManyShortExecutions() {
        // found by fuzzing: each execution of a concurrent scenario counts its steps anew, and one of
        // fewer than 1024 steps never read the clock, so 420 of them ran 2.3 s past a 200 ms limit
        String script = """
                device d { dma_mask: 64, coherent: true }
                let c = dma_alloc_coherent(d, 64)
                let j1 = async d { d writes c.dma[0..1] = 1; d writes c.dma[1..2] = 2; d writes c.dma[2..3] = 3 }
                let j2 = async d { d writes c.dma[3..4] = 4; d writes c.dma[4..5] = 5; d writes c.dma[5..6] = 6 }
                cpu reads c.cpu[0..1]
                cpu reads c.cpu[3..4]
                wait j1
                wait j2
                """;
        Run all = run(script, Duration.ofMinutes(5), 50_000_000);
        assertEquals(ScenarioRunner.PASS, all.exit(), all.out());
        assertTrue(all.out().matches("(?s).*explored [0-9]{2,} executions.*"), all.out());
        Run r = run(script, Duration.ofNanos(1), 50_000_000);
        assertEquals(ScenarioRunner.SCRIPT_ERROR, r.exit(), r.out());
        // stopped in the first execution (a job's write beats the clock) or right after it, never
        // after exploring the rest
        assertTrue(r.out().contains("the script ran longer than 0 s (the time limit; raise it with --timeout)"), r.out());
        assertFalse(r.out().contains("explored"), r.out());
        assertFalse(r.out().contains("after 2 runs"), r.out());
    }

    @Test
    void manyPendingFencesEndInTheBudgetErrorWithItsPosition() {
        // a dma_resv kept every pending fence uncharged, and each add scanned all of them for a
        // signalled one: a loop of adds was quadratic and ended in an OutOfMemoryError
        String script = """
                machine { memory_budget: 2MiB }
                let buf = dma_heap_alloc(4KiB)
                dma_resv_lock(buf)
                for i in 0..1000000 {
                    dma_resv_reserve_fences(buf, 1)
                    dma_resv_add_fence(buf, dma_fence_create(), DMA_RESV_USAGE_WRITE)
                }
                """;
        Run r = run(script, Duration.ofMinutes(1), 50_000_000);
        assertEquals(ScenarioRunner.SCRIPT_ERROR, r.exit(), r.out());
        assertTrue(r.out().contains("t.dma:6:5: error: dma_resv_add_fence: memory budget exceeded: 1 more fence in a"
                + " dma_resv ("), r.out());
    }

    @Test
    void aLoopOfReadsWhileAJobRunsEndsInTheBudgetErrorWithItsPosition() {
        // found by fuzzing: every read kept for the merge got a copy of the execution's schedule up
        // to it, one step more each round, uncharged: the merge made n^2/2 steps of lists and ran
        // out of heap (under a 256 MiB budget) before the budget's error
        String script = """
                machine { memory_budget: 64MiB }
                device cam { dma_mask: 64, coherent: true }
                let c = dma_alloc_coherent(cam, 4096)
                let j = async cam { cam reads c.dma[0..64] }
                for i in 0..1000000000 { cpu reads c.cpu[0..64] }
                """;
        Run r = run(script, Duration.ofMinutes(5), 50_000_000);
        assertEquals(ScenarioRunner.SCRIPT_ERROR, r.exit(), r.out().substring(Math.max(0, r.out().length() - 2000)));
        assertTrue(r.out().contains("t.dma:5:26: error: memory budget exceeded: "),
                r.out().substring(Math.max(0, r.out().length() - 2000)));
    }

    @Test
    void keepingAReportThatFailsIsAScriptErrorAtItsStatement() {
        // found by fuzzing: a concurrent run keeps each report for the merge, charged to the budget,
        // when the statement hands it over (in a finally block): in a loop, the loop's own hand-over
        // failed again and escaped as it was, an internal error in place of the statement's error
        String script = """
                let b = alloc_pages(64)
                free_pages(b)
                for i in 0..3 {
                    free_pages(b)
                }
                """;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        RunListener refusing = new SilentListener() {
            @Override
            public void report(org.dmasim.engine.check.Report report, SourceSite expectedBy) {
                throw new org.dmasim.engine.ScriptFault("memory budget exceeded: keeping an event (test)");
            }
        };
        int exit = ScenarioRunner.run(new SourceFile("t.dma", script), null, new ScenarioRunner.Options(null,
                Duration.ofMinutes(1), 50_000_000, false), refusing, out, out);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(ScenarioRunner.SCRIPT_ERROR, exit, text);
        assertTrue(text.contains("t.dma:4:5: error: memory budget exceeded: keeping an event (test)"), text);
    }

    @Test
    void endlessRecursionStopsAtTheCallDepthLimitWithItsPosition() {
        Run r = run("fn down(n) { return down(n + 1) }\ndown(0)\n", Duration.ofMinutes(5), 50_000_000);
        assertEquals(ScenarioRunner.SCRIPT_ERROR, r.exit(), r.out());
        assertTrue(r.out().contains("t.dma:1:21: error: the script recursed too deeply: more than 200 nested function calls"),
                r.out());
        assertFalse(r.out().contains("StackOverflowError"), r.out());
    }

    @Test
    void nestingPastTheLimitIsRefusedBeforeParsing() {
        Run r = run("let x = " + "(".repeat(100_000) + "1" + ")".repeat(100_000) + "\n", Duration.ofMinutes(5), 1000);
        assertEquals(ScenarioRunner.SCRIPT_ERROR, r.exit(), r.out());
        assertTrue(r.out().matches("(?s).*t\\.dma:1:\\d+: .*nest.*"), r.out().substring(0, Math.min(400, r.out().length())));
        assertFalse(r.out().contains("StackOverflowError"));
    }

    @Test
    void aBudgetTheHeapCannotBackIsAScriptError() {
        Run r = run("machine { memory_budget: 0x4000_0000_0000_0000 }\n", Duration.ofMinutes(5), 1000);
        assertEquals(ScenarioRunner.SCRIPT_ERROR, r.exit(), r.out());
        assertTrue(r.out().contains("t.dma:1:1: error: memory_budget 4294967296GiB is more than this JVM can back"), r.out());
        assertTrue(MemoryBudget.heapCap() < (1L << 62));
    }

    @Test
    void aStringDoubledInALoopStopsAtTheStringLimitNotTheHeap() {
        Run r = run("let s = \"x\"\nwhile true { s = s + s }\n", Duration.ofMinutes(5), 50_000_000);
        assertEquals(ScenarioRunner.SCRIPT_ERROR, r.exit(), r.out());
        assertTrue(r.out().contains("t.dma:2:18: error: this string would be 33554432 characters long"), r.out());
        assertTrue(r.out().contains("(the string limit)"), r.out());
    }

    @Test
    void passedExpectationsCountTowardTheOutputLimitOnlyWhereTheyAreOutput() {
        // 300,000 passes print nothing as text (the summary counts them): the run said "printed more
        // than 64 MiB" having printed nothing; --format json writes an event for each, and still counts
        String script = "let n = 0\nwhile n < 300000 {\n  expect n < 1000000\n  n = n + 1\n}\n";
        ScenarioRunner.Options options = new ScenarioRunner.Options(null, Duration.ofMinutes(5), 50_000_000, false);
        PrintStream discard = new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        org.dmasim.interpreter.Ending text = ScenarioRunner.execute(new SourceFile("t.dma", script), null, options,
                new TextOutput(discard));
        assertEquals(ScenarioRunner.PASS, text.exit(), String.valueOf(text.problems()));
        org.dmasim.interpreter.Ending json = ScenarioRunner.execute(new SourceFile("t.dma", script), null, options,
                new org.dmasim.interpreter.output.JsonOutput(discard));
        assertEquals(ScenarioRunner.SCRIPT_ERROR, json.exit());
        assertEquals(Budget.OUTPUT, json.limit());
    }

    @Test
    void printingInALoopStopsAtTheOutputLimit() {
        // the prints go to a listener that drops them: the limit counts what would have been printed
        String script = "let s = \"x\"\nfor i in 0..20 { s = s + s }\nwhile true { print(s) }\n";
        org.dmasim.interpreter.Ending e = ScenarioRunner.execute(new SourceFile("t.dma", script), null,
                new ScenarioRunner.Options(null, Duration.ofMinutes(5), 50_000_000, false), new SilentListener());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        e.print(out, out);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(ScenarioRunner.SCRIPT_ERROR, e.exit(), text);
        assertTrue(text.contains("t.dma:3:14: error: the script printed more than 64 MiB (the output limit)"), text);
    }

    @Test
    void aSessionReplayHasNoDeadlineButTheNextEntryHasOne() {
        // found by fuzzing: a REPL replay on a loaded machine ran past the entry time limit and the
        // session threw; a replay runs entries that already ran within their steps
        Budget b = new Budget(10_000, Duration.ofNanos(1));
        b.restartUntimed();
        for (int i = 0; i < 5000; i++) {
            b.tick();
        }
        b.restart();
        org.junit.jupiter.api.Assertions.assertThrows(Budget.Exceeded.class, () -> {
            for (int i = 0; i < 5000; i++) {
                b.tick();
            }
        });
    }

    @Test
    void aListDoubledInALoopStopsAtTheListLimit() {
        Run r = run("let xs = [0]\nwhile true { xs = xs + xs }\n", Duration.ofMinutes(5), 50_000_000);
        assertEquals(ScenarioRunner.SCRIPT_ERROR, r.exit(), r.out());
        assertTrue(r.out().contains("t.dma:2:19: error: this list would have 2097152 items: more than 1048576 (the list limit)"),
                r.out());
    }
}
