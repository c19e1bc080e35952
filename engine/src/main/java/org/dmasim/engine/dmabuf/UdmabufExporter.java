package org.dmasim.engine.dmabuf;

import org.dmasim.engine.Site;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.dma.ArchSync;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.MemoryType;

/**
 * drivers/dma-buf/udmabuf.c: a dma-buf over the pinned pages of a memfd. Importers are mapped
 * with {@code dma_map_sgtable(dev, sg, dir, 0)} (full maintenance); mmap and vmap are cacheable.
 * The CPU brackets do not sync the importers but the udmabuf misc device itself, a device with
 * the arch's default coherence: the first {@code begin_cpu_access} only maps the pages for it
 * ({@code get_sg_table}: for_device maintenance, so on arm64 a clean, no invalidate: a device's
 * write before it can stay hidden behind a stale line), later ones {@code dma_sync_sgtable_for_cpu};
 * {@code end_cpu_access} before any begin is -EINVAL, later {@code dma_sync_sgtable_for_device}.
 * One exporter per buffer: it holds {@code ubuf->sg}.
 */
public final class UdmabufExporter implements Exporter {
    private boolean sg;

    @Override
    public String name() {
        return "udmabuf";
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
        // begin_cpu_udmabuf(): the first call maps ubuf->sg for the misc device, later ones sync it
        maintain(layer, b, sg, dir, site, !sg ? "the udmabuf misc device's first "
                + "dma_map_sgtable (begin_cpu_udmabuf)" : "dma_sync_sgtable_for_cpu of the udmabuf misc device");
        sg = true;
    }

    @Override
    public int endCpuAccess(DmaBufLayer layer, DmaBuf b, Direction dir, Site site) {
        if (!sg) {
            layer.report(ReportCode.DMABUF_EINVAL, "dma_buf_end_cpu_access of " + b + " before any "
                    + "begin_cpu_access: end_cpu_udmabuf has no ubuf->sg, -EINVAL", site,
                    "bracket CPU access with DMA_BUF_SYNC_START first, then DMA_BUF_SYNC_END");
            return Errno.EINVAL;
        }
        maintain(layer, b, false, dir, site, "dma_sync_sgtable_for_device of the udmabuf misc device");
        return 0;
    }

    private static void maintain(DmaBufLayer layer, DmaBuf b, boolean forCpu, Direction dir, Site site,
            String what) {
        CpuView pages = b.backing();
        for (long off = 0; off < pages.size(); ) {
            long n = Math.min(pages.contiguousFrom(off), pages.size() - off);
            ArchSync.forDefaultDevice(layer.machine(), forCpu, pages.phys(off), n, dir, what + " of " + b, site);
            off += n;
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
