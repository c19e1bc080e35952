package org.dmasim.interpreter.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.dmasim.interpreter.diag.DiagnosticRenderer;
import org.dmasim.interpreter.diag.SourceFile;

/** Whatever the text, parsing returns (never throws), and every diagnostic can be rendered. */
class ParserRobustnessTest {
    private static final List<String> PIECES = List.of("let", "x", "=", "1", "64KiB", "0x_", "\"s", "\"a\\q\"",
            "(", ")", "[", "]", "{", "}", ",", ":", ";", "\n", "..", ".", "+", "==", "not", "cpu", "reads", "writes",
            "nic", "if", "else", "for", "in", "fn", "return", "expect", "report", "sometimes", "clean", "device",
            "machine", "arch", "@", "# c\n", " ", "\t", "\uD83D\uDE00", "99999999999999999999999");

    private final ScriptParser parser = new ScriptParser();

    @Property(tries = 400)
    void anyTokenSoupParsesWithoutThrowing(@ForAll("soup") String text) {
        SourceFile source = SourceFile.of("soup.dma", text);
        ParseResult result = parser.parse(source);
        String rendered = DiagnosticRenderer.renderAll(result.diagnostics(), source);
        assertEquals(result.hasErrors(), !rendered.isEmpty());
        result.diagnostics().forEach(d -> assertTrue(d.span().start() <= text.length(), d.toString()));
        parser.isComplete(text);
    }

    @Property(tries = 200)
    void anyCharactersParseWithoutThrowing(@ForAll String text) {
        SourceFile source = SourceFile.of("chars.dma", text);
        DiagnosticRenderer.renderAll(parser.parse(source).diagnostics(), source);
        parser.isComplete(text);
    }

    @Provide
    Arbitrary<String> soup() {
        return Arbitraries.of(PIECES).list().ofMaxSize(40).map(pieces -> String.join(" ", pieces));
    }
}
