package org.dmasim.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dmasim test --format ktap} with every outcome: pass, failure, script error, skip. */
class KtapFormatTest {
    @TempDir
    Path dir;

    @Test
    void everyOutcomeIsValidKtap() throws IOException {
        String passing = Files.readString(Path.of("rx-sync-arm64.dma"));
        Files.writeString(dir.resolve("a-pass.dma"), passing);
        Files.writeString(dir.resolve("b-fail.dma"), passing.replace("!= 0x00", "== 0x00"));
        Files.writeString(dir.resolve("c-typo.dma"), "let m = dma_map_singel(1)\n");
        Files.writeString(dir.resolve("d#odd name.dma"), passing);
        ScenarioCli.Result r = ScenarioCli.run("test", dir.toString(), "--format", "ktap", "-j", "1", "--fail-fast",
                "--junit", dir.resolve("out/report.xml").toString());
        assertEquals(1, r.exit(), r.out());
        Ktap.Run run = Ktap.parse(r.out());
        assertEquals(List.of(), run.unknown(), r.out());
        Ktap.Test suite = run.top().tests().get(0);
        assertTrue(suite.failed(), r.out());
        List<Ktap.Test> tests = suite.subtests().tests();
        assertEquals(List.of("a-pass.dma", "b-fail.dma", "c-typo.dma", "d_odd name.dma"),
                tests.stream().map(Ktap.Test::name).toList());
        assertTrue(tests.get(0).ok() && tests.get(0).diagnostics().isEmpty());
        assertTrue(tests.get(1).failed() && tests.get(1).directive() == null);
        assertTrue(tests.get(1).diagnostics().stream().anyMatch(d -> d.contains("expectation failed")),
                "a failure's output comes first, as diagnostics: " + tests.get(1).diagnostics());
        assertEquals("SKIP", tests.get(2).directive(), "fail fast skips the rest");
        assertTrue(tests.get(2).directiveText().startsWith("not run"), tests.get(2).directiveText());
        assertTrue(r.out().contains("\n# " + dir.getFileName() + ": pass:1 fail:1 skip:2 total:4\n"), r.out());
        assertTrue(r.out().endsWith("# JUnit XML written to " + dir.resolve("out/report.xml") + "\n"), r.out());
    }

    @Test
    void aScriptErrorCarriesTheErrorDirective() throws IOException {
        Files.writeString(dir.resolve("typo.dma"), "let m = dma_map_singel(1)\n");
        ScenarioCli.Result r = ScenarioCli.run("test", dir.toString(), "--format", "ktap");
        assertEquals(1, r.exit(), r.out());
        Ktap.Test typo = Ktap.parse(r.out()).top().tests().get(0).subtests().tests().get(0);
        assertEquals("ERROR", typo.directive());
        assertTrue(typo.diagnostics().stream().anyMatch(d -> d.contains("unknown name 'dma_map_singel'")), r.out());
    }
}
