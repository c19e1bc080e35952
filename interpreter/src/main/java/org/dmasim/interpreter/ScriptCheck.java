package org.dmasim.interpreter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.SyntaxFailure;
import org.dmasim.interpreter.parse.ParseResult;
import org.dmasim.interpreter.parse.ScriptParser;

/**
 * What {@code dmasim check} finds in a script without running it: every syntax error, then (when it parses)
 * every unknown name, imports followed, as the language server needs them: per file, not printed.
 */
public final class ScriptCheck {
    /** The diagnostics found in one file: the script itself, or a library it imports. */
    public record FileDiagnostics(SourceFile file, List<Diagnostic> diagnostics) {
        public FileDiagnostics {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    private ScriptCheck() {
    }

    /**
     * Checks {@code source}, whose imports are looked up from {@code directory}; returns the files with
     * diagnostics, the script's own first (an empty list: nothing found).
     */
    public static List<FileDiagnostics> check(SourceFile source, Path directory) {
        ParseResult parsed = new ScriptParser().parse(source);
        List<FileDiagnostics> found = new ArrayList<>();
        List<Diagnostic> own = new ArrayList<>(parsed.diagnostics());
        if (!parsed.hasErrors()) {
            try {
                own.addAll(ScenarioRunner.resolve(parsed.program(), directory));
            } catch (SyntaxFailure f) { // in an imported library
                found.add(new FileDiagnostics(f.file(), f.diagnostics()));
            }
        }
        if (!own.isEmpty()) {
            found.add(0, new FileDiagnostics(source, own));
        }
        return found;
    }
}
