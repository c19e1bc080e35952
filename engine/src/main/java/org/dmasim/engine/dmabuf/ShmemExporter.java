package org.dmasim.engine.dmabuf;

import org.dmasim.engine.Site;
import org.dmasim.engine.dma.DmaAttrs;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.memory.MemoryType;

/**
 * The DRM GEM PRIME helpers over shmem (drm_prime.c, drm_gem_shmem_helper.c): map with
 * {@code DMA_ATTR_SKIP_CPU_SYNC}, no begin/end_cpu_access (the SYNC ioctl only waits on fences),
 * mmap and vmap cacheable, or write-combined with {@code map_wc}.
 */
public record ShmemExporter(boolean mapWc) implements Exporter {
    @Override
    public String name() {
        return "shmem";
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
        return mapWc ? MemoryType.WRITE_COMBINE : MemoryType.CACHED;
    }

    @Override
    public MemoryType vmapType(DmaBuf b) {
        return mmapType(b);
    }
}
