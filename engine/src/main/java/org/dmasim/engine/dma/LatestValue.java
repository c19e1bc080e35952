package org.dmasim.engine.dma;

import java.util.Arrays;
import java.util.List;
import org.dmasim.engine.Units;
import org.dmasim.engine.cache.Alternative;
import org.dmasim.engine.cache.LineSnapshot;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.cache.Segment;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Machine;

/**
 * Where the latest value of a stale read is, and why the reader cannot see it: the note of a
 * STALE_READ or DEVICE_STALE_READ that completes the stale outcome's witness ("the device's write
 * sits in swiotlb slot 0xfc00_0000; only sync_for_cpu or unmap copies it back"). Read-only.
 */
final class LatestValue {
    private final Machine m;

    /** Where a piece of the latest value sits, over the configurations the hardware may be in. */
    private record Found(boolean inDramAlways, boolean inDramSometimes, boolean inDirtyLine) {
    }

    LatestValue(Machine machine) {
        this.m = machine;
    }

    /**
     * A CPU read of the buffer bytes {@code [phys, phys+length)} returned stale data; {@code cached}
     * tells whether it went through the cache. Null when nothing useful can be said.
     */
    String forCpu(long phys, int length, boolean cached) {
        byte[] latest = m.shadow().read(phys, length);
        String what = "the latest value (" + value(latest) + m.shadow().writer(phys) + ")";
        for (StreamingMapping s : m.liveMappingsOver(phys, length)) {
            long off = phys - s.phys();
            if (s.bounced() && off >= 0 && off + length <= s.size()
                    && where(s.slot() + off, latest).inDramSometimes()) {
                // kernel/dma/swiotlb.c: only swiotlb_sync_single_for_cpu / swiotlb_tbl_unmap_single
                // copy a slot back (DMA_FROM_DEVICE or DMA_BIDIRECTIONAL)
                return what + " sits in swiotlb slot " + Units.hex(s.slot() + off) + ": only "
                        + MemoryAccess.syncCall(s, true) + " or the unmap copies it back to " + s.view().label();
            }
            if (m.stc() != null && s.iommu() && !m.stc().within(s, Math.max(0, off), length).isEmpty()) {
                // arch/sparc/kernel/iommu.c: dma_4u_sync_single_for_cpu / dma_4u_unmap_page call strbuf_flush
                return what + " is held in the IOMMU's streaming buffer: only the strbuf_flush of "
                        + MemoryAccess.syncCall(s, true) + " or of the unmap writes it to memory";
            }
        }
        if (m.writeCombining().overlaps(phys, length)) {
            return postedNote(what);
        }
        Found f = where(phys, latest);
        List<StreamingMapping> maps = m.liveMappingsOver(phys, length);
        boolean noMaintenance = !maps.isEmpty() && ClflushAdvice.applies(m.profile(), maps.get(0).device(), maps.get(0));
        if (cached && f.inDramAlways()) {
            return what + " is in DRAM, but the CPU cache may still hold the line as it was before "
                    + "(filled before the write, never invalidated): only " + (noMaintenance
                            ? flush() + " drops it (" + m.profile().name() + "'s dma_sync_* does no cache maintenance)"
                            : "an invalidate drops it (" + (maps.isEmpty() ? "a sync for the CPU"
                                    : MemoryAccess.syncCall(maps.get(0), true)) + ", or the unmap)");
        }
        if (cached && f.inDramSometimes()) {
            return what + " reached DRAM under a line the CPU held dirty: the line's write-back may have "
                    + "put older data over it";
        }
        if (!cached && f.inDirtyLine()) {
            return what + " is in a dirty line of the CPU cache, which this uncached mapping bypasses: "
                    + "only a clean of the line puts it in DRAM";
        }
        if (!f.inDramSometimes() && !f.inDirtyLine()) {
            return what + " is in neither the CPU cache nor DRAM of the buffer: it never reached it (a bounce "
                    + "slot or streaming buffer given up without a copy-back) or an invalidate discarded it";
        }
        return null;
    }

