package org.dmasim.interpreter.diag;

import java.util.List;

/**
 * Renders a diagnostic the way compilers do, so that editors' problem matchers and Vim's quickfix
 * find the position at the start of the line:
 *
 * <pre>
 * scenario.dma:12:1: error[STALE_READ]: the CPU may read a stale cache line of rx
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
        return render(diagnostic, source, Style.PLAIN);
    }

    /** The whole diagnostic in {@code style}, every line ending in '\n'. */
    public static String render(Diagnostic diagnostic, SourceFile source, Style style) {
        StringBuilder out = new StringBuilder();
        out.append(header(diagnostic, source, style)).append('\n');
        int start = diagnostic.span().start();
        int line = source.line(start);
        String lineText = source.lineText(line);
        String number = String.valueOf(line);
        String gutter = number.length() >= GUTTER_PAD.length() ? number : GUTTER_PAD.substring(number.length()) + number;
        out.append(' ').append(gutter).append(" | ").append(lineText).append('\n');
        String carets = underline(lineText, source.column(start) - 1, caretWidth(diagnostic, source, lineText));
        String pad = carets.substring(0, carets.indexOf('^'));
        out.append(' ').append(" ".repeat(gutter.length())).append(" | ").append(pad)
                .append(style.paint(role(diagnostic.severity()), carets.substring(pad.length()))).append('\n');
        notes(out, diagnostic.help(), diagnostic.notes(), style);
        return out.toString();
    }

    /** The {@code = help:} and {@code = note:} lines under a message. */
    public static void notes(StringBuilder out, String help, List<String> notes, Style style) {
        if (help != null) {
            out.append("   ").append(style.paint(Style.Role.NOTE, "= help:")).append(' ').append(help).append('\n');
        }
        for (String note : notes) {
            out.append("   ").append(style.paint(Style.Role.NOTE, "= note:")).append(' ').append(note).append('\n');
        }
    }

    /** Every diagnostic in order, as {@link #render} prints each. */
    public static String renderAll(List<Diagnostic> diagnostics, SourceFile source) {
        return renderAll(diagnostics, source, Style.PLAIN, 0);
    }

    /**
     * Every diagnostic in order, the errors among them up to {@code maxErrors} (0: all), then a line
     * saying how many errors were left out.
     */
    public static String renderAll(List<Diagnostic> diagnostics, SourceFile source, Style style, int maxErrors) {
        StringBuilder out = new StringBuilder();
        int errors = 0;
        int omitted = 0;
        for (Diagnostic diagnostic : diagnostics) {
            if (diagnostic.isError() && maxErrors > 0 && errors >= maxErrors) {
                omitted++;
                continue;
            }
            if (diagnostic.isError()) {
                errors++;
            }
            out.append(render(diagnostic, source, style));
        }
        if (omitted > 0) {
            out.append(source.name()).append(": ").append(omitted).append(" more error").append(omitted == 1 ? "" : "s")
                    .append(" not shown (--max-errors ").append(maxErrors).append(")\n");
        }
        return out.toString();
    }

    /** {@code file:line:col: error[CODE]: message}, or {@code file:line:col: error: message} without a code. */
    public static String header(Diagnostic diagnostic, SourceFile source) {
        return header(diagnostic, source, Style.PLAIN);
    }

    public static String header(Diagnostic diagnostic, SourceFile source, Style style) {
        return style.paint(Style.Role.LOCATION, source.name() + ":" + source.position(diagnostic.span().start()) + ":")
                + " " + label(diagnostic.severity(), diagnostic.code(), style) + " " + diagnostic.message();
    }

    /** {@code error[CODE]:}, {@code warning:}: the severity and code, coloured as a whole. */
    public static String label(Severity severity, String code, Style style) {
        return style.paint(role(severity), severity.label() + (code == null ? "" : "[" + code + "]") + ":");
    }

    private static Style.Role role(Severity severity) {
        return severity == Severity.ERROR ? Style.Role.ERROR : Style.Role.WARNING;
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
