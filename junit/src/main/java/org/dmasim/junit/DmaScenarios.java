package org.dmasim.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dmasim.api.Dmasim;
import org.dmasim.api.Result;
import org.dmasim.api.Sandbox;
import org.dmasim.api.SandboxBuilder;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.suite.ScenarioFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * Scenarios as JUnit 5 tests: every {@code .dma} (and, with the polyglot module on the class
 * path, {@code .js} and {@code .py}) below a folder becomes one dynamic test. A scenario that
 * fails fails its test with what {@code dmasim run} prints as the message; one that cannot run
 * here is aborted (shown as skipped), never passed. Each scenario runs in a sandbox of the
 * dmasim API ({@link #from(Path, Sandbox)} takes one with the host's limits).
 *
 * <pre>{@code
 * class DriverScenariosTest {
 *     @TestFactory
 *     Stream<DynamicTest> scenarios() {
 *         return DmaScenarios.from(Path.of("src/test/scenarios"));
 *     }
 * }
 * }</pre>
 */
public final class DmaScenarios {
    private DmaScenarios() {
    }

    /** One test per scenario below {@code dir}, run with the defaults of {@code dmasim run}. */
    public static Stream<DynamicTest> from(Path dir) {
        return from(dir, Dmasim.sandbox());
    }

    /** One test per scenario below {@code dir}, run with {@code options} (arch override, time and step limits). */
    public static Stream<DynamicTest> from(Path dir, ScenarioRunner.Options options) {
        SandboxBuilder b = Dmasim.builder().arch(options.arch()).timeout(options.timeout())
                .maxSteps(options.stepBudget()).debug(options.debug());
        return from(dir, (options.memoryLimit() > 0 ? b.memoryBudget(options.memoryLimit()) : b).build());
    }

    /** One test per scenario below {@code dir}, each run in {@code sandbox} (under its limits). */
    public static Stream<DynamicTest> from(Path dir, Sandbox sandbox) {
        if (!Files.isDirectory(dir)) {
            return Stream.of(DynamicTest.dynamicTest("scenarios in " + dir, () -> {
                throw new AssertionFailedError("no such folder: " + dir.toAbsolutePath());
            }));
        }
        List<Path> files;
        try {
            files = ScenarioFiles.find(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("scenarios in " + dir, () -> {
                throw new AssertionFailedError("no scenarios (.dma, .js, .py) below " + dir.toAbsolutePath());
            }));
        }
        return files.stream().map(file -> {
            String name = ScenarioFiles.displayName(dir, file);
            return DynamicTest.dynamicTest(name, file.toUri(), () -> judge(name, file, sandbox));
        });
    }

    private static void judge(String name, Path file, Sandbox sandbox) {
        if (!sandbox.canRun(file)) {
            Assumptions.abort(name + ": skipped, polyglot not available");
        }
        Result r = sandbox.run(file);
        String why = switch (r.status()) {
            case PASSED -> null;
            case FAILED -> r.summary().isEmpty() ? "failed" : r.summary().lines().findFirst().orElseThrow();
            case SCRIPT_ERROR -> "error in the script";
            case LIMIT_EXCEEDED -> "stopped by the " + r.limit().label() + " limit";
            case INTERNAL_ERROR -> "internal error in dmasim";
        };
        if (why != null) {
            throw new AssertionFailedError(name + ": " + why + " (exit " + r.exitCode() + ")\n" + r.text());
        }
    }
}
