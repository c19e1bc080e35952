package org.dmasim.engine.dmabuf;

import org.dmasim.engine.Site;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.memory.MemoryType;

/**
 * drivers/dma-buf/heaps/system_heap.c: maps with attrs 0 (full map-time maintenance);
 * begin/end_cpu_access sync every attachment that is mapped now, and nothing else; cacheable
 * mmap and vmap.
 */
public record SystemHeapExporter() implements Exporter {
    @Override
    public String name() {
        return "system_heap";
    }

    @Override
    public boolean gem() {
        return false;
    }

    @Override
    public Ret<SgTable> map(DmaBufLayer layer, Attachment a, Direction dir, Site site) {
        return layer.helpers().mapPages(a, a.dmabuf().backing(), dir, 0, site);
    }

    @Override
    public void beginCpuAccess(DmaBufLayer layer, DmaBuf b, Direction dir, Site site) {
        for (Attachment a : b.attachments()) {
            for (SgTable sgt : a.mapped()) {
                layer.helpers().syncSgtable(sgt, dir, true, site);
            }
        }
    }

    @Override
    public void endCpuAccess(DmaBufLayer layer, DmaBuf b, Direction dir, Site site) {
        for (Attachment a : b.attachments()) {
            for (SgTable sgt : a.mapped()) {
                layer.helpers().syncSgtable(sgt, dir, false, site);
            }
        }
    }

    @Override
    public MemoryType mmapType(DmaBuf b) {
        return MemoryType.CACHED;
    }

    @Override
    public MemoryType vmapType(DmaBuf b) {
        return MemoryType.CACHED;
    }
}
