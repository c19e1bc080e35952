package org.dmasim.interpreter;

import java.util.List;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.DiagnosticRenderer;
import org.dmasim.interpreter.diag.Severity;
import org.dmasim.interpreter.eval.ScriptError;

/** Renders a script error like any diagnostic: position, source line, caret, help. */
public final class ScriptErrors {
    private ScriptErrors() {
    }

    public static String render(ScriptError e) {
        Diagnostic d = new Diagnostic(Severity.ERROR, null, e.getMessage(), e.span(), e.help(), List.of());
        return DiagnosticRenderer.render(d, e.file());
    }
}
