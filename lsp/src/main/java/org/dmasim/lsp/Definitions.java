package org.dmasim.lsp;

import java.util.List;
import java.util.Optional;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.eval.Imports;
import org.eclipse.lsp4j.Location;

/**
 * Go-to-definition for the names a script declares with {@code let}, {@code fn} and {@code device} (and
 * parameters and loop variables); a name none declares is looked for in the files the script imports.
 */
final class Definitions {
    private Definitions() {
    }

    static List<Location> at(OpenScript script, int offset) {
        OpenScript.Word word = script.wordAt(offset);
        if (word == null) {
            return List.of();
        }
        List<Statement> program = script.parsed().program().statements();
        Declaration own = Declarations.resolve(Declarations.of(program, script.text()), word.text(), word.span().start());
        if (own != null) {
            return List.of(new Location(script.uri(), script.range(own.nameSpan())));
        }
        for (Statement s : program) {
            if (s instanceof Statement.Import i) {
                Optional<Location> there = inImport(i.path(), script, word.text());
                if (there.isPresent()) {
                    return List.of(there.get());
                }
            }
        }
        return List.of();
    }

    /** The declaration of {@code name} in an imported file on disk (the stdlib's are inside a jar: not shown). */
    private static Optional<Location> inImport(String path, OpenScript script, String name) {
        Optional<Imports.Located> located;
        try {
            located = Imports.locate(path, script.directory());
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
        if (located.isEmpty() || located.get().directory() == null) {
            return Optional.empty();
        }
        OpenScript library = new OpenScript(located.get().key().toUri().toString(), located.get().source().text());
        Declaration d = Declarations.resolve(
                Declarations.of(library.parsed().program().statements(), library.text()), name, Integer.MAX_VALUE);
        return d == null || d.kind() == Declaration.Kind.PARAMETER || d.kind() == Declaration.Kind.LOOP_VARIABLE
                ? Optional.empty()
                : Optional.of(new Location(library.uri(), library.range(d.nameSpan())));
    }
}
