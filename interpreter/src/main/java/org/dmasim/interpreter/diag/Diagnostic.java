package org.dmasim.interpreter.diag;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dmasim.interpreter.ast.Span;

/**
 * One message about the script, pointing at a span of its text.
 *
 * @param code a stable code ({@code STALE_READ}, {@link #SYNTAX}), or null
 * @param help one line telling what to do about it, or null
 * @param notes further lines of context, printed after the help
 */
public record Diagnostic(Severity severity, String code, String message, Span span, String help, List<String> notes) {
    /** The code of every syntax error, so tools can tell them from engine reports. */
    public static final String SYNTAX = "syntax";

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(span, "span");
        notes = List.copyOf(notes);
    }

    public static Diagnostic error(String code, String message, Span span) {
        return new Diagnostic(Severity.ERROR, code, message, span, null, List.of());
    }

    public static Diagnostic warning(String code, String message, Span span) {
        return new Diagnostic(Severity.WARNING, code, message, span, null, List.of());
    }

    public static Diagnostic syntax(String message, Span span) {
        return error(SYNTAX, message, span);
    }

    public Diagnostic withHelp(String newHelp) {
        return new Diagnostic(severity, code, message, span, newHelp, notes);
    }

    public Diagnostic withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new Diagnostic(severity, code, message, span, help, more);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
