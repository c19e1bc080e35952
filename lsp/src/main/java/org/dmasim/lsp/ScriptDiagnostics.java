package org.dmasim.lsp;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.check.Finding;
import org.dmasim.interpreter.check.ScriptCheck;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.SourceFile;
import org.eclipse.lsp4j.DiagnosticSeverity;

/** {@code dmasim check} on an open script, as the protocol's diagnostics. */
final class ScriptDiagnostics {
    static final String SOURCE = "dmasim";

    private ScriptDiagnostics() {
    }

    static List<org.eclipse.lsp4j.Diagnostic> of(OpenScript script) {
        SourceFile source = script.source();
        List<org.eclipse.lsp4j.Diagnostic> found = new ArrayList<>();
        for (Finding f : ScriptCheck.check(source, script.directory())) {
            Diagnostic d = f.diagnostic();
            if (f.file() == source) {
                found.add(convert(d, script.range(d.span()), d.message()));
            } else {
                // an imported library's own error: shown on the import, naming where it is
                Span at = importOf(script, f.file().name());
                String where = f.file().name() + ":" + f.file().position(d.span().start());
                found.add(convert(d, script.range(at), "in imported " + where + ": " + d.message()));
            }
        }
        return found;
    }

    private static org.eclipse.lsp4j.Diagnostic convert(Diagnostic d, org.eclipse.lsp4j.Range range, String message) {
        StringBuilder text = new StringBuilder(message);
        if (d.help() != null) {
            text.append("\nhelp: ").append(d.help());
        }
        d.notes().forEach(n -> text.append("\nnote: ").append(n));
        var diagnostic = new org.eclipse.lsp4j.Diagnostic(range, text.toString(), switch (d.severity()) {
            case ERROR -> DiagnosticSeverity.Error;
            case WARNING -> DiagnosticSeverity.Warning;
        }, SOURCE);
        if (d.code() != null) {
            diagnostic.setCode(d.code());
        }
        return diagnostic;
    }

    /** The import statement that brings in {@code library} (by file name), or the script's start. */
    private static Span importOf(OpenScript script, String library) {
        String name = library.substring(library.lastIndexOf('/') + 1);
        for (Statement s : script.parsed().program().statements()) {
            if (s instanceof Statement.Import i && i.path().endsWith(name)) {
                return i.span();
            }
        }
        return new Span(0, 0);
    }
}
