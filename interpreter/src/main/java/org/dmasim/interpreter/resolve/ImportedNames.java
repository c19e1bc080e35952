package org.dmasim.interpreter.resolve;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.dmasim.interpreter.ast.Program;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.Imports;

/** The top-level names a script's imports declare (and their imports', transitively). */
public final class ImportedNames {
    private ImportedNames() {
    }

    /** Imports that cannot be found or parsed are skipped here: running the script reports them. */
    public static Set<String> of(List<Statement> program, Path directory, Function<SourceFile, Program> loader) {
        Set<String> names = new HashSet<>();
        collect(program, directory, loader, names, new HashSet<>());
        return names;
    }

    private static void collect(List<Statement> program, Path directory, Function<SourceFile, Program> loader,
            Set<String> names, Set<Path> seen) {
        for (Statement s : program) {
            if (s instanceof Statement.Import i) {
                try {
                    var found = Imports.locate(i.path(), directory);
                    if (found.isPresent() && seen.add(found.get().key())) {
                        Program p = loader.apply(found.get().source());
                        names.addAll(Resolver.declared(p.statements()));
                        collect(p.statements(), found.get().directory(), loader, names, seen);
                    }
                } catch (RuntimeException e) {
                    // the run reports it where the import is executed
                }
            }
        }
    }
}
