package org.dmasim.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * {@code dmasim run FILE --timeline RANGE}: the tables of two examples are pinned by golden files in
 * {@code src/test/timeline/} (a receive buffer on arm64, and a buffer bounced through swiotlb), and
 * every table of every example fits 80 columns.
 */
class TimelineGoldenTest {
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final Path GOLDEN = Path.of("src/test/timeline");

    /** Example, range, golden file. */
    private static final List<String[]> CASES = List.of(
            new String[] {"rx-missing-sync-arm64.dma", "rx[0..256]", "rx-missing-sync-arm64.out"},
            new String[] {"seed003-iommu-need-sync-forced-bounce.dma", "high[0..128]", "seed003-bounce-high.out"});

    @TestFactory
    Stream<DynamicTest> goldenTimelines() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c[0] + " --timeline " + c[1], () -> check(c)));
    }

    private static void check(String[] c) throws IOException {
        String actual = ScenarioCli.run("run", c[0], "--timeline", c[1]).transcript();
        Path golden = GOLDEN.resolve(c[2]);
        if (UPDATE) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(golden)) {
            fail("no " + golden + "; create it with mvn -B verify -Dgolden.update=true. This run printed:\n" + actual);
        }
        String expected = ScenarioCli.unixLines(Files.readString(golden, StandardCharsets.UTF_8));
        if (!expected.equals(actual)) {
            throw new AssertionFailedError(c[0] + ": timeline differs from " + golden, expected, actual);
        }
    }

    @Test
    void everyTimelineOfEveryExampleFitsEightyColumns() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(Path.of(""))) {
            examples = files.filter(p -> p.toString().endsWith(".dma")).sorted().toList();
        }
        assertTrue(examples.size() >= 5, "examples not found: " + examples);
        for (Path example : examples) {
            String text = Files.readString(example);
            for (String buffer : buffersOf(text)) {
                ScenarioCli.Result r = ScenarioCli.run("run", example.toString(), "--timeline", buffer);
                assertEquals(0, r.exit(), example + " --timeline " + buffer + ":\n" + r.transcript());
                String table = r.out().substring(r.out().indexOf("\ntimeline of ") + 1);
                for (String line : table.lines().toList()) {
                    assertTrue(line.length() <= 80, example + " --timeline " + buffer + ": longer than 80 columns:\n"
                            + line);
                }
            }
        }
    }

    /** The names bound to allocations in a scenario ({@code let rx = alloc_pages(...)}). */
    private static List<String> buffersOf(String script) {
        return script.lines()
                .map(l -> l.strip())
                .filter(l -> l.matches("let \\w+ = (alloc_pages|kmalloc|dma_alloc_coherent|shmem)\\(.*"))
                .map(l -> l.substring(4, l.indexOf(' ', 4)))
                .toList();
    }
}