    /**
     * A device read of {@code [readPhys, readPhys+length)} (a bounce slot, or the buffer itself)
     * returned stale data; the latest value belongs to {@code [phys, phys+length)}.
     */
    String forDevice(Device dev, long readPhys, long phys, int length, DmaHandle handle) {
        byte[] latest = m.shadow().read(phys, length);
        String what = "the latest value (" + value(latest) + m.shadow().writer(phys) + ")";
        if (readPhys != phys && handle instanceof StreamingMapping s && s.bounced()) {
            // kernel/dma/swiotlb.c: the map (DMA_TO_DEVICE, DMA_BIDIRECTIONAL) and
            // swiotlb_sync_single_for_device copy the buffer into the slot; nothing else does
            return what + " is in " + s.view().label() + " (phys " + Units.hex(phys) + "), not in the swiotlb slot "
                    + dev + " reads (" + Units.hex(readPhys) + "): only " + MemoryAccess.syncCall(s, false)
                    + " copies it there";
        }
        if (m.writeCombining().overlaps(phys, length)) {
            return postedNote(what);
        }
        Found f = where(phys, latest);
        if (f.inDirtyLine() && !f.inDramAlways()) {
            return what + " may still be in a dirty line of the CPU cache, which " + dev + " does not snoop: only "
                    + (ClflushAdvice.applies(m.profile(), dev, handle)
                            ? flush() + " writes it to DRAM (" + m.profile().name() + "'s dma_sync_* does no "
                                    + "cache maintenance)"
                            : "a clean writes it to DRAM (dma_sync_single_for_device(), or the map)");
        }
        if (!f.inDramSometimes() && !f.inDirtyLine()) {
            return what + " is in neither the CPU cache nor DRAM of the buffer " + dev + " reads";
        }
        return null;
    }

    /** The first segment of a read with a stale alternative (the read has one). */
    static Segment staleSegment(ReadResult r) {
        for (Segment s : r.segments()) {
            if (s.alternatives().stream().anyMatch(Alternative::stale)) {
                return s;
            }
        }
        return r.segments().get(0);
    }

    /** A write-combined store still posted: it may drain at any moment, only a drain guarantees it has. */
    private static String postedNote(String what) {
        // arch/x86: WC stores sit in the write-combining buffers until they are evicted (at any moment)
        // or a serializing instruction or fence (wmb()) drains them; DMA_BUF_IOCTL_SYNC END and
        // uncached accesses order them too
        return what + " is still posted in the CPU's write-combining buffer: it may drain at any moment, and only a"
                + " barrier (wmb(), DMA_BUF_IOCTL_SYNC END) or an uncached access guarantees that it has";
    }

    /** The driver's own flush where the DMA API does none (ClflushAdvice). */
    private String flush() {
        return m.profile().name().startsWith("x86") ? "a clflush of the line" : "the arch's own cache instructions";
    }

    /** Whether DRAM (in every or some configuration) or a dirty line holds {@code latest} at {@code phys}. */
    private Found where(long phys, byte[] latest) {
        boolean always = true;
        boolean sometimes = false;
        boolean dirty = false;
        List<LineSnapshot> lines = m.cache().snapshot(phys, latest.length);
        for (LineSnapshot line : lines) {
            int lineSize = m.cache().lineSize();
            int lo = (int) Math.max(0, phys - line.phys());
            int hi = (int) Math.min(lineSize, phys + latest.length - line.phys());
            int at = (int) (line.phys() + lo - phys);
            boolean lineSometimes = false;
            for (LineSnapshot.Config c : line.configs()) {
                boolean mem = Arrays.equals(c.memory(), lo, hi, latest, at, at + hi - lo);
                always &= mem;
                lineSometimes |= mem;
                dirty |= "Dirty".equals(c.state()) && Arrays.equals(c.cache(), lo, hi, latest, at, at + hi - lo);
            }
            sometimes |= lineSometimes;
        }
        return new Found(always, sometimes, dirty);
    }

    /** {@code 0x5a, } for a value of one repeated byte, else nothing. */
    private static String value(byte[] latest) {
        for (byte b : latest) {
            if (b != latest[0]) {
                return "";
            }
        }
        return String.format("0x%02x, ", latest[0] & 0xff);
    }
}
