package org.dmasim.engine.dmabuf;

import java.util.List;
import org.dmasim.engine.Site;
import org.dmasim.engine.check.Report;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.check.Severity;

/**
 * {@code dma_buf_pin}/{@code dma_buf_unpin} (drivers/dma-buf/dma-buf.c) for dynamic importers, and
 * the exporter-initiated move they prevent: TTM evicting a buffer object from VRAM under memory
 * pressure, which tells every dynamic importer through {@code dma_buf_move_notify}. Both pin
 * calls {@code WARN_ON(!attach->importer_ops)} (a static importer is pinned by its map already)
 * and {@code dma_resv_assert_held(dmabuf->resv)}; only the ttm exporter has a {@code pin} op
 * here (amdgpu_dma_buf_pin: VRAM when every attachment is peer2peer, else GTT, moving the buffer);
 * the others return 0 without doing anything, as the kernel does for exporters without one.
 */
public final class Pins {
    private final DmaBufLayer layer;

    Pins(DmaBufLayer layer) {
        this.layer = layer;
    }

    /** {@code dma_buf_pin(attach)}: 0, or the exporter's -errno. */
    public int pin(Attachment a, Site site) {
        if (!checks(a, "dma_buf_pin", site)) {
            return Errno.EINVAL;
        }
        DmaBuf b = a.dmabuf();
        if (b.exporter() instanceof TtmExporter && b.backing() instanceof VramBuffer v && v.inVram()) {
            boolean allPeer2peer = b.attachments().stream().allMatch(Attachment::peer2peer);
            if (!allPeer2peer) {
                if (b.pins() > 0) {
                    layer.report(ReportCode.DMABUF_EINVAL, "dma_buf_pin of " + a + ": an attachment without "
                            + "peer2peer needs the buffer in system memory (GTT), but it is pinned in VRAM; "
                            + "amdgpu_bo_pin() -EINVAL", site, "unpin it from VRAM first, or give every importer "
                            + "peer2peer");
                    return Errno.EINVAL;
                }
                // amdgpu_dma_buf_pin(): domains &= ~VRAM for an attachment without peer2peer; the pin
                // moves the BO to GTT and the other dynamic importers get move_notify
                P2pVram.migrateToSystem(layer, b, v, a, site);
            }
        }
        b.pinned(1);
        return 0;
    }

    /** {@code dma_buf_unpin(attach)}; an unpin without a pin is TTM's WARN_ON_ONCE(!bo->pin_count). */
    public void unpin(Attachment a, Site site) {
        if (!checks(a, "dma_buf_unpin", site)) {
            return;
        }
        DmaBuf b = a.dmabuf();
        if (b.pins() == 0) {
            layer.report(new Report(ReportCode.DMABUF_EINVAL, Severity.WARNING, "dma_buf_unpin of " + a
                    + ", which is not pinned (ttm_bo_unpin: WARN_ON_ONCE(!bo->pin_count))", site,
                    "dma_buf_unpin once per dma_buf_pin", List.of(), List.of()));
            return;
        }
        b.pinned(-1);
    }

    /**
     * Memory pressure: TTM evicts the buffer object from VRAM to system pages and the exporter
     * calls {@code dma_buf_move_notify} (each dynamic importer's mappings now point at the old
     * place). A pinned buffer object is not on the LRU and is not evicted: -EBUSY. A buffer
     * that is not in VRAM has nothing to evict: 0.
     */
    public int evict(DmaBuf b, Site site) {
        if (!layer.alive(b, "ttm_bo_evict", site)) {
            return Errno.EINVAL;
        }
        if (!(b.backing() instanceof VramBuffer v) || !v.inVram()) {
            return 0;
        }
        if (b.pins() > 0 || b.vmapCount() > 0) {
            return Errno.EBUSY;
        }
        P2pVram.migrateToSystem(layer, b, v, null, site);
        return 0;
    }

    private boolean checks(Attachment a, String fn, Site site) {
        if (a.detached()) {
            layer.report(ReportCode.USE_AFTER_FREE, fn + " of " + a + " after dma_buf_detach", site,
                    "pin and unpin only attachments that are still attached");
            return false;
        }
        if (!layer.alive(a.dmabuf(), fn, site)) {
            return false;
        }
        if (!a.dynamic()) {
            layer.report(new Report(ReportCode.DMABUF_EINVAL, Severity.WARNING, "WARN_ON(!attach->importer_ops): "
                    + fn + " of " + a + ", a static attachment", site, "only dynamic importers "
                    + "(dma_buf_dynamic_attach) pin; a static importer's map pins the buffer for it", List.of(),
                    List.of()));
        }
        layer.resvLocks().assertHeld(a.dmabuf(), fn, site);
        return true;
    }
}
