package org.dmasim.engine.dmabuf;

import org.dmasim.engine.Site;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.memory.MemoryType;

/**
 * An exporter's {@code struct dma_buf_ops} as a behaviour (docs/semantics.md, "dma-buf"): how it maps the
 * buffer for an importer, what begin/end_cpu_access do, and the memory type of its mmap and vmap.
 */
public sealed interface Exporter permits SystemHeapExporter, ShmemExporter, CmaExporter, TtmExporter,
        UdmabufExporter {
    /** {@code system_heap}, {@code shmem}, {@code cma}, {@code ttm}: the {@code driver} property's words. */
    String name();

    /** A DRM GEM object: importing its own export gives back the same object (drm_prime.c). */
    boolean gem();

    /** {@code ops->attach}: 0, or a negative errno after reporting why. */
    default int attach(DmaBufLayer layer, Attachment a, Site site) {
        return 0;
    }

    /** {@code ops->map_dma_buf}. */
    Ret<SgTable> map(DmaBufLayer layer, Attachment a, Direction dir, Site site);

    /** {@code ops->unmap_dma_buf}. */
    default void unmap(DmaBufLayer layer, SgTable sgt, Direction dir, Site site) {
        layer.helpers().unmapPages(sgt, dir, site);
    }

    /** {@code ops->begin_cpu_access}; most exporters have none. */
    default void beginCpuAccess(DmaBufLayer layer, DmaBuf b, Direction dir, Site site) {
    }

    /** {@code ops->end_cpu_access}: 0, or a negative errno the caller returns. */
    default int endCpuAccess(DmaBufLayer layer, DmaBuf b, Direction dir, Site site) {
        return 0;
    }

    MemoryType mmapType(DmaBuf b);

    MemoryType vmapType(DmaBuf b);
}
