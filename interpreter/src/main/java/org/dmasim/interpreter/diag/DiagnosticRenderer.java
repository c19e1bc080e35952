package org.dmasim.interpreter.diag;

import java.util.List;

/**
 * Renders a diagnostic the way LANGUAGE.md §8 shows it:
 *
 * <pre>
 * error[STALE_READ] scenario.dma:12:1: the CPU may read a stale cache line of rx
 *    12 | cpu reads rx[0..64]
 *       | ^^^^^^^^^^^^^^^^^^^
 *    = help: call dma_sync_single_for_cpu(...) before the CPU reads
 * </pre>
 *
 * The caret underlines the span on its first line only, with at least one {@code ^}.
 */
public final class DiagnosticRenderer {
    private static final String GUTTER_PAD = "    ";

    private DiagnosticRenderer() {
    }

    /** The whole diagnostic, every line ending in '\n'. */
    public static String render(Diagnostic diagnostic, SourceFile source) {
        StringBuilder out = new StringBuilder();
        out.append(header(diagnostic, source)).append('\n');
        int start = diagnostic.span().start();
        int line = source.line(start);
        String lineText = source.lineText(line);
        String number = String.valueOf(line);
        String gutter = number.length() >= GUTTER_PAD.length() ? number : GUTTER_PAD.substring(number.length()) + number;
        out.append(' ').append(gutter).append(" | ").append(lineText).append('\n');
        out.append(' ').append(" ".repeat(gutter.length())).append(" | ")
                .append(underline(lineText, source.column(start) - 1, caretWidth(diagnostic, source, lineText)))
                .append('\n');
        if (diagnostic.help() != null) {
            out.append("   = help: ").append(diagnostic.help()).append('\n');
        }
        for (String note : diagnostic.notes()) {
            out.append("   = note: ").append(note).append('\n');
        }
        return out.toString();
    }

    /** Every diagnostic in order, as {@link #render} prints each. */
    public static String renderAll(List<Diagnostic> diagnostics, SourceFile source) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic diagnostic : diagnostics) {
            out.append(render(diagnostic, source));
        }
        return out.toString();
    }

    /** {@code error[CODE] file:line:col: message}, or {@code error: file:line:col: message} without a code. */
    public static String header(Diagnostic diagnostic, SourceFile source) {
        String code = diagnostic.code() == null ? ":" : "[" + diagnostic.code() + "]";
        return diagnostic.severity().label() + code + " " + source.name() + ":"
                + source.position(diagnostic.span().start()) + ": " + diagnostic.message();
    }

    private static int caretWidth(Diagnostic diagnostic, SourceFile source, String lineText) {
        int column = source.column(diagnostic.span().start()) - 1;
        int lastOnLine = lineText.length() - column;
        return Math.max(1, Math.min(diagnostic.span().end() - diagnostic.span().start(), lastOnLine));
    }

    /** Carets under the span; tabs before it are copied so the carets line up in a terminal. */
    private static String underline(String lineText, int column, int width) {
        StringBuilder pad = new StringBuilder();
        for (int i = 0; i < column && i < lineText.length(); i++) {
            pad.append(lineText.charAt(i) == '\t' ? '\t' : ' ');
        }
        pad.append(" ".repeat(Math.max(0, column - lineText.length())));
        return pad + "^".repeat(width);
    }
}
