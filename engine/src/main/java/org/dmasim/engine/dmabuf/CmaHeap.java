package org.dmasim.engine.dmabuf;

import java.util.List;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.cache.AccessKind;
import org.dmasim.engine.machine.Machine;
import org.dmasim.engine.memory.PageBuffer;

/**
 * The pages of a CMA heap dma-buf (drivers/dma-buf/heaps/cma_heap.c cma_heap_allocate): one
 * physically contiguous run from the default CMA area, which the arch reserves in low memory
 * (arm64 and riscv: below the DMA zone's limit or 4 GiB, kernel/dma/contiguous.c
 * dma_contiguous_reserve), cleared by a memset through the cacheable linear map (dirty zeroes, no
 * maintenance). Unlike the buddy allocator, CMA hands out runs of any size.
 */
final class CmaHeap {
    /** The default CMA area lies below 4 GiB (ZONE_DMA32). */
    static final long CMA_LIMIT = 1L << 32;

    private CmaHeap() {
    }

    /** Null when no contiguous run of that size is free below the limit. */
    static HeapBuffer allocate(Machine m, long size, String witness) {
        if (size <= 0) {
            throw new ScriptFault("cannot allocate " + size + " bytes");
        }
        long pages = m.allocator().pagesFor(size);
        long phys = m.allocator().allocate(pages, CMA_LIMIT);
        if (phys < 0) {
            return null;
        }
        long bytes = pages * m.profile().pageSize();
        PageBuffer run = new PageBuffer(phys, bytes, pages);
        // cma_heap_allocate(): memset(page_address(cma_pages), 0, size)
        int at = witness.lastIndexOf(" at ");
        m.cache().zeroForNewOwner(AccessKind.CPU_CACHED, phys, bytes, witness,
                at < 0 ? witness : witness.substring(at + 4));
        m.shadow().zero(phys, bytes, witness);
        return new HeapBuffer(List.of(run), size);
    }
}
