package org.dmasim.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same scenarios through the three front ends: {@code .dma}, JavaScript and Python must
 * show the same reads (every outcome), the same reports, and the same verdict.
 */
class FrontEndsTest {
    record Run(int exit, Recording recording, String output) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"01-rx-sync-arm64", "02-rx-missing-sync-arm64", "04-bounce-32bit-arm64", "05-rx-job-arm64"})
    void sameOutcomesAndReports(String name) throws IOException {
        Run dma = runDma(name);
        Run js = runGuest(name, Language.JS);
        Run py = runGuest(name, Language.PYTHON);
        for (Run guest : new Run[] {js, py}) {
            assertEquals(dma.exit(), guest.exit(), "exit code\n" + guest.output() + guest.recording().reports + guest.recording().summary);
            assertEquals(dma.recording().reads, guest.recording().reads, "reads\n" + guest.output());
            assertEquals(dma.recording().reports, guest.recording().reports, "reports\n" + guest.output());
            assertEquals(dma.recording().summary.pass(), guest.recording().summary.pass(), guest.output());
        }
    }

    static SourceFile resource(String file) throws IOException {
        try (InputStream in = FrontEndsTest.class.getResourceAsStream("/frontends/" + file)) {
            return new SourceFile(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static Run runDma(String name) throws IOException {
        Recording r = new Recording();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = ScenarioRunner.run(resource(name + ".dma"), Path.of("."), ScenarioRunner.Options.defaults(), r, out,
                out);
        return new Run(exit, r, bytes.toString(StandardCharsets.UTF_8));
    }

    static Run runGuest(String name, Language language) throws IOException {
        return runGuest(resource(name + (language == Language.JS ? ".js" : ".py")), language,
                ScenarioRunner.Options.defaults());
    }

    static Run runGuest(SourceFile script, Language language, ScenarioRunner.Options options) {
        Recording r = new Recording();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = PolyglotRunner.run(script, language, Path.of("."), PolyglotRunner.Options.of(options, false), r, out,
                out);
        return new Run(exit, r, bytes.toString(StandardCharsets.UTF_8));
    }
}
