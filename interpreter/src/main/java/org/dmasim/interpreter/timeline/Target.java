package org.dmasim.interpreter.timeline;

import org.dmasim.engine.dma.StreamingMapping;
import org.dmasim.engine.dmabuf.DmaBuf;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.interpreter.eval.Value;

/**
 * Bytes {@code [offset, offset+length)} of a CPU view, as a script names them: a buffer, a slice
 * of one ({@code rx[0..256]}), a streaming mapping (the bytes it maps) or a coherent allocation
 * (its CPU side), a dma-buf (the memory behind it). {@code freed} when the memory went back to the
 * allocator (or the dma-buf was released).
 */
public record Target(CpuView view, long offset, long length, boolean freed) {
    /** What {@code value} names, or null when it names no CPU memory. */
    public static Target of(Value value) {
        long offset = 0;
        Long length = null;
        if (value instanceof Value.Slice slice) {
            offset = slice.offset();
            length = slice.length();
            value = slice.base();
        }
        if (value instanceof Value.Handle h && h.handle() instanceof StreamingMapping m && length == null) {
            value = new Value.View(m.view());
            offset = m.phys() - m.view().phys(0);
            length = m.size();
        }
        return switch (value) {
            case Value.View w -> new Target(w.view(), offset, length == null ? w.view().size() - offset : length,
                    w.view() instanceof Buffer b && b.freed());
            case Value.Coherent c when c.allocation().cpu() != null -> new Target(c.allocation().cpu(), offset,
                    length == null ? c.allocation().cpu().size() - offset : length, c.allocation().freed());
            case Value.Opaque o when o.object() instanceof DmaBuf d -> new Target(d.backing(), offset,
                    length == null ? d.size() - offset : length, d.released());
            default -> null;
        };
    }

    /** The same bytes, with whether they are freed now. */
    Target refreshed() {
        return new Target(view, offset, length, view instanceof Buffer b && b.freed());
    }
}
