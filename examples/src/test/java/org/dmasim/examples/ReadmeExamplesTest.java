package org.dmasim.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * README shows each scenario of {@code src/test/golden/readme/} with what {@code dmasim run}
 * prints for it: the script and its golden output (which {@link GoldenScenariosTest} checks),
 * paths as seen from the repository root and without the exit line, must both appear in README.
 */
class ReadmeExamplesTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path DIR = MODULE.resolve("src/test/golden/readme");

    @TestFactory
    Stream<DynamicTest> readmeShowsEachExampleAndItsOutput() throws IOException {
        String readme = Files.readString(MODULE.resolve("../README.md"), StandardCharsets.UTF_8);
        List<Path> scripts;
        try (Stream<Path> found = Files.list(DIR)) {
            scripts = found.filter(p -> p.toString().endsWith(".dma")).sorted().toList();
        }
        assertFalse(scripts.isEmpty(), "no README scenarios in " + DIR);
        return scripts.stream().map(script -> DynamicTest.dynamicTest(script.getFileName().toString(), () -> {
            String text = Files.readString(script, StandardCharsets.UTF_8).stripTrailing();
            assertTrue(readme.contains(text), "README does not show " + script.getFileName() + " as it is");
            String name = script.getFileName().toString();
            String out = Files.readString(script.resolveSibling(name.replace(".dma", ".out")), StandardCharsets.UTF_8)
                    .replaceFirst("exit: \\d+\\n$", "").replace("src/test/golden/readme/",
                            "examples/src/test/golden/readme/").stripTrailing();
            assertTrue(readme.contains(out), "README does not show the output of " + name
                    + " as its golden file has it:\n" + out);
        }));
    }
}
