package org.dmasim.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.suite.ScenarioFiles;
import org.dmasim.interpreter.suite.ScenarioResult;
import org.dmasim.interpreter.suite.ScenarioSuite;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * Scenarios as JUnit 5 tests: every {@code .dma} (and, with the polyglot module on the class
 * path, {@code .js} and {@code .py}) below a folder becomes one dynamic test. A scenario that
 * fails fails its test with what {@code dmasim run} prints as the message; one that cannot run
 * here is aborted (shown as skipped), never passed.
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
        return from(dir, ScenarioRunner.Options.defaults());
    }

    /** One test per scenario below {@code dir}, run with {@code options} (arch override, time and step limits). */
    public static Stream<DynamicTest> from(Path dir, ScenarioRunner.Options options) {
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
        ScenarioSuite suite = new ScenarioSuite(options);
        return files.stream().map(file -> DynamicTest.dynamicTest(ScenarioFiles.displayName(dir, file), file.toUri(),
                () -> judge(suite.run(dir, file))));
    }

    private static void judge(ScenarioResult r) {
        switch (r.status()) {
            case PASSED -> { }
            case SKIPPED -> Assumptions.abort(r.name() + ": skipped, " + r.note());
            case FAILED, ERROR -> throw new AssertionFailedError(r.failureMessage());
        }
    }
}
