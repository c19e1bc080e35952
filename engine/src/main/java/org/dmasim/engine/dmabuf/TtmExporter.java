package org.dmasim.engine.dmabuf;

import java.util.List;
import org.dmasim.engine.Site;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.dma.DmaAttrs;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.memory.MemoryType;

/**
 * A TTM driver's exporter for VRAM buffers (drivers/gpu/drm/amd/amdgpu/amdgpu_dma_buf.c,
 * drivers/gpu/drm/xe/xe_dma_buf.c). At attach it clears {@code peer2peer} when the importer cannot reach the BAR
 * ({@code pci_p2pdma_distance < 0}); an importer without peer2peer makes the buffer migrate to
 * system pages at map ({@code vram_fallback: migrate}, amdgpu) or is refused with -EOPNOTSUPP at
 * attach ({@code fail}, xe). System pages are mapped with {@code SKIP_CPU_SYNC}; vmap of VRAM is
 * I/O memory, mmap of VRAM write-combined.
 */
public record TtmExporter(boolean migrate) implements Exporter {
    @Override
    public String name() {
        return "ttm";
    }

    @Override
    public boolean gem() {
        return true;
    }

    @Override
    public int attach(DmaBufLayer layer, Attachment a, Site site) {
        if (!(a.dmabuf().backing() instanceof VramBuffer v) || !v.inVram()) {
            return 0;
        }
        P2pTopology.Path path = P2pTopology.path(v.device(), a.device());
        if (a.peer2peer() && !path.supported()) {
            a.clearPeer2peer();
        }
        if (!a.peer2peer() && !migrate) {
            String why = !a.dynamic() ? "a static importer (peer2peer = false)"
                    : path.supported() ? "an importer without peer2peer" : path.message();
            layer.machine().log().add(ReportCode.P2P_NOT_SUPPORTED, "dma_buf_attach of " + a.dmabuf().label() + " to "
                    + a.device().name() + ": the buffer is in " + v.device().name() + "'s VRAM, " + why
                    + " cannot reach it, and the exporter does not migrate (vram_fallback: fail): -EOPNOTSUPP", site,
                    "attach with dma_buf_dynamic_attach(..., peer2peer: true) from a device that shares a pci_switch "
                            + "with " + v.device().name() + " (both p2p: true), or let the exporter migrate "
                            + "(vram_fallback: migrate)", List.of());
            return Errno.EOPNOTSUPP;
        }
        return 0;
    }

    @Override
    public Ret<SgTable> map(DmaBufLayer layer, Attachment a, Direction dir, Site site) {
        if (a.dmabuf().backing() instanceof VramBuffer v && v.inVram()) {
            if (a.peer2peer()) {
                return layer.helpers().mapPages(a, v, dir, 0, site);
            }
            if (!migrate) {
                return Ret.err(Errno.EOPNOTSUPP);
            }
            if (a.dmabuf().pins() > 0) {
                // amdgpu_dma_buf_pin(): this static importer lacks peer2peer, so the pin asks for GTT
                // only; amdgpu_bo_pin() of a BO pinned in VRAM by a dynamic importer is -EINVAL
                layer.machine().log().add(ReportCode.DMABUF_EINVAL, "dma_buf_map_attachment of " + a.dmabuf()
                        + " for " + a.device().name() + ": the exporter must move it out of VRAM, but a dynamic "
                        + "importer's dma_buf_pin holds it there; amdgpu_bo_pin() to GTT fails, -EINVAL", site,
                        "dma_buf_unpin() first, or import it dynamically with peer2peer from a device that reaches "
                                + "the BAR", List.of());
                return Ret.err(Errno.EINVAL);
            }
            if (a.dmabuf().vmapCount() > 0) {
                // the vmap pins the buffer in VRAM: pinning it in system memory for this importer fails
                layer.machine().log().add(ReportCode.DMABUF_EINVAL, "dma_buf_map_attachment of " + a.dmabuf()
                        + " for " + a.device().name() + ": the exporter must move it out of VRAM, but a vmap pins it "
                        + "there; pin returns -EBUSY (WARN_ON_ONCE(ret == -EBUSY))", site,
                        "dma_buf_vunmap() before a static importer maps the buffer, or import it dynamically with "
                                + "peer2peer from a device that reaches the BAR", List.of());
                return Ret.err(Errno.EBUSY);
            }
            P2pVram.migrateToSystem(layer, a.dmabuf(), v, a, site);
        }
        return layer.helpers().mapPages(a, a.dmabuf().backing(), dir, DmaAttrs.DMA_ATTR_SKIP_CPU_SYNC, site);
    }

    @Override
    public MemoryType mmapType(DmaBuf b) {
        return b.backing() instanceof VramBuffer v && v.inVram() ? MemoryType.WRITE_COMBINE : MemoryType.CACHED;
    }

    @Override
    public MemoryType vmapType(DmaBuf b) {
        return b.backing() instanceof VramBuffer v && v.inVram() ? MemoryType.IOMEM : MemoryType.CACHED;
    }
}
