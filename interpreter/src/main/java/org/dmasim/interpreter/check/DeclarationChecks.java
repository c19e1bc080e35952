package org.dmasim.interpreter.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.ast.Field;
import org.dmasim.interpreter.ast.Program;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.builtins.BuiltinRegistry;
import org.dmasim.interpreter.diag.Suggestions;
import org.dmasim.interpreter.eval.Imports;
import org.dmasim.interpreter.eval.Stdlib;
import org.dmasim.interpreter.eval.ValueKind;
import org.dmasim.interpreter.lang.Properties;
import org.dmasim.interpreter.lang.Property;

/**
 * The declarations' errors that are sure before running: an unknown arch, preset, property or import,
 * a property value of the wrong type or out of its range ({@code Declarations}, {@code DeviceProperties}).
 */
final class DeclarationChecks {
    private final TypeChecker checker;
    private final Set<String> profiles = new HashSet<>();
    private final Set<String> presets = new HashSet<>();

    DeclarationChecks(TypeChecker checker, Program program) {
        this.checker = checker;
        collect(program.statements());
    }

    /** Profiles and presets the script declares itself (anywhere: a block may declare one too). */
    private void collect(List<Statement> statements) {
        for (Statement s : statements) {
            switch (s) {
                case Statement.ProfileDecl p -> profiles.add(p.name());
                case Statement.PresetDecl p -> presets.add(p.name());
                case Statement.Block b -> collect(b.statements());
                case Statement.If i -> {
                    collect(i.then().statements());
                    if (i.orElse() != null) {
                        collect(List.of(i.orElse()));
                    }
                }
                default -> {
                }
            }
        }
    }

    void arch(Statement.ArchDecl d) {
        List<String> known = new ArrayList<>(Stdlib.index("arch"));
        known.addAll(profiles);
        if (!known.contains(d.name())) {
            String near = Suggestions.closest(d.name(), known);
            checker.error(d.nameSpan(), "unknown arch '" + d.name() + "'",
                    near != null ? "did you mean '" + near + "'?" : "known arches: " + String.join(", ", known));
        }
    }

    void machine(Statement.MachineDecl d) {
        for (Field f : d.fields()) {
            StaticType t = checker.expressions.type(f.value());
            if (known(f, Properties.machine())) {
                checker.expressions.integer(t, f.value());
            }
        }
    }

    void preset(Statement.PresetDecl d) {
        if (d.base() != null) {
            preset(d.base(), d.baseSpan());
        }
        values(d.fields());
    }

    void device(Statement.DeviceDecl d) {
        if (d.preset() != null) {
            preset(d.preset(), d.presetSpan());
        }
        Map<String, Field> given = values(d.fields());
        for (Property p : Properties.device()) {
            Field f = given.get(p.name());
            if (f != null) {
                value(p, f);
            }
        }
    }

    void profile(Statement.ProfileDecl d) {
        Set<String> seen = new HashSet<>();
        for (Field f : d.fields()) {
            known(f, Properties.profile());
            if (!seen.add(f.key())) {
                checker.error(f.keySpan(), "property '" + f.key() + "' given twice", null);
            }
        }
    }

    void importFile(Statement.Import i) {
        try {
            if (Imports.locate(i.path(), checker.directory).isEmpty()) {
                checker.error(i.span(), "cannot find " + i.path() + " next to this script or in the standard library",
                        null);
            }
        } catch (java.io.UncheckedIOException e) {
            // unreadable: the run says why
        }
    }

    private void preset(String name, Span at) {
        List<String> known = new ArrayList<>(Stdlib.index("devices"));
        known.addAll(presets);
        if (!known.contains(name)) {
            String near = Suggestions.closest(name, known);
            checker.error(at, "unknown device preset '" + name + "'",
                    near != null ? "did you mean '" + near + "'?" : "declare it: preset " + name + " { ... }");
        }
    }

    /** A device or preset block: known names, each once; returns the fields by name. */
    private Map<String, Field> values(List<Field> fields) {
        Map<String, Field> given = new HashMap<>();
        for (Field f : fields) {
            if (known(f, Properties.device()) && given.put(f.key(), f) != null) {
                checker.error(f.keySpan(), "property '" + f.key() + "' given twice", null);
            }
        }
        return given;
    }

    private boolean known(Field f, List<Property> block) {
        List<String> allowed = Properties.names(block);
        if (!allowed.contains(f.key())) {
            String near = Suggestions.closest(f.key(), allowed);
            checker.error(f.keySpan(), "unknown property '" + f.key() + "'",
                    near != null ? "did you mean '" + near + "'?" : "known properties: " + String.join(", ", allowed));
            return false;
        }
        return true;
    }

    /** A device property's value: a bare name that is not bound stands for itself ({@code driver: shmem}). */
    private void value(Property p, Field f) {
        String symbol = null;
        StaticType t;
        if (f.value() instanceof Expr.Name n && checker.scopes.lookup(n.name()) == null
                && BuiltinRegistry.standard().constant(n.name()).isEmpty()) {
            symbol = n.name();
            t = StaticType.STRING;
        } else {
            t = checker.expressions.type(f.value());
            if (f.value() instanceof Expr.StringLiteral s) {
                symbol = s.value();
            }
        }
        String key = p.name();
        switch (p.type()) {
            case BITS, INT -> {
                if (t.never(Set.of(ValueKind.INT))) {
                    checker.error(f.span(), key + " must be an integer, not " + t.typeName(), null);
                } else if (p.type() == org.dmasim.interpreter.lang.PropertyType.BITS
                        && f.value() instanceof Expr.IntLiteral i && (i.value() < 1 || i.value() > 64)) {
                    checker.error(f.span(), key + " is a number of bits, 1..64, not " + Long.toUnsignedString(i.value()),
                            "dma_mask: 32 means DMA_BIT_MASK(32)");
                }
            }
            case BOOL -> {
                if (t.never(Set.of(ValueKind.BOOL))) {
                    checker.error(f.span(), key + " must be true or false, not " + t.typeName(), null);
                }
            }
            case SYMBOL, NAME -> {
                if (t.never(Set.of(ValueKind.STRING))) {
                    checker.error(f.span(), key + " must be a name or a string, not " + t.typeName(), null);
                } else if (p.type() == org.dmasim.interpreter.lang.PropertyType.SYMBOL && symbol != null
                        && !p.symbols().contains(symbol)) {
                    checker.error(f.span(), key + " is one of " + String.join(", ", p.symbols()) + ", not '" + symbol
                            + "'", null);
                }
            }
            case TABLE, ORDERS -> {
            }
        }
    }
}
