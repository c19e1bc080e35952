package org.dmasim.interpreter.suite;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.output.TextOutput;

/**
 * Runs scenarios as tests: each in its own interpreter (instances share nothing mutable), so
 * many can run at once on the threads of whatever runs them (the JUnit engine's pool).
 */
public final class ScenarioSuite {
    private final ScenarioRunner.Options options;
    private final RunWatcher watcher;

    public ScenarioSuite(ScenarioRunner.Options options) {
        this(options, RunWatcher.NONE);
    }

    /** A suite whose runs {@code watcher} also sees. */
    public ScenarioSuite(ScenarioRunner.Options options, RunWatcher watcher) {
        this.options = options;
        this.watcher = watcher;
    }

    /** Runs one scenario and captures what {@code dmasim run} would print. */
    public ScenarioResult run(Path root, Path file) {
        String name = ScenarioFiles.displayName(root, file);
        Optional<ScenarioKind> kind = ScenarioKinds.forFile(file);
        if (kind.isEmpty()) {
            String why = ScenarioKinds.extension(file).equals("dma") ? "no runner" : "polyglot not available";
            return new ScenarioResult(name, file, ScenarioResult.Status.SKIPPED, -1, Duration.ZERO, null, "", why,
                    Duration.ZERO);
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        TallyListener tally = new TallyListener(new TextOutput(out));
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        int exit;
        try {
            exit = kind.get().run(file, options, watcher.around(file, tally), out, out);
        } catch (RuntimeException | StackOverflowError e) {
            out.println("internal error: " + e + " (this is a bug in dmasim)");
            exit = ScenarioRunner.INTERNAL_ERROR;
        }
        Duration time = Duration.ofNanos(System.nanoTime() - start);
        Duration cpu = Duration.ofNanos(Math.max(0, cpuNanos() - cpuStart));
        out.flush();
        String output = buffer.toString(StandardCharsets.UTF_8);
        ScenarioResult.Status status = switch (exit) {
            case ScenarioRunner.PASS -> ScenarioResult.Status.PASSED;
            case ScenarioRunner.FAIL -> ScenarioResult.Status.FAILED;
            default -> ScenarioResult.Status.ERROR;
        };
        return new ScenarioResult(name, file, status, exit, time, tally.summary(), output, reason(exit, tally), cpu);
    }

    private static long cpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
    }

    private static String reason(int exit, TallyListener tally) {
        return switch (exit) {
            case ScenarioRunner.PASS -> null;
            case ScenarioRunner.FAIL -> tally.summary() == null ? "failed" : tally.summary().line();
            case ScenarioRunner.SCRIPT_ERROR -> "error in the script";
            default -> "internal error in dmasim";
        };
    }
}
