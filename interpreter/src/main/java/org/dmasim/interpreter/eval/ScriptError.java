package org.dmasim.interpreter.eval;

import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.diag.SourceFile;

/**
 * An error in the script itself (unknown name, wrong argument type or count, a limit reached):
 * the run stops and exits 2. It blames a span, so the message points at the culprit.
 */
public final class ScriptError extends RuntimeException {
    private final transient SourceFile file;
    private final Span span;
    private final String help;
    private final String limit;

    public ScriptError(String message, SourceFile file, Span span, String help) {
        this(message, file, span, help, null);
    }

    /** An error that reaching {@code limit} caused ({@link Budget#TIMEOUT}, {@code "memory"}...). */
    public ScriptError(String message, SourceFile file, Span span, String help, String limit) {
        super(message);
        this.file = file;
        this.span = span;
        this.help = help;
        this.limit = limit;
    }

    public SourceFile file() {
        return file;
    }

    public Span span() {
        return span;
    }

    /** One line telling how to fix it, or null. */
    public String help() {
        return help;
    }

    /** The limit whose reaching stopped the run, or null for a mistake in the script. */
    public String limit() {
        return limit;
    }
}
