package org.dmasim.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code dmasim test .} from this module: every example passes (read as KTAP), and {@code check} finds no error in them. */
class SuiteCommandTest {
    @Test
    void everyExamplePassesUnderDmasimTestAsKtap() {
        List<String> listed = ScenarioCli.run("test", ".", "--list").out().lines().toList();
        assertTrue(listed.contains("bug-shared-cache-line-arm64.dma"), listed.toString());
        assertTrue(listed.stream().noneMatch(l -> l.startsWith("src/test/golden")), "the .dmasimignore must hold: " + listed);

        // the Python examples start GraalPy: on a loaded 2-core machine that can pass the 30 s default
        ScenarioCli.Result r = ScenarioCli.run("test", ".", "--format", "ktap", "--timeout", "5m");
        assertEquals(0, r.exit(), r.out() + r.err());
        Ktap.Run run = Ktap.parse(r.out());
        assertEquals(List.of(), run.unknown(), "every line is KTAP");
        assertEquals(1, run.top().plan());
        Ktap.Test suite = run.top().tests().get(0);
        assertEquals("examples", suite.name());
        assertTrue(suite.ok(), r.out());
        assertEquals("examples", suite.subtests().subtestName());
        assertEquals(listed.size(), suite.subtests().plan());
        assertEquals(listed, suite.subtests().tests().stream().map(Ktap.Test::name).sorted().toList());
        assertTrue(suite.subtests().tests().stream().allMatch(t -> t.ok() && t.directive() == null), r.out());
    }

    @Test
    void twoShardsListEveryExampleExactlyOnce() {
        List<String> all = ScenarioCli.run("test", ".", "--list").out().lines().toList();
        List<String> first = ScenarioCli.run("test", ".", "--list", "--shard", "1/2").out().lines().toList();
        List<String> second = ScenarioCli.run("test", ".", "--list", "--shard", "2/2").out().lines().toList();
        List<String> both = new java.util.ArrayList<>(first);
        both.addAll(second);
        assertEquals(all, both.stream().sorted().toList());
        assertTrue(Math.abs(first.size() - second.size()) <= 1, first + " / " + second);
    }

    @Test
    void everyExampleChecksClean() throws java.io.IOException {
        List<String> args = new java.util.ArrayList<>(List.of("check"));
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("."))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dma")).sorted().forEach(args::add);
        }
        ScenarioCli.Result r = ScenarioCli.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().endsWith("files checked: no errors\n"), r.out());
    }
}
