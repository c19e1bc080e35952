package org.dmasim.interpreter.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dmasim.interpreter.diag.DiagnosticRenderer;
import org.dmasim.interpreter.diag.SourceFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every conformance scenario and every .dma example in LANGUAGE.md parses without an error. */
class ConformanceParseTest {
    private static final Pattern FENCE = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);
    /** §8 shows what a run prints, not a script. */
    private static final Pattern RUN_OUTPUT = Pattern.compile("^\\S+\\.dma:\\d+:\\d+");

    private final ScriptParser parser = new ScriptParser();

    @TestFactory
    Stream<DynamicTest> conformanceScenariosParse() throws IOException {
        Path shared = SharedFiles.shared();
        assumeTrue(shared != null && Files.isDirectory(shared.resolve("conformance")), "no ../shared/conformance");
        List<Path> scripts;
        try (Stream<Path> files = Files.list(shared.resolve("conformance"))) {
            scripts = files.filter(p -> p.toString().endsWith(".dma")).sorted().toList();
        }
        assertFalse(scripts.isEmpty());
        return scripts.stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(),
                () -> assertParses(SourceFile.read(path))));
    }

    @TestFactory
    Stream<DynamicTest> languageExamplesParse() throws IOException {
        Path shared = SharedFiles.shared();
        Path language = shared == null ? null : shared.resolve("design/LANGUAGE.md");
        assumeTrue(language != null && Files.isRegularFile(language), "no ../shared/design/LANGUAGE.md");
        List<DynamicTest> tests = new ArrayList<>();
        Matcher m = FENCE.matcher(Files.readString(language));
        while (m.find()) {
            String block = m.group(2);
            if (!m.group(1).isEmpty() || RUN_OUTPUT.matcher(block).find()) {
                continue;
            }
            String name = "LANGUAGE.md example " + (tests.size() + 1) + ": " + block.lines().findFirst().orElse("");
            tests.add(DynamicTest.dynamicTest(name, () -> assertParses(SourceFile.of("LANGUAGE.md", block))));
        }
        assertFalse(tests.isEmpty());
        return tests.stream();
    }

    private void assertParses(SourceFile source) {
        ParseResult result = parser.parse(source);
        assertEquals("", DiagnosticRenderer.renderAll(result.diagnostics(), source));
        assertFalse(result.program().statements().isEmpty());
    }
}
