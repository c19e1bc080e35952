package org.dmasim.interpreter.check;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.ast.Program;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.eval.Imports;
import org.dmasim.interpreter.eval.ValueKind;

/** What the top-level names of a script's imports are: their functions (for arity and results), devices, values. */
final class ImportedTypes {
    private ImportedTypes() {
    }

    static Map<String, StaticType> of(List<Statement> program, Path directory) {
        Map<String, StaticType> names = new HashMap<>();
        collect(program, directory, names, new HashSet<>());
        return names;
    }

    private static void collect(List<Statement> program, Path directory, Map<String, StaticType> names,
            Set<Path> seen) {
        for (Statement s : program) {
            if (!(s instanceof Statement.Import i)) {
                continue;
            }
            try {
                var found = Imports.locate(i.path(), directory);
                if (found.isPresent() && seen.add(found.get().key())) {
                    Program p = ScenarioRunner.load(found.get().source());
                    for (Statement d : p.statements()) {
                        switch (d) {
                            case Statement.FnDecl f -> names.put(f.name(), StaticType.function(f));
                            case Statement.DeviceDecl dev -> names.put(dev.name(), StaticType.of(ValueKind.DEVICE));
                            case Statement.Let l -> names.put(l.name(), StaticType.UNKNOWN);
                            default -> {
                            }
                        }
                    }
                    collect(p.statements(), found.get().directory(), names, seen);
                }
            } catch (RuntimeException e) {
                // a library that cannot be found, read or parsed: reported where it is imported
            }
        }
    }
}
