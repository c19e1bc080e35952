package org.dmasim.engine.dmabuf;

import org.dmasim.engine.Site;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.memory.MemoryType;

/**
 * drivers/dma-buf/heaps/system_heap.c: maps with attrs 0 (full map-time maintenance);
 * begin/end_cpu_access sync every attachment that is mapped now, and nothing else; cacheable
 * mmap and vmap. drivers/dma-buf/heaps/cma_heap.c has the same operations over one contiguous
 * CMA allocation ({@code cma_heap_map_dma_buf}: dma_map_sgtable with attrs 0; begin/end sync
 * the mapped attachments; mmap inserts the pfns with the VMA's cacheable pgprot; vmap
 * PAGE_KERNEL), so it is this exporter under the name {@code cma_heap}.
 */
public record SystemHeapExporter(String name) implements Exporter {
    public SystemHeapExporter() {
        this("system_heap");
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
    public int endCpuAccess(DmaBufLayer layer, DmaBuf b, Direction dir, Site site) {
        for (Attachment a : b.attachments()) {
            for (SgTable sgt : a.mapped()) {
                layer.helpers().syncSgtable(sgt, dir, false, site);
            }
        }
        return 0;
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
