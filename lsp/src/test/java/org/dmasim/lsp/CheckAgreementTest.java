package org.dmasim.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The language server and {@code dmasim check} agree: for every golden check case the editor shows the
 * errors, at the positions and with the messages, that the case's {@code .out} (what {@code dmasim check}
 * prints) pins; for every example, neither finds anything.
 */
class CheckAgreementTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    /** {@code file:line:col: error[CODE]: message}, the head line of each of check's errors. */
    private static final Pattern HEAD = Pattern.compile("^(\\S+):(\\d+):(\\d+): (error|warning)(?:\\[(\\w+)])?: (.*)$");

    @TestFactory
    Stream<DynamicTest> checkCasesShowTheSameErrors() throws IOException {
        List<Path> cases = scripts(EXAMPLES.resolve("src/test/check"));
        assertFalse(cases.isEmpty(), "no check cases under " + EXAMPLES.toAbsolutePath());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
            String out = Files.readString(Path.of(c.toString().replaceAll("\\.dma$", ".out")), StandardCharsets.UTF_8);
            List<String> expected = new ArrayList<>();
            for (String line : out.lines().toList()) {
                Matcher m = HEAD.matcher(line);
                if (m.matches()) {
                    expected.add(m.group(2) + ":" + m.group(3) + " " + m.group(4)
                            + (m.group(5) == null ? "" : "[" + m.group(5) + "]") + " " + m.group(6));
                }
            }
            assertFalse(expected.isEmpty(), "the golden output of " + c + " has no error");
            assertEquals(expected, shown(c));
        }));
    }

    @TestFactory
    Stream<DynamicTest> examplesAreCleanForBoth() throws IOException {
        List<Path> examples = scripts(EXAMPLES);
        assertFalse(examples.isEmpty());
        return examples.stream().map(e -> DynamicTest.dynamicTest(e.getFileName().toString(),
                () -> assertEquals(List.of(), shown(e))));
    }

    /** What the server publishes for the script, as check prints it: line:col severity[code] first line. */
    private static List<String> shown(Path script) throws IOException {
        OpenScript open = new OpenScript(script.toAbsolutePath().normalize().toUri().toString(),
                Files.readString(script, StandardCharsets.UTF_8));
        List<String> shown = new ArrayList<>();
        for (Diagnostic d : ScriptDiagnostics.of(open)) {
            String code = d.getCode() == null ? "" : "[" + d.getCode().getLeft() + "]";
            String severity = d.getSeverity() == DiagnosticSeverity.Error ? "error" : "warning";
            shown.add((d.getRange().getStart().getLine() + 1) + ":" + (d.getRange().getStart().getCharacter() + 1)
                    + " " + severity + code + " " + d.getMessage().lines().findFirst().orElse(""));
        }
        return shown;
    }

    private static List<Path> scripts(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".dma")).sorted().toList();
        }
    }
}
