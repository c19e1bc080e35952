package org.dmasim.interpreter.check;

import static org.dmasim.interpreter.eval.ValueKind.DEVICE;
import static org.dmasim.interpreter.eval.ValueKind.HANDLE;
import static org.dmasim.interpreter.eval.ValueKind.RECORD;
import static org.dmasim.interpreter.eval.ValueKind.VIEW;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.diag.Suggestions;
import org.dmasim.interpreter.eval.ValueKind;
import org.dmasim.interpreter.lang.Field;
import org.dmasim.interpreter.lang.Fields;

/**
 * The fields of each kind of value ({@link Fields}): {@code m.dma} is an integer,
 * {@code c.cpu} a CPU view or null. Kinds whose fields are all listed here are closed: a field they
 * lack is an error; engine objects may have more (dma-buf fields), so an unknown field of theirs is
 * left to the run.
 */
final class FieldTypes {
    private static final Map<ValueKind, Map<String, StaticType>> KNOWN = new EnumMap<>(ValueKind.class);
    /** Kinds with exactly the fields listed (none for integers, strings, ...). */
    private static final Set<ValueKind> CLOSED = EnumSet.complementOf(EnumSet.of(DEVICE, VIEW, HANDLE,
            ValueKind.OPAQUE, RECORD));

    static {
        // the objects' fields as lang.Fields declares them; dma-buf objects (OPAQUE) differ one from another
        for (Field f : Fields.all()) {
            if (f.kind() != ValueKind.OPAQUE) {
                KNOWN.computeIfAbsent(f.kind(), k -> new LinkedHashMap<>()).put(f.name(), StaticType.of(f.type()));
            }
        }
    }

    private FieldTypes() {
    }

    /** The type of {@code target.field}; reports a field the target cannot have. */
    static StaticType of(StaticType type, Expr.FieldAccess f, TypeChecker checker) {
        String field = f.field();
        StaticType target = type.withoutNull();
        if (target.kinds().isEmpty()) {
            return StaticType.UNKNOWN;
        }
        if (target.is(DEVICE) && field.equals("bar")) {
            return StaticType.of(VIEW);
        }
        if (target.is(RECORD) && target.fields() != null) {
            StaticType t = target.fields().get(field);
            if (t == null) {
                missing(target, field, target.fields().keySet(), f, checker);
                return StaticType.UNKNOWN;
            }
            return t;
        }
        if (target.kinds().size() == 1) {
            ValueKind kind = target.kinds().iterator().next();
            Map<String, StaticType> known = KNOWN.getOrDefault(kind, Map.of());
            StaticType t = known.get(field);
            if (t != null) {
                return t;
            }
            if (CLOSED.contains(kind)) {
                missing(target, field, known.keySet(), f, checker);
            }
            return StaticType.UNKNOWN;
        }
        StaticType out = StaticType.NOTHING;
        for (ValueKind kind : target.kinds()) {
            StaticType t = KNOWN.getOrDefault(kind, Map.of()).get(field);
            out = out.join(t == null ? StaticType.UNKNOWN : t);
        }
        return out;
    }

    private static void missing(StaticType target, String field, Set<String> fields, Expr.FieldAccess f,
            TypeChecker checker) {
        String near = Suggestions.closest(field, fields);
        String help = fields.isEmpty() ? null
                : near != null ? "did you mean '" + near + "'?" : "its fields: " + String.join(", ", fields);
        checker.error(f.fieldSpan(), target.typeName() + " has no field '" + field + "'", help);
    }
}
