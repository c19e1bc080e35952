package org.dmasim.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The long fuzzing campaign, run by {@code mvn -B verify -Pfuzz} (the profile sets
 * {@code fuzz.minutes}): programs from a seed (the clock unless {@code fuzz.seed} is given) for
 * the set time, progress every minute, each finding's shrunk program written under
 * {@code target/fuzz-findings/} to become a regression case.
 */
@EnabledIfSystemProperty(named = "fuzz.minutes", matches = "\\d+(\\.\\d+)?")
class FuzzCampaignTest {
    private static final Path FINDINGS = Path.of("target", "fuzz-findings");

    @Test
    void campaign() throws IOException {
        Duration time = Duration.ofSeconds((long) (Double.parseDouble(System.getProperty("fuzz.minutes")) * 60));
        long seed = Long.getLong("fuzz.seed", System.currentTimeMillis());
        long programs = Long.getLong("fuzz.programs", Long.MAX_VALUE);
        System.out.println("fuzz campaign: seed " + seed + ", " + time.toMinutes() + " min");
        Stats stats = FuzzLoop.run(FuzzLoop.Config.campaign(seed, programs, time, true), System.out::println);
        Files.createDirectories(FINDINGS);
        int n = 0;
        for (Finding f : stats.examples) {
            Path file = FINDINGS.resolve(seed + "-" + (++n) + "-" + f.kind() + ".txt");
            try {
                Files.writeString(file, f.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        System.out.println("fuzz campaign (seed " + seed + "): " + stats);
        assertTrue(stats.findings.isEmpty(), () -> "findings (in " + FINDINGS.toAbsolutePath() + "): " + stats.findings);
    }
}
