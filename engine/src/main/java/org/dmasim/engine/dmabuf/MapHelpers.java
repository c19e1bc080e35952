package org.dmasim.engine.dmabuf;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.Site;
import org.dmasim.engine.dma.SgMapping;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.memory.CpuView;

/**
 * The exporters' mapping helpers: {@code ops->map_dma_buf} and {@code ops->unmap_dma_buf} as
 * {@code dma_map_sgtable}/{@code dma_unmap_sgtable} through the streaming engine's sg mapping, and
 * the {@code dma_sync_sgtable_*} an exporter's CPU access hooks call. VRAM goes to {@link P2pVram}.
 */
final class MapHelpers {
    private final DmaBufLayer layer;
    private final SgMapping sg;

    MapHelpers(DmaBufLayer layer, SgMapping sg) {
        this.layer = layer;
        this.sg = sg;
    }

    /**
     * {@code dma_map_sgtable(attach->dev, sgt, dir, attrs)} of {@code view} through the streaming
     * engine's sg mapping (one entry per physically contiguous run; direct, bounced or behind an
     * IOMMU; -EIO/-ENOMEM/-EOPNOTSUPP on failure). VRAM is peer-to-peer memory: mapped by the
     * p2pdma rules, -EREMOTEIO where the topology cannot carry it.
     */
    Ret<SgTable> mapPages(Attachment a, CpuView view, Direction dir, long attrs, Site site) {
        Device dev = a.device();
        if (view instanceof VramBuffer v && v.inVram()) {
            return P2pVram.mapVram(layer, a, v, dir, site);
        }
        var entries = org.dmasim.engine.dma.SgTable.runs(view, 0, view.size(), layer.machine().pulse(),
                layer.machine().budget());
        var pages = new org.dmasim.engine.dma.SgTable(entries, null, "the " + a.dmabuf() + " sg table for " + dev);
        int rc = sg.map(dev, pages, dir, attrs, site);
        if (rc < 0) {
            return Ret.err(rc);
        }
        SgTable sgt = new SgTable(a, dir, pages, attrs);
        a.mapped().add(sgt);
        return Ret.ok(sgt);
    }

    /** {@code ops->unmap_dma_buf} of the helpers: {@code dma_unmap_sgtable} with the map's attrs. */
    void unmapPages(SgTable sgt, Direction dir, Site site) {
        if (sgt.pages() != null) {
            sg.unmap(sgt.device(), sgt.pages(), sgt.pages().origNents(), dir, sgt.attrs(), site,
                    "dma_unmap_sgtable");
        }
        sgt.release();
        sgt.attachment().mapped().remove(sgt);
    }

    /** {@code dma_sync_sgtable_for_cpu/for_device(attach->dev, sgt, dir)}. */
    void syncSgtable(SgTable sgt, Direction dir, boolean forCpu, Site site) {
        if (sgt.pages() != null) {
            sg.sync(sgt.device(), sgt.pages(), sgt.pages().origNents(), dir, forCpu, site);
        }
    }
}
