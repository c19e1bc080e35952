package org.dmasim.interpreter.eval;

import java.util.Map;
import java.util.function.Supplier;
import org.dmasim.engine.dma.DmaHandle;
import org.dmasim.engine.dmabuf.Attachment;
import org.dmasim.engine.dmabuf.DmaBuf;
import org.dmasim.engine.dmabuf.GemObject;
import org.dmasim.engine.dmabuf.IosysMap;
import org.dmasim.engine.dmabuf.SgTable;
import org.dmasim.engine.dmabuf.VramBuffer;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.memory.Bar;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.sync.DmaFence;
import org.dmasim.engine.sync.SyncFile;

/**
 * The fields of dma-buf objects (docs/reference.md): {@code buf.size}, {@code buf.exporter},
 * {@code sgt.p2p}, {@code sgt.nents}, {@code map.is_iomem}, {@code gpu.bar}, and their printed form.
 */
final class DmaBufFields {
    private DmaBufFields() {
    }

    static void opaque(Object o, Map<String, Supplier<Value>> m) {
        switch (o) {
            case DmaBuf b -> {
                m.put("size", () -> new Value.Int(b.size()));
                m.put("exporter", () -> new Value.Str(b.exporter().name()));
                m.put("refs", () -> new Value.Int(b.refs()));
                m.put("vmaps", () -> new Value.Int(b.vmapCount()));
                m.put("attachments", () -> new Value.Int(b.attachments().size()));
            }
            case Attachment a -> {
                m.put("device", () -> new Value.DeviceValue(a.device()));
                m.put("dynamic", () -> Value.Bool.of(a.dynamic()));
                m.put("peer2peer", () -> Value.Bool.of(a.peer2peer()));
            }
            case GemObject g -> {
                m.put("sgt", () -> new Value.Handle(g.sgt()));
                m.put("attachment", () -> new Value.Opaque(g.attachment(), "a dma-buf attachment"));
                m.put("dmabuf", () -> new Value.Opaque(g.dmabuf(), "a dma-buf"));
                m.put("size", () -> new Value.Int(g.dmabuf().size()));
            }
            default -> {
            }
        }
    }

    static void view(CpuView v, Map<String, Supplier<Value>> m) {
        if (v instanceof Bar bar) {
            m.put("phys", () -> new Value.Int(bar.base()));
        }
        if (v instanceof IosysMap map) {
            m.put("is_iomem", () -> Value.Bool.of(map.isIomem()));
        }
        if (v instanceof VramBuffer b) {
            m.put("in_vram", () -> Value.Bool.of(b.inVram()));
        }
    }

    static void handle(DmaHandle h, Map<String, Supplier<Value>> m) {
        if (h instanceof SgTable s) {
            m.put("p2p", () -> Value.Bool.of(s.p2p()));
            m.put("nents", () -> new Value.Int(s.nents()));
            m.put("orig_nents", () -> new Value.Int(s.origNents()));
        }
    }

    static void device(Device d, Map<String, Supplier<Value>> m) {
        if (d.config().vram() > 0) {
            m.put("bar", () -> Value.Null.NULL); // FieldAccess.get asks the kernel for it
        }
    }

    static String describe(Value.Opaque o) {
        return switch (o.object()) {
            case DmaBuf b -> b.label() + ": dma-buf of " + Printer.size(b.size()) + ", " + b.exporter().name()
                    + " exporter, " + b.refs() + (b.refs() == 1 ? " reference" : " references")
                    + (b.released() ? " (released)" : "");
            case Attachment a -> a.label() + ": " + (a.dynamic() ? "dynamic" : "static") + " attachment of "
                    + a.dmabuf().label() + " to " + a.device().name() + (a.peer2peer() ? ", peer2peer" : "")
                    + (a.detached() ? " (detached)" : "");
            case GemObject g -> g.label() + ": GEM object importing " + g.dmabuf().label();
            case Bar bar -> bar.toString();
            case DmaFence f -> f.label() + ": dma_fence, " + (f.isSignaled() ? "signalled at " + f.signalledAt()
                    : "not signalled");
            case SyncFile sf -> sf.label() + ": sync_file of " + (sf.fences().isEmpty() ? "the signalled stub fence"
                    : String.join(", ", sf.fences().stream().map(DmaFence::label).toList()))
                    + (sf.isSignaled() ? " (signalled)" : "");
            default -> o.typeName();
        };
    }
}
