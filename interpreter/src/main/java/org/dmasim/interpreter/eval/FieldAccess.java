package org.dmasim.interpreter.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.dma.DmaHandle;
import org.dmasim.engine.dma.Mapping;
import org.dmasim.engine.dma.SgTable;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.diag.Suggestions;

/** The fields of returned objects (docs/reference.md): {@code buf.phys}, {@code m.dma}, {@code c.cpu}, ... */
public final class FieldAccess {
    private FieldAccess() {
    }

    static Value get(Value target, Expr.FieldAccess f, Evaluator ev) {
        if (target instanceof Value.Opaque o && o.object() instanceof JobRun job) {
            return job.field(f.field(), ev, f);
        }
        Map<String, Supplier<Value>> fields = fields(target, ev.interpreter.kernel());
        Supplier<Value> s = fields.get(f.field());
        if (s == null) {
            throw ev.error(noField(target, f.field()), f.fieldSpan(), noFieldHelp(f.field(), fields.keySet()));
        }
        return s.get();
    }

    /** What reading a field {@code target} does not have says (every front end says the same). */
    public static String noField(Value target, String field) {
        return target.typeName() + " has no field '" + field + "'";
    }

    /** The help under {@link #noField}: the nearest field's name, or all of them; null when there are none. */
    public static String noFieldHelp(String field, java.util.Set<String> fields) {
        String near = Suggestions.closest(field, fields);
        return fields.isEmpty() ? null
                : near != null ? "did you mean '" + near + "'?" : "its fields: " + String.join(", ", fields);
    }

    /**
     * Every field of a value as a script reads it: as {@link #fields(Value)}, and a device's
     * {@code bar} is its BAR in {@code kernel}'s machine (every front end must read the same).
     */
    public static Map<String, Supplier<Value>> fields(Value target, Kernel kernel) {
        Map<String, Supplier<Value>> m = fields(target);
        if (target instanceof Value.DeviceValue d && m.containsKey("bar")) {
            m.put("bar", () -> new Value.View(kernel.dmaBuf().deviceMemory().bar(d.device())));
        }
        return m;
    }

    /** Every field of a value, in the order {@code print} shows them (a device's {@code bar} as null). */
    public static Map<String, Supplier<Value>> fields(Value target) {
        Map<String, Supplier<Value>> m = new LinkedHashMap<>();
        switch (target) {
            case Value.RecordValue r -> r.fields().forEach((k, v) -> m.put(k, () -> v));
            case Value.View v -> {
                if (v.view() instanceof Buffer b) {
                    m.put("phys", () -> new Value.Int(b.physBase()));
                }
                m.put("size", () -> new Value.Int(v.view().size()));
                DmaBufFields.view(v.view(), m);
            }
            case Value.Opaque o when o.object() instanceof JobRun j -> {
                m.put("fence", () -> new Value.Opaque(j.fence(), "a dma_fence"));
                m.put("done", () -> Value.Bool.of(j.finished() && j.waited()));
            }
            case Value.Opaque o -> DmaBufFields.opaque(o.object(), m);
            case Value.Handle h -> handleFields(h.handle(), m);
            case Value.Coherent c -> {
                m.put("cpu", () -> c.allocation().cpu() == null ? Value.Null.NULL : new Value.View(c.allocation().cpu()));
                m.put("dma", () -> new Value.Handle(c.allocation().dma()));
                m.put("size", () -> new Value.Int(c.allocation().size()));
            }
            case Value.DeviceValue d -> {
                m.put("name", () -> new Value.Str(d.device().name()));
                m.put("dma_mask", () -> new Value.Int(d.device().dmaMask()));
                m.put("coherent_dma_mask", () -> new Value.Int(d.device().coherentDmaMask()));
                m.put("coherent", () -> Value.Bool.of(d.device().coherent()));
                DmaBufFields.device(d.device(), m);
            }
            case Value.Slice s -> {
                m.put("offset", () -> new Value.Int(s.offset()));
                m.put("size", () -> new Value.Int(s.length()));
            }
            case Value.Outcomes o -> {
                m.put("certain", () -> Value.Bool.of(o.result().isCertain()));
                m.put("stale", () -> Value.Bool.of(o.result().hasStale()));
                m.put("size", () -> new Value.Int(o.result().length()));
            }
            default -> {
            }
        }
        return m;
    }

    private static void handleFields(DmaHandle h, Map<String, Supplier<Value>> m) {
        if (h instanceof SgTable t) {
            m.put("orig_nents", () -> new Value.Int(t.origNents()));
            m.put("nents", () -> new Value.Int(t.nents()));
            m.put("dma", () -> new Value.Int(t.dmaAddress()));
            m.put("size", () -> new Value.Int(t.size()));
            m.put("iommu", () -> Value.Bool.of(t.iova() >= 0 || t.mappings().stream().anyMatch(Mapping::iommu)));
            m.put("bounced", () -> Value.Bool.of(t.mappings().stream().anyMatch(Mapping::bounced)));
            m.put("device", () -> t.device() == null ? Value.Null.NULL : new Value.DeviceValue(t.device()));
            return;
        }
        m.put("dma", () -> new Value.Int(h.dmaAddress()));
        m.put("size", () -> new Value.Int(h.size()));
        if (h instanceof Mapping mp) {
            m.put("dir", () -> new Value.Int(mp.direction().value()));
            m.put("bounced", () -> Value.Bool.of(mp.bounced()));
            m.put("iommu", () -> Value.Bool.of(mp.iommu()));
            m.put("failed", () -> Value.Bool.of(mp.failed()));
        }
        m.put("device", () -> new Value.DeviceValue(h.device()));
        DmaBufFields.handle(h, m);
    }
}
