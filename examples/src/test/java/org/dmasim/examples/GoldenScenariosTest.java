package org.dmasim.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * Golden-file tests: each scenario runs as {@code dmasim run PATH} (PATH relative to this module, the
 * working directory under Surefire) and {@code stdout + stderr + "exit: N"} must equal the checked-in
 * {@code NAME.out} beside it.
 *
 * <ul>
 *   <li>{@code examples/*.dma}, {@code *.js}, {@code *.py}: the user-facing examples; they must also pass (exit 0).
 *   <li>{@code examples/src/test/golden/**}{@code /*.dma}: negative cases (syntax errors, unknown
 *       names, failing expectations) whose messages the {@code .out} files pin.
 *   <li>{@code examples/src/test/golden/arch-all/*.dma}: run as {@code dmasim run --arch all PATH}, the
 *       {@code .out} pins the matrix over every stdlib arch profile.
 * </ul>
 *
 * <p>After an intended change of output, regenerate with {@code mvn -B verify -Dgolden.update=true}
 * and review the change with {@code git diff} before committing it.
 */
class GoldenScenariosTest {
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final String UPDATE_HINT =
            "mvn -B verify -Dgolden.update=true (from the repository root), then review with git diff";
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path NEGATIVE = MODULE.resolve("src/test/golden");
    /** Scenarios below this directory run once per stdlib arch ({@code --arch all}). */
    private static final String ARCH_ALL = "src/test/golden/arch-all/";
    /** Scenario files: .dma, and JavaScript or Python driving dmasim (docs/javascript-python.md). */
    private static final List<String> SCRIPTS = List.of(".dma", ".js", ".py");

    @TestFactory
    Stream<DynamicTest> scenarios() throws IOException {
        List<Path> examples = scripts(MODULE, 1);
        List<Path> negatives = Files.isDirectory(NEGATIVE) ? scripts(NEGATIVE, Integer.MAX_VALUE) : List.of();
        assertFalse(examples.isEmpty() && negatives.isEmpty(),
                "no scenarios found: expected *.dma in " + MODULE + " and below " + NEGATIVE
                        + " (does Surefire run in the examples module directory?)");
        List<DynamicTest> tests = new ArrayList<>();
        examples.forEach(script -> tests.add(test(script, true)));
        negatives.forEach(script -> tests.add(test(script, false)));
        tests.add(DynamicTest.dynamicTest("no .out without its .dma", GoldenScenariosTest::checkNoOrphans));
        return tests.stream();
    }

    private static DynamicTest test(Path script, boolean mustPass) {
        String name = relative(script);
        return DynamicTest.dynamicTest(name, script.toUri(), () -> check(name, script, mustPass));
    }

    private static void check(String name, Path script, boolean mustPass) throws IOException {
        // a generous wall-clock limit: the step budget, not a loaded build machine, ends runaway
        // golden cases, and a JS/Python start-up can take a minute when other builds compete
        ScenarioCli.Result result = name.startsWith(ARCH_ALL)
                ? ScenarioCli.run("run", "--timeout", "10m", "--arch", "all", name)
                : ScenarioCli.run("run", "--timeout", "10m", name);
        String actual = result.transcript();
        Path golden = goldenOf(script);
        String goldenName = relative(golden);
        if (UPDATE) {
            if (!Files.exists(golden) || !read(golden).equals(actual)) {
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
            }
        } else if (!Files.exists(golden)) {
            fail(name + ": no expected output " + goldenName + "; create it with " + UPDATE_HINT
                    + ". This run printed:\n" + actual);
        } else {
            String expected = read(golden);
            if (!expected.equals(actual)) {
                throw new AssertionFailedError(name + ": output differs from " + goldenName
                        + " (if the change is intended: " + UPDATE_HINT + ")\n"
                        + FirstDifference.of(expected, actual, goldenName), expected, actual);
            }
        }
        if (mustPass && result.exit() != 0) {
            fail(name + " is an example and must pass (exit 0), but exited " + result.exit() + ":\n" + actual);
        }
    }

    /** A stale {@code .out} left behind by a renamed or deleted scenario; update mode deletes it. */
    private static void checkNoOrphans() throws IOException {
        List<Path> outs = new ArrayList<>(files(MODULE, 1, ".out"));
        if (Files.isDirectory(NEGATIVE)) {
            outs.addAll(files(NEGATIVE, Integer.MAX_VALUE, ".out"));
        }
        List<String> orphans = new ArrayList<>();
        for (Path out : outs) {
            String base = out.getFileName().toString().replaceFirst("\\.out$", "");
            if (SCRIPTS.stream().noneMatch(ext -> Files.exists(out.resolveSibling(base + ext)))) {
                if (UPDATE) {
                    Files.delete(out);
                } else {
                    orphans.add(relative(out));
                }
            }
        }
        if (!orphans.isEmpty()) {
            fail("expected outputs without a scenario: " + orphans + "; delete them, or run " + UPDATE_HINT);
        }
    }

    private static List<Path> scripts(Path dir, int depth) throws IOException {
        List<Path> all = new ArrayList<>();
        for (String ext : SCRIPTS) {
            all.addAll(files(dir, depth, ext));
        }
        return all.stream().sorted().toList();
    }

    private static List<Path> files(Path dir, int depth, String suffix) throws IOException {
        try (Stream<Path> found = Files.walk(dir, depth)) {
            return found.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        }
    }

    private static Path goldenOf(Path script) {
        String name = script.getFileName().toString();
        return script.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".out");
    }

    /** The path as the user would type it from the examples module directory, with {@code /}. */
    private static String relative(Path file) {
        return MODULE.relativize(file).toString().replace(File.separatorChar, '/');
    }

    private static String read(Path file) throws IOException {
        return ScenarioCli.unixLines(Files.readString(file, StandardCharsets.UTF_8));
    }
}
