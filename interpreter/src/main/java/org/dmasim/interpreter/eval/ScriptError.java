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

    public ScriptError(String message, SourceFile file, Span span, String help) {
        super(message);
        this.file = file;
        this.span = span;
        this.help = help;
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
}
