package org.dmasim.interpreter.check;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.builtins.Builtin;
import org.dmasim.interpreter.eval.ValueKind;

/**
 * What is known of a value before the script runs: the kinds it may have, and for a record its fields,
 * for a list its items, for a function its declaration. The empty set of kinds is "nothing yet" (the
 * items of an empty list); {@link #UNKNOWN} is every kind.
 *
 * @param fields the fields of a record whose fields are known, else null
 * @param element what a list's items may be, or null when unknown
 */
record StaticType(Set<ValueKind> kinds, Map<String, StaticType> fields, StaticType element,
        Statement.FnDecl function, Builtin builtin) {
    static final StaticType UNKNOWN = of(EnumSet.allOf(ValueKind.class));
    static final StaticType NOTHING = of(EnumSet.noneOf(ValueKind.class));
    static final StaticType INT = of(ValueKind.INT);
    static final StaticType BOOL = of(ValueKind.BOOL);
    static final StaticType STRING = of(ValueKind.STRING);
    static final StaticType NULL = of(ValueKind.NULL);
    static final StaticType OUTCOMES = of(ValueKind.OUTCOMES);

    StaticType {
        kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
        fields = fields == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    static StaticType of(Set<ValueKind> kinds) {
        return new StaticType(kinds, null, null, null, null);
    }

    static StaticType of(ValueKind kind) {
        return of(EnumSet.of(kind));
    }

    static StaticType list(StaticType element) {
        return new StaticType(EnumSet.of(ValueKind.LIST), null, element, null, null);
    }

    static StaticType record(Map<String, StaticType> fields) {
        return new StaticType(EnumSet.of(ValueKind.RECORD), fields, null, null, null);
    }

    static StaticType function(Statement.FnDecl declaration) {
        return new StaticType(EnumSet.of(ValueKind.FUNCTION), null, null, declaration, null);
    }

    static StaticType builtin(Builtin b) {
        return new StaticType(EnumSet.of(ValueKind.BUILTIN), null, null, null, b);
    }

    /** The kinds it has when the call that made it succeeded (null only when it can be nothing else). */
    StaticType withoutNull() {
        if (kinds.size() < 2 || !kinds.contains(ValueKind.NULL)) {
            return this;
        }
        EnumSet<ValueKind> k = EnumSet.copyOf(kinds);
        k.remove(ValueKind.NULL);
        return new StaticType(k, fields, element, function, builtin);
    }

    boolean is(ValueKind kind) {
        return kinds.equals(Set.of(kind));
    }

    boolean may(ValueKind kind) {
        return kinds.contains(kind);
    }

    /** Whether it is known, and can be none of {@code allowed}: then using it so fails for sure. */
    boolean never(Set<ValueKind> allowed) {
        return !kinds.isEmpty() && kinds.stream().noneMatch(allowed::contains);
    }

    /** What it may be after either of two paths. */
    StaticType join(StaticType o) {
        if (kinds.isEmpty()) {
            return o;
        }
        if (o.kinds.isEmpty()) {
            return this;
        }
        EnumSet<ValueKind> k = EnumSet.copyOf(kinds);
        k.addAll(o.kinds);
        Map<String, StaticType> f = null;
        if (fields != null && o.fields != null && fields.keySet().equals(o.fields.keySet())) {
            f = new LinkedHashMap<>();
            for (var e : fields.entrySet()) {
                f.put(e.getKey(), e.getValue().join(o.fields.get(e.getKey())));
            }
        } else if (fields != null && !o.may(ValueKind.RECORD)) {
            f = fields;
        } else if (o.fields != null && !may(ValueKind.RECORD)) {
            f = o.fields;
        }
        StaticType el = element == null ? (may(ValueKind.LIST) ? null : o.element)
                : o.element == null ? (o.may(ValueKind.LIST) ? null : element) : element.join(o.element);
        Statement.FnDecl fn = Objects.equals(function, o.function) || !o.may(ValueKind.FUNCTION) ? function
                : !may(ValueKind.FUNCTION) ? o.function : null;
        Builtin b = Objects.equals(builtin, o.builtin) || !o.may(ValueKind.BUILTIN) ? builtin
                : !may(ValueKind.BUILTIN) ? o.builtin : null;
        return new StaticType(k, f, el, fn, b);
    }

    /**
     * How a message names it: "an integer", "an integer or a string". A value that may also be null (a
     * failed allocation) is named by what it is when the call succeeded, as the run would name it.
     */
    String typeName() {
        Set<ValueKind> named = kinds.size() > 1 && kinds.contains(ValueKind.NULL)
                ? kinds.stream().filter(k -> k != ValueKind.NULL).collect(Collectors.toSet()) : kinds;
        if (named.size() > 4) {
            return "any value";
        }
        return named.stream().sorted().map(ValueKind::description).collect(Collectors.joining(" or "));
    }
}
