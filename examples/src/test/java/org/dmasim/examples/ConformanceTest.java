package org.dmasim.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The shared conformance scenarios ({@code ../shared/conformance/*.dma} beside the repository) must
 * each pass under {@code dmasim run} (exit 0). Skipped where that folder is absent, as in a user's clone.
 */
class ConformanceTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    /**
     * Scenarios whose features are still being built, each with the issue that builds them. They are
     * reported as skipped, never silently dropped; the list shrinks to empty as the issues land.
     */
    private static final java.util.Map<String, String> PENDING = java.util.Map.of();

    @TestFactory
    Stream<DynamicTest> conformance() throws IOException {
        Path dir = conformanceDir();
        if (dir == null) {
            // One skipped test rather than none, so the report says what did not run.
            return Stream.of(DynamicTest.dynamicTest("shared conformance scenarios", () -> assumeTrue(false,
                    "no shared conformance folder beside the repository (-Ddmasim.shared, ../../shared)")));
        }
        List<Path> scripts;
        try (Stream<Path> found = Files.list(dir)) {
            scripts = found.filter(p -> p.getFileName().toString().endsWith(".dma")).sorted().toList();
        }
        assertFalse(scripts.isEmpty(), "no .dma scenarios in " + dir);
        return scripts.stream().map(script -> DynamicTest.dynamicTest(
                script.getFileName().toString(), script.toUri(), () -> check(script)));
    }

    private static void check(Path script) {
        String pending = PENDING.get(script.getFileName().toString());
        assumeTrue(pending == null, "pending: needs " + pending);
        String path = MODULE.relativize(script).toString().replace(File.separatorChar, '/');
        ScenarioCli.Result result = ScenarioCli.run("run", path);
        if (result.exit() != 0) {
            throw new AssertionError(path + " must pass (exit 0) but exited " + result.exit() + ":\n"
                    + result.out() + result.err());
        }
    }

    /** {@code ${dmasim.shared}/conformance} (set by the parent pom), else {@code ../../shared/conformance}. */
    private static Path conformanceDir() {
        String shared = System.getProperty("dmasim.shared");
        for (Path candidate : new Path[] {
            shared == null || shared.isBlank() ? null : Path.of(shared, "conformance"),
            MODULE.resolve("../../shared/conformance")}) {
            if (candidate != null && Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        return null;
    }
}
