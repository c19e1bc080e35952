package org.dmasim.interpreter;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.DiagnosticRenderer;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.diag.Style;
import org.dmasim.interpreter.eval.ScriptError;

/**
 * One error that stopped a run or rejected a script, as data: its message, where it points
 * (when it points anywhere), the help line, and the text {@code dmasim run} prints for it.
 *
 * @param file the file it points into, or null
 * @param span the span it blames in {@code file}, or null
 * @param help one line telling how to fix it, or null
 * @param rendered the whole message as printed, ending in a newline
 * @param diagnostic the diagnostic it was rendered from, or null (then it is rendered plain only)
 */
public record Problem(String message, SourceFile file, Span span, String help, String rendered,
        Diagnostic diagnostic) {
    /** A problem without a diagnostic: it renders as {@code rendered} in every style. */
    public Problem(String message, SourceFile file, Span span, String help, String rendered) {
        this(message, file, span, help, rendered, null);
    }

    /** A syntax error or an unknown name found before the run. */
    public static Problem of(Diagnostic d, SourceFile file) {
        return new Problem(d.message(), file, d.span(), d.help(), DiagnosticRenderer.render(d, file), d);
    }

    /** An error raised while the script ran (a bad argument, a limit reached). */
    public static Problem of(ScriptError e) {
        return new Problem(e.getMessage(), e.file(), e.span(), e.help(), ScriptErrors.render(e),
                ScriptErrors.diagnostic(e));
    }

    /** The message as printed in {@code style} (colours on a terminal). */
    public String rendered(Style style) {
        return diagnostic != null && file != null ? DiagnosticRenderer.render(diagnostic, file, style) : rendered;
    }

    /** The code of a syntax error ({@code syntax}), or null. */
    public String code() {
        return diagnostic == null ? null : diagnostic.code();
    }

    /** An error that points at no span: {@code error: NAME: MESSAGE}. */
    public static Problem plain(String name, String message) {
        return new Problem(message, null, null, null, "error: " + name + ": " + message + "\n");
    }

    /** A scenario file that cannot be read. */
    public static Problem unreadable(java.nio.file.Path file, java.io.IOException e) {
        String message = "cannot read " + file + ": " + e.getMessage();
        return new Problem(message, null, null, null, "error: " + message + "\n");
    }

    /** A bug in dmasim: the message says so; with {@code debug} the Java stack trace follows. */
    public static Problem internal(Throwable e, boolean debug) {
        String text = "internal error: " + e + " (this is a bug in dmasim" + (debug ? ")" : "; --debug shows where)") + "\n";
        if (debug) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            text += trace;
        }
        return new Problem("internal error: " + e, null, null, null, text);
    }

    /** The 1-based line it points at, or 0. */
    public int line() {
        return file == null || span == null ? 0 : file.line(span.start());
    }

    /** The 1-based column it points at, or 0. */
    public int column() {
        return file == null || span == null ? 0 : file.column(span.start());
    }
}
