package org.dmasim.interpreter.eval;

import java.util.stream.Collectors;
import org.dmasim.engine.dma.DmaHandle;
import org.dmasim.engine.dma.Mapping;
import org.dmasim.engine.dma.SgTable;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.CpuView;

/** The printed form of values ({@code print(x)}, the REPL's echo). */
public final class Printer {
    private Printer() {
    }

    public static String describe(Value v) {
        return switch (v) {
            case Value.Int i -> number(i.value());
            case Value.Str s -> s.value();
            case Value.Bool b -> Boolean.toString(b.value());
            case Value.Null n -> "null";
            case Value.ListValue l -> l.items().stream().map(Printer::nested).collect(Collectors.joining(", ", "[", "]"));
            case Value.RecordValue r -> r.fields().entrySet().stream().map(e -> e.getKey() + ": " + nested(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
            case Value.Function f -> "fn " + f.declaration().name() + "(" + String.join(", ", f.declaration().params()) + ")";
            case Value.BuiltinFunction b -> "builtin " + b.builtin().signature();
            case Value.DeviceValue d -> "device " + d.device().name() + " (dma_mask " + Long.bitCount(d.device().dmaMask())
                    + " bits, " + (d.device().coherent() ? "coherent" : "non-coherent") + ")";
            case Value.View view -> view(view.view());
            case Value.Handle h -> handle(h.handle());
            case Value.Coherent c -> "coherent allocation of " + size(c.allocation().size()) + ": cpu "
                    + (c.allocation().cpu() == null ? "none" : c.allocation().cpu().memoryType().name().toLowerCase())
                    + ", dma " + number(c.allocation().dma().dmaAddress());
            case Value.Slice s -> describe(s.base()) + " [" + s.offset() + ".." + (s.offset() + s.length()) + "]";
            case Value.Bytes b -> b.description();
            case Value.Outcomes o -> OutcomeText.summary(o.result());
            case Value.Opaque o -> DmaBufFields.describe(o);
        };
    }

    private static String nested(Value v) {
        return v instanceof Value.Str s ? '"' + s.value() + '"' : describe(v);
    }

    private static String view(CpuView v) {
        String name = v.label() == null ? "view" : v.label();
        // describing must not touch: a shmem page not yet faulted in stays absent (print and :state change nothing)
        String phys = v instanceof org.dmasim.engine.memory.ShmemObject s && !s.present(0) ? " (no page faulted in yet)"
                : v instanceof Buffer b ? " at phys " + number(b.physBase()) : "";
        return name + ": " + size(v.size()) + " " + v.memoryType().name().toLowerCase() + phys;
    }

    private static String handle(DmaHandle h) {
        String name = h.label() == null ? "handle" : h.label();
        if (h instanceof SgTable t) {
            String state = t.isMapped() ? "mapped for " + t.device().name() + " " + t.direction().name() + ", nents "
                    + t.nents() + ", dma " + number(t.dmaAddress())
                    : t.device() == null ? "not mapped" : "unmapped";
            return name + ": sg table of " + size(t.size()) + ", orig_nents " + t.origNents() + ", " + state;
        }
        if (h instanceof Mapping m) {
            if (m.failed()) {
                return name + ": DMA_MAPPING_ERROR (the map failed) for " + h.device().name();
            }
            String how = m.iommu() ? "iommu" : m.bounced() ? "bounced" : "direct";
            return name + ": " + h.device().name() + " dma " + number(h.dmaAddress()) + " " + size(h.size()) + " "
                    + m.direction().name() + " " + how + (m.released() ? " (unmapped)" : "");
        }
        return name + ": " + h.device().name() + " dma " + number(h.dmaAddress()) + " " + size(h.size());
    }

    /** Small numbers in decimal, addresses in hex with {@code _} every four digits. */
    public static String number(long v) {
        if (v >= 0 && v < 65536) {
            return Long.toString(v);
        }
        String hex = Long.toHexString(v);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < hex.length(); i++) {
            if (i > 0 && (hex.length() - i) % 4 == 0) {
                b.append('_');
            }
            b.append(hex.charAt(i));
        }
        return "0x" + b;
    }

    /** {@code 4KiB}, {@code 64MiB}, or plain bytes. */
    public static String size(long bytes) {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (bytes >= unit && bytes % unit == 0) {
                return (bytes / unit) + units[i];
            }
        }
        return Long.toString(bytes);
    }
}
