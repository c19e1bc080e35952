package org.dmasim.engine.dmabuf;

import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.Site;
import org.dmasim.engine.Units;
import org.dmasim.engine.cache.AccessKind;
import org.dmasim.engine.cache.Alternative;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.cache.Segment;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.dma.DmaAttrs;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.Machine;

/**
 * A VRAM buffer seen by another device: mapped peer-to-peer by the p2pdma rules
 * (drivers/pci/p2pdma.c), or moved to system pages by its exporter with {@code dma_buf_move_notify}.
 */
final class P2pVram {
    private P2pVram() {
    }

    /** {@code dma_map_sgtable} of VRAM: -EREMOTEIO where the topology cannot carry it. */
    static Ret<SgTable> mapVram(DmaBufLayer layer, Attachment a, VramBuffer v, Direction dir, Site site) {
        Device dev = a.device();
        P2pTopology.Path path = P2pTopology.path(v.device(), dev);
        if (!path.supported()) {
            layer.report(ReportCode.P2P_NOT_SUPPORTED, path.message() + ": dma_map_sgtable of " + a.dmabuf()
                    + " (in " + v.device() + "'s VRAM) for " + dev + " returns -EREMOTEIO", site,
                    "import VRAM only from a device under the same pci_switch (both p2p: true), or have the "
                            + "exporter migrate the buffer to system memory for this importer");
            return Ret.err(Errno.EREMOTEIO);
        }
        long phys = v.vramPhys(0);
        // BUS_ADDR: the PCI bus address (host bridge offset 0), bypassing any IOMMU;
        // THRU_HOST_BRIDGE: mapped with the CPU physical address like MMIO (no dma-range offset)
        long dma = phys;
        if (Long.compareUnsigned(dma + v.size() - 1, dev.dmaMask()) > 0) {
            layer.report(ReportCode.DMA_ADDR_OVERFLOW, dev + ": DMA addr " + Units.hex16(dma) + "+" + v.size()
                    + " overflow (mask " + Long.toHexString(dev.dmaMask()) + ", bus limit 0).", site,
                    "a peer's BAR above the mask cannot be reached; raise " + dev + "'s dma_mask");
            return Ret.err(Errno.EIO);
        }
        SgTable sgt = new SgTable(a, dir, new SgTable.Segment(0, v.size(), dma, phys), DmaAttrs.DMA_ATTR_MMIO);
        a.mapped().add(sgt);
        return Ret.ok(sgt);
    }

    /**
     * The exporter moves a VRAM buffer to system pages (a GPU copy) and calls
     * {@code dma_buf_move_notify}: every dynamic importer's mappings now point at the old place
     * and must be rebuilt; using one is reported.
     */
    static void migrateToSystem(DmaBufLayer layer, DmaBuf b, VramBuffer v, Attachment cause, Site site) {
        Machine m = layer.machine();
        layer.cpu().drain("the move of " + v + " at " + site);
        HeapBuffer pages = layer.allocSystem(v.size(), "allocated for the move of " + v + " at " + site);
        if (pages == null) {
            throw new ScriptFault("no system memory left to migrate " + v + " (" + Units.size(v.size()) + ")");
        }
        Device gpu = v.device();
        AccessKind into = gpu.coherent() ? AccessKind.DEVICE_COHERENT : AccessKind.DEVICE_NONCOHERENT;
        int step = 64 << 10;
        for (long off = 0; off < v.size(); ) {
            int n = (int) Math.min(Math.min(step, pages.contiguousFrom(off)), v.size() - off);
            ReadResult data = m.cache().read(AccessKind.DEVICE_NONCOHERENT, v.vramPhys(off), n, site.toString());
            long to = pages.phys(off);
            m.shadow().requireBacking(to, n);
            for (Segment seg : data.segments()) {
                Alternative alt = seg.alternatives().get(0);
                m.cache().write(into, to + seg.offset(), seg.length(), alt.data(), 0, alt.witness().text()
                        + ", moved out of VRAM by " + gpu + " at " + site, site.toString());
            }
            m.shadow().move(v.vramPhys(off), to, n, "moved out of VRAM by " + gpu + " at " + site);
            off += n;
        }
        v.movedTo(pages);
        pages.setLabel(v.label() + " (moved to system pages)");
        for (Attachment a : b.attachments()) {
            if (a.dynamic() && a != cause) {
                // dma_buf_move_notify(): each dynamic importer's move_notify
                for (SgTable sgt : a.mapped()) {
                    sgt.moved(site.toString());
                }
            }
        }
        if (cause != null && cause.dynamic()) {
            for (SgTable sgt : cause.mapped()) {
                sgt.moved(site.toString());
            }
        }
    }
}
