package org.dmasim.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The short fuzzing slice of every build: fixed seeds, a bounded number of programs, every
 * invariant checked; any finding fails the build with its shrunk program.
 */
class FuzzSliceTest {
    @Test
    void generatedAndMutatedPrograms() {
        long programs = Long.getLong("fuzz.slice.programs", 100);
        Stats stats = FuzzLoop.run(new FuzzLoop.Config(20251204L, programs, Duration.ofSeconds(40), 30, 7, 8, 5, true,
                false, 10), System.out::println);
        System.out.println("fuzz slice: " + stats);
        holds(stats);
    }

    /** Programs with device jobs, waits, fences and reservation objects, run under the explorer. */
    @Test
    void concurrentPrograms() {
        long programs = Long.getLong("fuzz.slice.concurrent", 40);
        Stats stats = FuzzLoop.run(new FuzzLoop.Config(20261204L, programs, Duration.ofSeconds(40), 20, 0, 8, 0, true,
                true, 10), System.out::println);
        System.out.println("fuzz slice (concurrent): " + stats);
        holds(stats);
    }

    private static void holds(Stats stats) {
        assertTrue(stats.findings.isEmpty(), () -> "findings: " + stats.findings + "\n"
                + String.join("\n\n", stats.examples.stream().map(Finding::toString).toList()));
        assertTrue(stats.resolved * 2 >= stats.programs(), "fewer than half the programs were valid past the resolver: " + stats);
    }
}
