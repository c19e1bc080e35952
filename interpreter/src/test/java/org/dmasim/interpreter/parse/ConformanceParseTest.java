package org.dmasim.interpreter.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dmasim.interpreter.diag.DiagnosticRenderer;
import org.dmasim.interpreter.diag.SourceFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every conformance scenario parses without an error (the docs' examples run in the examples module). */
class ConformanceParseTest {
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

    private void assertParses(SourceFile source) {
        ParseResult result = parser.parse(source);
        assertEquals("", DiagnosticRenderer.renderAll(result.diagnostics(), source));
        assertFalse(result.program().statements().isEmpty());
    }
}
