package org.dmasim.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * {@code dmasim check}'s type errors, pinned: each {@code src/test/check/NAME.dma} is checked, and
 * {@code stdout + "exit: N"} must equal {@code NAME.out} (regenerate with {@code -Dgolden.update=true}).
 * Each case is also run: {@code dmasim run} must stop with exit 2 on the same first error, so what check
 * reports is what running would report, found before running.
 */
class CheckGoldenTest {
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path CASES = MODULE.resolve("src/test/check");

    @TestFactory
    Stream<DynamicTest> typeErrors() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(CASES)) {
            scripts = files.filter(p -> p.toString().endsWith(".dma")).sorted().toList();
        }
        assertFalse(scripts.isEmpty(), "no cases in " + CASES);
        return scripts.stream().map(s -> DynamicTest.dynamicTest(s.getFileName().toString(), () -> check(s)));
    }

    /**
     * check against run over every golden scenario: a script run rejects (exit 2) is rejected by check too,
     * unless only running can know (the run's limits, as README says); a script that runs (exit 0 or 1) passes
     * check, which never reports what is not an error.
     */
    /** What a golden case's comment says when its error is in a value, which only a run can find. */
    private static final String ONLY_RUN_KNOWS = "# Only a run finds this error";

    @TestFactory
    Stream<DynamicTest> checkAgreesWithRunOnEveryGoldenScenario() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Stream.concat(Files.list(MODULE), Files.walk(MODULE.resolve("src/test/golden")))) {
            scripts = files.filter(p -> p.toString().endsWith(".dma")).sorted().toList();
        }
        assertTrue(scripts.size() > 20, "too few golden scenarios: " + scripts.size());
        return scripts.stream().map(s -> DynamicTest.dynamicTest(MODULE.relativize(s).toString(), () -> {
            String name = MODULE.relativize(s).toString().replace(File.separatorChar, '/');
            Path golden = s.resolveSibling(s.getFileName().toString().replaceFirst("\\.dma$", ".out"));
            String out = Files.readString(golden, StandardCharsets.UTF_8);
            boolean runRejects = out.endsWith("exit: 2\n");
            // the run's limits, and errors in values (README: what check cannot know), which a case names in a comment
            boolean onlyRunKnows = name.startsWith("src/test/golden/limits/")
                    || Files.readString(s, StandardCharsets.UTF_8).contains(ONLY_RUN_KNOWS);
            ScenarioCli.Result checked = ScenarioCli.run("check", name);
            assertEquals(runRejects && !onlyRunKnows ? 2 : 0, checked.exit(),
                    name + (runRejects ? ": run rejects it, check" : ": it runs, but check rejects it") + ":\n"
                            + checked.out());
        }));
    }

    private static void check(Path script) throws IOException {
        String name = MODULE.relativize(script).toString().replace(File.separatorChar, '/');
        ScenarioCli.Result checked = ScenarioCli.run("check", name);
        String actual = checked.transcript();
        Path golden = script.resolveSibling(script.getFileName().toString().replaceFirst("\\.dma$", ".out"));
        if (UPDATE) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        } else if (!Files.exists(golden)) {
            fail(name + ": no " + golden.getFileName() + "; create it with mvn -B verify -Dgolden.update=true. check "
                    + "printed:\n" + actual);
        } else {
            String expected = ScenarioCli.unixLines(Files.readString(golden, StandardCharsets.UTF_8));
            if (!expected.equals(actual)) {
                throw new AssertionFailedError(name + ": check's output differs from " + golden.getFileName()
                        + "\n" + FirstDifference.of(expected, actual, golden.getFileName().toString()), expected, actual);
            }
        }
        assertEquals(2, checked.exit(), actual);
        ScenarioCli.Result ran = ScenarioCli.run("run", name);
        assertEquals(2, ran.exit(), name + " passes check's twin, run:\n" + ran.out());
        String firstRunError = ran.out().lines().filter(l -> l.startsWith(name + ":")).findFirst().orElse("(none)");
        String firstCheckError = checked.out().lines().filter(l -> l.startsWith(name + ":")).findFirst().orElse("");
        assertEquals(firstCheckError, firstRunError, name + ": run stopped on another error than check's first");
        assertTrue(firstRunError.contains(": error"), firstRunError);
    }
}
