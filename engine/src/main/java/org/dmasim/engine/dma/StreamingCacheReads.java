package org.dmasim.engine.dma;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.Site;
import org.dmasim.engine.cache.AccessKind;
import org.dmasim.engine.cache.Alternative;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.cache.Segment;
import org.dmasim.engine.cache.Witness;
import org.dmasim.engine.machine.Machine;

/**
 * A device read through a sun4u streaming mapping with writes held in the IOMMU's streaming
 * buffer: the device sees its own held bytes; the rest comes from memory as usual.
 */
final class StreamingCacheReads {
    private StreamingCacheReads() {
    }

    static ReadResult read(Machine m, StreamingMapping s, AccessKind kind, long offset, long phys, long length,
            Site site) {
        List<ReadResult> parts = new ArrayList<>();
        long at = offset;
        for (StreamingCache.Held h : m.stc().within(s, offset, length)) {
            if (h.start() > at) {
                parts.add(m.cache().read(kind, phys + (at - offset), Math.toIntExact(h.start() - at), site.toString()));
            }
            parts.add(new ReadResult(h.data().length, List.of(new Segment(0, h.data().length, List.of(
                    new Alternative(h.data(), new Witness(h.witness() + ", held in the sun4u IOMMU's streaming buffer"),
                            false))))));
            at = h.start() + h.data().length;
        }
        if (at < offset + length) {
            parts.add(m.cache().read(kind, phys + (at - offset), Math.toIntExact(offset + length - at),
                    site.toString()));
        }
        return parts.size() == 1 ? parts.get(0) : ReadResult.concat(parts);
    }
}
