package org.dmasim.interpreter.check;

import static org.dmasim.interpreter.eval.ValueKind.BOOL;
import static org.dmasim.interpreter.eval.ValueKind.COHERENT;
import static org.dmasim.interpreter.eval.ValueKind.DEVICE;
import static org.dmasim.interpreter.eval.ValueKind.HANDLE;
import static org.dmasim.interpreter.eval.ValueKind.HANDLE_SLICE;
import static org.dmasim.interpreter.eval.ValueKind.INT;
import static org.dmasim.interpreter.eval.ValueKind.NULL;
import static org.dmasim.interpreter.eval.ValueKind.OUTCOMES;
import static org.dmasim.interpreter.eval.ValueKind.RECORD;
import static org.dmasim.interpreter.eval.ValueKind.VIEW;
import static org.dmasim.interpreter.eval.ValueKind.VIEW_SLICE;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.diag.Suggestions;
import org.dmasim.interpreter.eval.ValueKind;

/**
 * The fields of each kind of value ({@code FieldAccess.fields}): {@code m.dma} is an integer,
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
        put(COHERENT, "cpu", StaticType.of(EnumSet.of(VIEW, NULL)), "dma", StaticType.of(HANDLE), "size",
                StaticType.INT);
        put(OUTCOMES, "certain", StaticType.BOOL, "stale", StaticType.BOOL, "size", StaticType.INT);
        put(VIEW_SLICE, "offset", StaticType.INT, "size", StaticType.INT);
        put(HANDLE_SLICE, "offset", StaticType.INT, "size", StaticType.INT);
        put(DEVICE, "name", StaticType.STRING, "dma_mask", StaticType.INT, "coherent_dma_mask", StaticType.INT,
                "coherent", StaticType.BOOL);
        put(VIEW, "phys", StaticType.INT, "size", StaticType.INT, "is_iomem", StaticType.BOOL);
        put(HANDLE, "dma", StaticType.INT, "size", StaticType.INT, "dir", StaticType.INT, "orig_nents", StaticType.INT,
                "nents", StaticType.INT, "bounced", StaticType.BOOL, "iommu", StaticType.BOOL, "failed",
                StaticType.BOOL, "device", StaticType.of(EnumSet.of(DEVICE, NULL)));
    }

    private FieldTypes() {
    }

    private static void put(ValueKind kind, Object... pairs) {
        Map<String, StaticType> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (StaticType) pairs[i + 1]);
        }
        KNOWN.put(kind, m);
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
