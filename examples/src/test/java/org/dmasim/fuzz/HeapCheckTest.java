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
                cpu writes b = pattern(42)
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
}
