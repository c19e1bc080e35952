package org.dmasim.interpreter.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dmasim.interpreter.ast.Span;
import org.junit.jupiter.api.Test;

/** The exact text of a diagnostic: position first (editors parse it), then the source line and the caret. */
class DiagnosticRendererTest {
    private static final String SCENARIO = String.join("\n",
            "arch arm64", "device nic { dma_mask: 64, coherent: false }", "", "let rx = alloc_pages(4KiB)",
            "cpu writes rx = 0x00", "let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)",
            "expect not dma_mapping_error(nic, m)", "", "", "nic writes m = 0x5A", "",
            "cpu reads rx[0..64]", "");

    @Test
    void anEngineReportWithCodeAndHelp() {
        SourceFile source = SourceFile.of("scenario.dma", SCENARIO);
        int start = source.lineStart(12);
        Diagnostic d = Diagnostic.error("STALE_READ",
                        "the CPU may read a stale cache line of rx (phys 0x1_ffff_f000)", new Span(start, start + 19))
                .withHelp("call dma_sync_single_for_cpu(nic, m, 4KiB, DMA_FROM_DEVICE) before the CPU reads");
        assertEquals("""
                scenario.dma:12:1: error[STALE_READ]: the CPU may read a stale cache line of rx (phys 0x1_ffff_f000)
                   12 | cpu reads rx[0..64]
                      | ^^^^^^^^^^^^^^^^^^^
                   = help: call dma_sync_single_for_cpu(nic, m, 4KiB, DMA_FROM_DEVICE) before the CPU reads
                """, DiagnosticRenderer.render(d, source));
    }

    @Test
    void anErrorWithoutCodeUnderAColumn() {
        SourceFile source = SourceFile.of("s.dma", "let a = 1\nlet b = 2\nlet c = d + 1\n");
        Diagnostic d = Diagnostic.error(null, "unknown name 'd'", new Span(source.lineStart(3) + 8, source.lineStart(3) + 9))
                .withHelp("did you mean 'a'?").withNote("names are declared with let");
        assertEquals("""
                s.dma:3:9: error: unknown name 'd'
                    3 | let c = d + 1
                      |         ^
                   = help: did you mean 'a'?
                   = note: names are declared with let
                """, DiagnosticRenderer.render(d, source));
    }

    @Test
    void aWarningAndASpanOverSeveralLinesUnderlinesTheFirst() {
        SourceFile source = SourceFile.of("w.dma", "expect report X {\n  f()\n}");
        Diagnostic d = Diagnostic.warning("CPU_ACCESS_DEVICE_OWNED", "the CPU touches a buffer the device owns",
                new Span(7, source.text().length()));
        assertEquals("""
                w.dma:1:8: warning[CPU_ACCESS_DEVICE_OWNED]: the CPU touches a buffer the device owns
                    1 | expect report X {
                      |        ^^^^^^^^^^
                """, DiagnosticRenderer.render(d, source));
    }

    @Test
    void anEmptySpanAtTheEndOfALineGetsOneCaret() {
        SourceFile source = SourceFile.of("e.dma", "let x =\r\n");
        Diagnostic d = Diagnostic.syntax("expected an expression", new Span(7, 7));
        assertEquals("""
                e.dma:1:8: error[syntax]: expected an expression
                    1 | let x =
                      |        ^
                """, DiagnosticRenderer.render(d, source));
    }

    @Test
    void tabsBeforeTheSpanKeepTheCaretAligned() {
        SourceFile source = SourceFile.of("t.dma", "if a {\n\tf(x y)\n}");
        Diagnostic d = Diagnostic.syntax("expected ',' or ')' after an argument", new Span(12, 13));
        assertEquals("""
                t.dma:2:6: error[syntax]: expected ',' or ')' after an argument
                    2 | \tf(x y)
                      | \t    ^
                """, DiagnosticRenderer.render(d, source));
    }

    @Test
    void wideLineNumbers() {
        SourceFile source = SourceFile.of("big.dma", "x\n".repeat(12344) + "oops");
        Diagnostic d = Diagnostic.syntax("unexpected 'oops'", new Span(source.lineStart(12345), source.lineStart(12345) + 4));
        assertEquals("""
                big.dma:12345:1: error[syntax]: unexpected 'oops'
                 12345 | oops
                       | ^^^^
                """, DiagnosticRenderer.render(d, source));
    }

    @Test
    void maxErrorsCutsTheListAndSaysHowManyWereLeftOut() {
        SourceFile source = SourceFile.of("m.dma", "a\nb\nc\nd\n");
        java.util.List<Diagnostic> all = new java.util.ArrayList<>();
        for (int line = 1; line <= 4; line++) {
            all.add(Diagnostic.syntax("bad " + line, new Span(source.lineStart(line), source.lineStart(line) + 1)));
        }
        String two = DiagnosticRenderer.renderAll(all, source, Style.PLAIN, 2);
        assertEquals(2, two.lines().filter(l -> l.contains("error[syntax]")).count(), two);
        assertTrue(two.endsWith("m.dma: 2 more errors not shown (--max-errors 2)\n"), two);
        assertEquals(4, DiagnosticRenderer.renderAll(all, source, Style.PLAIN, 0).lines()
                .filter(l -> l.contains("error[syntax]")).count());
    }

    @Test
    void aStylePaintsTheLabelTheLocationTheCaretsAndTheNotes() {
        SourceFile source = SourceFile.of("s.dma", "let c = d + 1\n");
        Diagnostic d = Diagnostic.error(null, "unknown name 'd'", new Span(8, 9)).withHelp("did you mean 'c'?");
        Style marks = (role, text) -> "<" + role + ">" + text + "</>";
        assertEquals("""
                <LOCATION>s.dma:1:9:</> <ERROR>error:</> unknown name 'd'
                    1 | let c = d + 1
                      |         <ERROR>^</>
                   <NOTE>= help:</> did you mean 'c'?
                """, DiagnosticRenderer.render(d, source, marks));
    }
}
