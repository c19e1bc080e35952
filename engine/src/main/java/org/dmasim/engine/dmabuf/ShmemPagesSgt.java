package org.dmasim.engine.dmabuf;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.Site;
import org.dmasim.engine.dma.SgMapping;
import org.dmasim.engine.dma.SgTable;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.memory.ShmemObject;

/**
 * {@code drm_gem_shmem_get_pages_sgt(shmem)} (drivers/gpu/drm/drm_gem_shmem_helper.c): how a
 * driver's own device reaches its shmem object. The first call pins the pages and maps them once,
 * {@code dma_map_sgtable(obj->dev->dev, sgt, DMA_BIDIRECTIONAL, 0)}; the table is cached in
 * {@code shmem->sgt} and every later call returns it, with no cache maintenance, until the object
 * is freed. So on a non-coherent device the helper cleans the CPU's writes exactly once: later
 * CPU writes through a cacheable mapping stay in the cache, which is why panfrost and lima set
 * {@code map_wc} for non-coherent GPUs, and a driver without it syncs the table itself.
 */
public final class ShmemPagesSgt {
    private final SgMapping sg;
    private final Map<ShmemObject, SgTable> cached = new IdentityHashMap<>();

    ShmemPagesSgt(SgMapping sg) {
        this.sg = sg;
    }

    /** The cached table, mapped for {@code dev} at the first call; the map's -errno when it fails. */
    public Ret<SgTable> getPagesSgt(Device dev, ShmemObject bo, Site site) {
        SgTable t = cached.get(bo);
        if (t != null) {
            if (t.device() != dev) {
                throw new ScriptFault(bo.label() + " is a GEM object of " + t.device() + ", not " + dev
                        + ": drm_gem_shmem_get_pages_sgt maps it for the device of its own DRM driver");
            }
            return Ret.ok(t);
        }
        // drm_gem_shmem_get_pages(): the pages are allocated and pinned
        bo.pin();
        List<SgTable.Entry> entries = new ArrayList<>();
        for (long off = 0; off < bo.size(); ) {
            long n = Math.min(bo.contiguousFrom(off), bo.size() - off);
            entries.add(new SgTable.Entry(bo, off, n));
            off += n;
        }
        SgTable pages = new SgTable(entries, null, "the shmem->sgt of " + bo.label());
        int rc = sg.map(dev, pages, Direction.DMA_BIDIRECTIONAL, 0, site);
        if (rc < 0) {
            bo.unpin();
            return Ret.err(rc);
        }
        cached.put(bo, pages);
        return Ret.ok(pages);
    }

    /**
     * The table part of drm_gem_shmem_free(): {@code dma_unmap_sgtable(obj->dev->dev, shmem->sgt,
     * DMA_BIDIRECTIONAL, 0)} of the cached table, then the pages' pin goes; the table's device
     * addresses are dead after it. Returns whether there was a table.
     */
    public boolean free(ShmemObject bo, Site site) {
        SgTable t = cached.remove(bo);
        if (t != null) {
            sg.unmap(t.device(), t, t.origNents(), Direction.DMA_BIDIRECTIONAL, 0, site, "dma_unmap_sgtable");
            bo.unpin();
        }
        return t != null;
    }
}
