package org.dmasim.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code dmasim test .} from this module: every example passes, and {@code check} finds no error in them. */
class SuiteCommandTest {
    @Test
    void everyExamplePassesUnderDmasimTest() {
        ScenarioCli.Result r = ScenarioCli.run("test", ".");
        assertEquals(0, r.exit(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("scenario\\s+result\\s+time\\s+reports"), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("bug-shared-cache-line-arm64.dma ")), r.out());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("src/test/golden")), "the .dmasimignore must hold:\n" + r.out());
        assertTrue(r.out().contains(" passed, 0 failed, 0 with errors, 0 skipped in "), r.out());
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
