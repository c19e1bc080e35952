package org.dmasim.engine.dmabuf;

import org.dmasim.engine.Site;
import org.dmasim.engine.dma.DmaAttrs;
import org.dmasim.engine.dma.NoncoherentBuffer;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.memory.MemoryType;

/**
 * The DRM GEM DMA ("cma") helpers: the buffer is a coherent allocation of the exporting device;
 * importers get {@code dma_get_sgtable} + {@code dma_map_sgtable} with {@code SKIP_CPU_SYNC}; no
 * begin/end; mmap is {@code dma_mmap_wc}, so write-combined where {@code dev_is_dma_coherent()} is false and
 * cacheable on a coherent one ({@code dma_pgprot}); vmap is the allocation's own CPU view. An object
 * with {@code map_noncoherent} (drm_gem_dma_helper.c drm_gem_dma_create(): dma_alloc_noncoherent)
 * is mapped cacheable by drm_gem_dma_mmap() ({@code vm_get_page_prot} + {@code dma_mmap_pages}), and
 * nothing syncs it but the driver.
 */
public record CmaExporter(boolean coherentDevice) implements Exporter {
    @Override
    public String name() {
        return "cma";
    }

    @Override
    public boolean gem() {
        return true;
    }

    @Override
    public Ret<SgTable> map(DmaBufLayer layer, Attachment a, Direction dir, Site site) {
        return layer.helpers().mapPages(a, a.dmabuf().backing(), dir, DmaAttrs.DMA_ATTR_SKIP_CPU_SYNC, site);
    }

    @Override
    public MemoryType mmapType(DmaBuf b) {
        if (b.coherent() instanceof NoncoherentBuffer) {
            return MemoryType.CACHED;
        }
        return coherentDevice ? MemoryType.CACHED : MemoryType.WRITE_COMBINE;
    }

    @Override
    public MemoryType vmapType(DmaBuf b) {
        if (b.coherent() != null && b.coherent().cpu() != null) {
            return b.coherent().cpu().memoryType();
        }
        return mmapType(b);
    }
}
