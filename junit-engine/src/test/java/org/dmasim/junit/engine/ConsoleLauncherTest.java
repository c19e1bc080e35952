package org.dmasim.junit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JUnit console launcher, started as users start it ({@code ConsoleLauncher execute}, its
 * public entry point, in a JVM of its own on this module's test class path), finds the engine
 * and runs, filters and reports scenarios.
 */
class ConsoleLauncherTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out) {
    }

    private Run console(String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-cp",
                System.getProperty("java.class.path"), "org.junit.platform.console.ConsoleLauncher", "execute",
                "--disable-banner", "--disable-ansi-colors", "--details=tree", "--include-engine=dmasim"));
        command.addAll(List.of(args));
        Path log = dir.resolve("console.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the console launcher did not finish");
        return new Run(p.exitValue(), Files.readString(log));
    }

    @Test
    void runsAFolderAndReportsEachScenario() throws Exception {
        Path scenarios = dir.resolve("scenarios");
        Scenarios.write(scenarios, "a-pass.dma", Scenarios.PASSING);
        Scenarios.write(scenarios, "b-fail.dma", Scenarios.FAILING);
        Scenarios.write(scenarios, "c.js", "throw new Error('x')");
        Run r = console("--select-directory=" + scenarios);
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("a-pass.dma ✔"), r.out());
        assertTrue(r.out().contains("b-fail.dma ✘"), r.out());
        assertTrue(r.out().contains("c.js ↷ polyglot not available"), r.out());
        assertTrue(r.out().contains("expectation failed"), r.out());
        assertTrue(r.out().contains("[         1 tests successful      ]"), r.out());
        assertTrue(r.out().contains("[         1 tests failed          ]"), r.out());
    }

    @Test
    void scansTheClassPathForTheConfiguredFolderAndFiltersByTag() throws Exception {
        Path scenarios = dir.resolve("scenarios");
        Scenarios.write(scenarios, "a-pass.dma", Scenarios.PASSING);
        Scenarios.write(scenarios, "c.js", "throw new Error('x')");
        Run r = console("--scan-classpath", "--config=" + EngineSettings.SCENARIOS + "=" + scenarios,
                "--include-tag=dma");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("a-pass.dma ✔"), r.out());
        assertTrue(r.out().contains("[         1 tests found           ]"), r.out());
    }
}
