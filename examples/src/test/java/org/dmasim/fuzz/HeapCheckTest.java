package org.dmasim.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.dmasim.interpreter.ScenarioRunner;
import org.junit.jupiter.api.Test;

/** The heap invariant sees the machine a run leaves: a program that fills 96 MiB retains about that much. */
class HeapCheckTest {
    @Test
    void aRunsMachineIsMeasuredAndStaysWithinItsBudget() {
        String program = """
                let b = vmalloc(96MiB)
                cpu writes b[0..64MiB] = pattern(42)
                cpu writes b[64MiB..96MiB] = pattern(43)
                """;
        Stats stats = new Stats();
        Runs.Run run = Runs.dma(program, Oracle.NAME, Oracle.WORK,
                new ScenarioRunner.Options(null, Duration.ofSeconds(30), ScenarioRunner.Options.DEFAULT_STEPS, false),
                false, true);
        assertEquals(0, run.exit(), run.output());
        assertNull(HeapCheck.check(run, program, stats, false));
        assertEquals(1, stats.heapChecks);
        assertTrue(stats.maxCharged >= 96L << 20, "charged " + stats.maxCharged);
        assertTrue(stats.maxRetained >= 48L << 20, "retained " + stats.maxRetained);
        assertNull(run.events().interpreter, "the check lets the machine go");
    }

    /**
     * A concurrent scenario keeps its events for the merge once the first job ran: a loop of 2 KiB
     * device reads after a {@code wait} kept every read's values uncharged and filled the heap (an
     * OutOfMemoryError in the fuzz campaign). The kept reads are charged, so the run ends in the
     * budget's error at the read, and the heap it holds stays within the budget.
     */
    @Test
    void readsKeptForTheMergeAreChargedToTheBudget() {
        String program = """
                machine { memory_budget: 160MiB }
                arch arm64
                device nic { dma_mask: 64, coherent: false }
                let b = alloc_pages(4KiB)
                let m = dma_map_single(nic, b, DMA_FROM_DEVICE)
                let j = async nic {
                    nic writes m[0..64] = 0x5A
                }
                wait j
                for i in 0..1000000 {
                    nic reads m[0..2048]
                }
                """;
        Stats stats = new Stats();
        Runs.Run run = Runs.dma(program, Oracle.NAME, Oracle.WORK,
                new ScenarioRunner.Options(null, Duration.ofSeconds(60), ScenarioRunner.Options.DEFAULT_STEPS, false),
                false, true);
        assertEquals(2, run.exit(), run.output());
        String end = run.output().substring(Math.max(0, run.output().length() - 2000));
        assertTrue(end.contains("fuzz.dma:11:5: error: memory budget exceeded: "), end);
        assertNull(HeapCheck.check(run, program, stats, true));
        assertEquals(1, stats.heapChecks);
        System.out.printf("kept reads: charged %.1f MiB, retained %.1f MiB%n", stats.maxCharged / 1048576.0,
                stats.maxRetained / 1048576.0);
        assertTrue(stats.maxCharged >= 150L << 20, "charged " + stats.maxCharged);
    }
}
