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
        Stats stats = FuzzLoop.run(new FuzzLoop.Config(20251204L, programs, Duration.ofSeconds(40), 30, 7, 8, 5, true),
                System.out::println);
        System.out.println("fuzz slice: " + stats);
        assertTrue(stats.findings.isEmpty(), () -> "findings: " + stats.findings + "\n"
                + String.join("\n\n", stats.examples.stream().map(Finding::toString).toList()));
        assertTrue(stats.resolved * 2 >= stats.programs(), "fewer than half the programs were valid past the resolver: " + stats);
    }
}
