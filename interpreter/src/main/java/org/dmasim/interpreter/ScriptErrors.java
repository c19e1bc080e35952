package org.dmasim.interpreter;

import java.util.List;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.DiagnosticRenderer;
import org.dmasim.interpreter.diag.Severity;
import org.dmasim.interpreter.diag.Style;
import org.dmasim.interpreter.eval.ScriptError;

/** Renders a script error like any diagnostic: position, source line, caret, help. */
public final class ScriptErrors {
    private ScriptErrors() {
    }

    public static String render(ScriptError e) {
        return render(e, Style.PLAIN);
    }

    public static String render(ScriptError e, Style style) {
        return DiagnosticRenderer.render(diagnostic(e), e.file(), style);
    }

    /** The error as a diagnostic of its file. */
    public static Diagnostic diagnostic(ScriptError e) {
        return new Diagnostic(Severity.ERROR, null, e.getMessage(), e.span(), e.help(), List.of());
    }
}
