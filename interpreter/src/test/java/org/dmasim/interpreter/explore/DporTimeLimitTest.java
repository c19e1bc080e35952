package org.dmasim.interpreter.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dmasim.interpreter.eval.Budget;
import org.dmasim.interpreter.eval.Cancellation;
import org.dmasim.interpreter.eval.SilentListener;
import org.junit.jupiter.api.Test;

/**
 * The race analysis compares each step of an execution with the steps before it: a loop of
 * 100,000 allocations next to a device job ran within its 1 s limit, and the analysis of its
 * steps then took 20 s more (fuzz finding "overrun"). It looks at the run's clock as it goes.
 */
class DporTimeLimitTest {
    /** {@code n} steps, the CPU's and a job's in turn, that touch nothing. */
    private static List<Event> steps(int n) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Event(i % 2, i / 2, null, i % 2 == 0 ? "cpu" : "job"));
        }
        return out;
    }

    @Test
    void theAnalysisLooksAtTheClockAsItGoes() {
        int[] looks = {0};
        Dpor.analyze(steps(4000), 2, () -> looks[0]++);
        // 4000 steps are 8 million pairs: a look first, then one per 2^20 pairs
        assertTrue(looks[0] >= 8, "looked " + looks[0] + " times");
    }

    @Test
    void aTimeLimitThatPassesStopsTheAnalysis() {
        int[] looks = {0};
        RuntimeException late = new RuntimeException("time is up");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> Dpor.analyze(steps(4000), 2, () -> {
            if (++looks[0] == 3) {
                throw late;
            }
        }));
        assertEquals(late, thrown);
        assertEquals(3, looks[0]);
    }

    @Test
    void anExplorationWhoseLimitPassesInTheAnalysisEndsThere() {
        // the limit passed a millisecond ago: within the grace the execution's events are shown in,
        // not within the analysis, which looks at the limit itself
        Budget clock = new Budget(Long.MAX_VALUE, Duration.ofMillis(1), new Cancellation(),
                System.nanoTime() - 2_000_000L);
        Explorer explorer = new Explorer(new Explorer.Options(Explorer.DEFAULT_MAX_EXECUTIONS, true));
        Explorer.OutOfTime e = assertThrows(Explorer.OutOfTime.class,
                () -> explorer.explore(execution -> { }, new SilentListener(), clock));
        assertEquals("the script ran longer than 1 ms (the time limit; raise it with --timeout) while exploring the "
                + "scenario's executions (after 1 run)", e.getMessage());
    }
}
