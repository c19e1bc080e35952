package org.dmasim.engine.dma;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.Site;
import org.dmasim.engine.Units;
import org.dmasim.engine.cache.AccessKind;
import org.dmasim.engine.cache.CacheDomain;
import org.dmasim.engine.cache.Alternative;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.cache.Segment;
import org.dmasim.engine.cache.Witness;
import org.dmasim.engine.check.Report;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.Machine;
import org.dmasim.engine.memory.CpuView;

/**
 * CPU and device loads and stores: resolve the view or handle to physical ranges, run the
 * ownership, direction and use-after-free checks, apply the access to the cache domain, write
 * the shadow, and judge reads against it (docs/semantics.md, "Reports").
 */
public final class MemoryAccess {
    private final Machine m;

    public MemoryAccess(Machine machine) {
        this.m = machine;
    }

    public ReadResult cpuRead(CpuView view, long offset, long length, boolean judged, Site site) {
        checkRange(view.label(), view.size(), offset, length);
        cpuChecks(view, offset, length, false, site);
        AccessKind kind = m.memoryType(view).cacheable() ? AccessKind.CPU_CACHED : AccessKind.CPU_UNCACHED;
        List<ReadResult> parts = new ArrayList<>();
        for (long off = offset; off < offset + length; ) {
            m.pulse().beat(); // a run of a scattered view may be a single page
            int n = (int) Math.min(view.contiguousFrom(off), offset + length - off);
            parts.add(m.cache().read(kind, view.phys(off), n, site.toString()));
            off += n;
        }
        ReadResult result = parts.size() == 1 ? parts.get(0) : ReadResult.concat(parts);
        if (!judged && result.hasStale()) {
            long at = view.phys(offset + firstStale(result));
            List<StreamingMapping> maps = m.liveMappingsOver(view.phys(offset), length);
            String help = kind == AccessKind.CPU_CACHED && !maps.isEmpty()
                    && ClflushAdvice.applies(m.profile(), maps.get(0).device(), maps.get(0))
                    ? ClflushAdvice.help(m.profile(), maps.get(0).device().toString(), syncCall(maps.get(0), true),
                            view.label() + "[" + offset + ".." + (offset + length) + "]",
                            "after the device writes and before the CPU reads")
                    : maps.isEmpty()
                    ? "give the buffer back to the CPU (dma_sync_single_for_cpu() or dma_unmap_single() without "
                            + "DMA_ATTR_SKIP_CPU_SYNC) before the CPU reads"
                    : "call " + syncCall(maps.get(0), true) + " before the CPU reads";
            String what = result.isCertain() ? "reads stale data" : kind == AccessKind.CPU_CACHED
                    ? "may read a stale cache line" : "may read stale memory";
            Segment stale = LatestValue.staleSegment(result);
            String latest = new LatestValue(m).forCpu(at,
                    (int) Math.min(stale.length(), view.contiguousFrom(offset + stale.offset())),
                    kind == AccessKind.CPU_CACHED);
            m.log().add(new Report(ReportCode.STALE_READ, ReportCode.STALE_READ.defaultSeverity(), "the CPU " + what
                    + " of " + view.label() + " (phys " + Units.hex(at) + ")", site, help, witnesses(result),
                    latest == null ? List.of() : List.of(latest)));
        }
        return result;
    }

    public void cpuWrite(CpuView view, long offset, long length, byte[] pattern, Site site) {
        checkRange(view.label(), view.size(), offset, length);
        if (view instanceof org.dmasim.engine.memory.RodataBuffer) {
            // CONFIG_STRICT_KERNEL_RWX maps rodata read-only: the store faults (an oops)
            throw new ScriptFault("kernel oops: a CPU write to " + view.label() + ", which is read-only kernel "
                    + "rodata (CONFIG_STRICT_KERNEL_RWX)");
        }
        checkPattern(pattern);
        AccessKind kind = m.memoryType(view).cacheable() ? AccessKind.CPU_CACHED : AccessKind.CPU_UNCACHED;
        long need = 0;
        for (long off = offset; off < offset + length; ) {
            m.pulse().beat();
            long n = Math.min(view.contiguousFrom(off), offset + length - off);
            need = CacheDomain.addCapped(need, m.shadow().missing(view.phys(off), n));
            need = CacheDomain.addCapped(need, m.cache().writeNeeds(kind, view.phys(off), n));
            off += n;
        }
        // the shadow and the cache together: each alone may fit where both do not
        m.budget().require(need, () -> "a " + Units.size(length) + " CPU write");
        cpuChecks(view, offset, length, true, site);
        for (long off = offset; off < offset + length; ) {
            m.pulse().beat();
            long n = Math.min(view.contiguousFrom(off), offset + length - off);
            m.cache().write(kind, view.phys(off), n, pattern, off - offset, "CPU write at " + site, site.toString());
            m.shadow().write(view.phys(off), n, pattern, off - offset, "CPU write at " + site);
            off += n;
        }
    }

    public ReadResult deviceRead(Device dev, DmaHandle handle, long offset, long length, boolean judged, Site site) {
        checkRange(handle.label(), handle.size(), offset, length);
        if (handle instanceof SgTable t && unmappedTable(dev, t, false, site)) {
            return allOnes(length, "no DMA address behind " + t.label() + " at " + site
                    + ": the read did not happen (all ones)");
        }
        if (handle instanceof SgTable t) {
            List<ReadResult> parts = new ArrayList<>();
            for (long[] p : sgPieces(dev, t, offset, length)) {
                parts.add(deviceRead(dev, t.mappings().get((int) p[0]), p[1], p[2], judged, site));
            }
            return parts.size() == 1 ? parts.get(0) : ReadResult.concat(parts);
        }
        if (!deviceChecks(dev, handle, offset, length, false, site)) {
            return allOnes(length, "no memory behind DMA_MAPPING_ERROR at " + site
                    + ": the read did not happen (all ones)");
        }
        long phys = devicePhys(handle, offset);
        long shadowAt = shadowPhys(handle, offset);
        if (translated(dev, handle)) {
            phys = IommuWalk.translate(m, dev, handle, offset, length, false, bufferLabel(handle), site);
            if (phys == IommuWalk.DUMMY) {
                return dummyRead(dev, handle, offset, length, site);
            }
            if (phys < 0) {
                return allOnes(length, "IOMMU fault at " + site + ": the read did not happen (all ones)");
            }
            shadowAt = attributed(phys);
        }
        AccessKind kind = dev.coherent() ? AccessKind.DEVICE_COHERENT : AccessKind.DEVICE_NONCOHERENT;
        ReadResult result = m.stc() != null && handle instanceof StreamingMapping s && m.stc().holds(s)
                ? StreamingCacheReads.read(m, s, kind, offset, phys, length, site)
                : m.writeCombining().deviceSees(phys, m.cache().read(kind, phys, Math.toIntExact(length),
                        site.toString()));
        if (!judged && result.hasStale()) {
            String help = handle instanceof StreamingMapping s && ClflushAdvice.applies(m.profile(), dev, s)
                    ? ClflushAdvice.help(m.profile(), dev.toString(), syncCall(s, false), s.view().label(),
                            "after the CPU writes and before " + dev + " reads")
                    : handle instanceof StreamingMapping s
                    ? "call " + syncCall(s, false) + " after the CPU writes and before " + dev + " reads"
                    : "write coherent memory through its CPU view, not through a cacheable alias";
            long first = firstStale(result);
            int n = (int) Math.min(LatestValue.staleSegment(result).length(), length - first);
            String latest = new LatestValue(m).forDevice(dev, phys + first, shadowAt + first, n, handle);
            m.log().add(new Report(ReportCode.DEVICE_STALE_READ, ReportCode.DEVICE_STALE_READ.defaultSeverity(),
                    dev + " may read stale data of " + bufferLabel(handle) + " (phys " + Units.hex(shadowAt + first)
                            + ")", site, help, witnesses(result), latest == null ? List.of() : List.of(latest)));
        }
        return result;
    }

    public void deviceWrite(Device dev, DmaHandle handle, long offset, long length, byte[] pattern, Site site) {
        deviceWrite(dev, handle, offset, length, pattern, 0, site);
    }

    private void deviceWrite(Device dev, DmaHandle handle, long offset, long length, byte[] pattern,
            long patternStart, Site site) {
        checkRange(handle.label(), handle.size(), offset, length);
        checkPattern(pattern);
        if (!(handle instanceof SgTable) && !(handle instanceof StreamingMapping s && s.failed())) {
            // the budget is checked before any report or change
            AccessKind kind = dev.coherent() ? AccessKind.DEVICE_COHERENT : AccessKind.DEVICE_NONCOHERENT;
            m.budget().require(CacheDomain.addCapped(m.shadow().missing(shadowPhys(handle, offset), length),
                    m.cache().writeNeeds(kind, devicePhys(handle, offset), length)), "a " + Units.size(length)
                    + " device write");
        }
        if (handle instanceof SgTable t && unmappedTable(dev, t, true, site)) {
            return;
        }
        if (handle instanceof SgTable t) {
            long start = patternStart;
            for (long[] p : sgPieces(dev, t, offset, length)) {
                deviceWrite(dev, t.mappings().get((int) p[0]), p[1], p[2], pattern, start, site);
                start += p[2];
            }
            return;
        }
        if (!deviceChecks(dev, handle, offset, length, true, site)) {
            return;
        }
        long phys = devicePhys(handle, offset);
        long shadowAt = shadowPhys(handle, offset);
        if (translated(dev, handle)) {
            phys = IommuWalk.translate(m, dev, handle, offset, length, true, bufferLabel(handle), site);
            if (phys == IommuWalk.DUMMY) {
                byte[] dummy = m.domain(dev).dummyPage();
                long start = (handle.dmaAddress() + offset) % dummy.length;
                // the page keeps only the last page's worth of a longer write
                for (long i = Math.max(0, length - dummy.length); i < length; i++) {
                    dummy[(int) ((start + i) % dummy.length)] = pattern[(int) ((patternStart + i) % pattern.length)];
                }
                return;
            }
            if (phys < 0) {
                return;
            }
            shadowAt = attributed(phys);
            if (m.stc() != null && handle instanceof StreamingMapping s) {
                // sun4u: the write waits in the IOMMU's streaming buffer until strbuf_flush
                m.budget().require(CacheDomain.addCapped(m.shadow().missing(shadowAt, length),
                        StreamingCache.holdNeeds(length)), "a " + Units.size(length) + " device write");
                m.stc().hold(s, offset, length, pattern, patternStart, "device write at " + site);
                m.shadow().write(shadowAt, length, pattern, patternStart, "write by " + dev + " at " + site);
                return;
            }
        }
        AccessKind writeKind = dev.coherent() ? AccessKind.DEVICE_COHERENT : AccessKind.DEVICE_NONCOHERENT;
        m.budget().require(CacheDomain.addCapped(m.shadow().missing(shadowAt, length),
                m.cache().writeNeeds(writeKind, phys, length)), "a " + Units.size(length) + " device write");
        if (!dev.coherent() && m.cache().mayHoldDirty(phys, length)) {
            m.log().add(ReportCode.LOST_WRITE, dev + " writes " + bufferLabel(handle) + " (phys " + Units.hex(phys)
                    + ") under a cache line the CPU may hold dirty: a later write-back can undo the device's data",
                    site, ClflushAdvice.applies(m.profile(), dev, handle)
                            ? ClflushAdvice.help(m.profile(), dev.toString(), "dma_sync_single_for_device()",
                                    bufferLabel(handle), "after the last CPU write and before " + dev + " writes")
                            : "clean the CPU's writes before the device writes: dma_map_*() or "
                            + "dma_sync_single_for_device() after the last CPU write, and no CPU writes while "
                            + dev + " owns the buffer", List.of());
        }
        AccessKind kind = dev.coherent() ? AccessKind.DEVICE_COHERENT : AccessKind.DEVICE_NONCOHERENT;
        m.cache().write(kind, phys, length, pattern, patternStart, "device write at " + site, site.toString());
        m.shadow().write(shadowAt, length, pattern, patternStart, "write by " + dev + " at " + site);
    }

    /**
     * A table that was never mapped (or whose map failed) has no DMA address: the device DMAs to
     * nowhere, as through DMA_MAPPING_ERROR. True when the access must not happen.
     */
    private boolean unmappedTable(Device dev, SgTable t, boolean write, Site site) {
        if (!t.mappings().isEmpty()) {
            return false;
        }
        m.log().add(ReportCode.DEVICE_DMA_TO_ERROR_ADDR, dev + (write ? " writes" : " reads") + " through "
                + t.label() + ", which has no DMA address: it was never mapped, or its dma_map_sg failed", site,
                "check what dma_map_sgtable(" + dev + ", " + t.label() + ", dir) returns (0) and do not start DMA "
                        + "on failure", List.of());
        return true;
    }

    /** The per-entry pieces of an sg table access; the table must be mapped (or have been) for {@code dev}. */
    private static List<long[]> sgPieces(Device dev, SgTable t, long offset, long length) {
        if (t.device() != dev) {
            throw new ScriptFault(t.label() + " was mapped for " + t.device() + ", not " + dev);
        }
        return t.pieces(offset, length);
    }

    private ReadResult allOnes(long length, String why) {
        return ReadResult.repeating(length, new byte[] {(byte) 0xff}, 0, new Witness(why), false, m.pulse());
    }

    /** The handle's address is an IOVA: a mapping made behind an IOMMU, or coherent memory of an IOMMU device. */
    private static boolean translated(Device dev, DmaHandle handle) {
        return handle instanceof StreamingMapping s ? s.iommu() : handle instanceof CoherentHandle && dev.iommu();
    }

    /** A sun4u read through an unmapped IOPTE: the dummy page's bytes, certain. */
    private ReadResult dummyRead(Device dev, DmaHandle handle, long offset, long length, Site site) {
        byte[] dummy = m.domain(dev).dummyPage();
        int phase = (int) Long.remainderUnsigned(handle.dmaAddress() + offset, dummy.length);
        return ReadResult.repeating(length, dummy, phase,
                new Witness("the sun4u IOMMU's dummy page, where the unmapped IOPTE points (" + site + ")"), true,
                m.pulse());
    }

    /** The sync call that hands {@code s} over: the sgtable call for an sg entry, else the single one. */
    static String syncCall(StreamingMapping s, boolean forCpu) {
        String to = forCpu ? "cpu" : "device";
        if (s.sg() != null) {
            return "dma_sync_sgtable_for_" + to + "(" + s.device() + ", " + s.sg().label() + ", " + s.direction() + ")";
        }
        return "dma_sync_single_for_" + to + "(" + s.device() + ", " + s.label() + ", " + Units.size(s.size()) + ", "
                + s.direction() + ")";
    }

    /** What ends a streaming mapping of {@code s}'s kind: its unmap, or the free of a non-coherent allocation. */
    private static String releaseCall(StreamingMapping s) {
        if (s.sg() != null) {
            return "dma_unmap_sgtable";
        }
        return "noncoherent".equals(s.type()) ? "dma_free_noncoherent" : "dma_unmap_single";
    }

    /** The buffer byte a device access at {@code phys} is attributed to: a bounce slot's original. */
    private long attributed(long phys) {
        if (m.pool() != null && m.pool().contains(phys)) {
            long orig = m.pool().origOf(phys);
            return orig >= 0 ? orig : phys;
        }
        return phys;
    }

    /** The ownership, direction and use-after-free checks of a CPU access (no access). */
    public void cpuChecks(CpuView view, long offset, long length, boolean write, Site site) {
        if (DirectMapping.freed(view)) {
            m.log().add(ReportCode.USE_AFTER_FREE, "the CPU " + (write ? "writes " : "reads ") + view.label()
                    + " (phys " + Units.hex(view.phys(offset)) + ") after it was freed", site,
                    "do not touch memory after free_pages()/dma_free_coherent()", List.of());
        }
        long phys = view.phys(offset);
        for (StreamingMapping s : m.liveMappingsOver(phys, length)) {
            // a buffer may be mapped a hundred thousand times over (a loop that never unmaps): each
            // mapping is a check and perhaps a report, so a run's limits stop the walk
            m.pulse().beat();
            // ownership is per byte: only the overlap with this mapping counts
            long from = Math.max(phys, s.phys()) - s.phys();
            long to = Math.min(phys + length, s.phys() + s.size()) - s.phys();
            boolean deviceOwns = s.deviceOwns(from, to - from);
            if (deviceOwns) {
                m.log().add(ReportCode.CPU_ACCESS_DEVICE_OWNED, "the CPU " + (write ? "writes " : "reads ")
                        + view.label() + " while " + s.device() + " owns it (mapped " + s.direction() + ")", site,
                        "call " + syncCall(s, true) + " first, and " + syncCall(s, false) + " after", List.of());
            }
            // a CPU write to bytes of a FROM_DEVICE mapping the CPU has synced back (igb's
            // skb_shared_info) is the driver's to hand over again with sync_for_device; only bytes
            // the device owns are a direction violation
            if (write && deviceOwns && s.direction() == Direction.DMA_FROM_DEVICE) {
                m.log().add(ReportCode.DIRECTION_VIOLATION, "the CPU writes " + view.label() + ", mapped "
                        + "DMA_FROM_DEVICE for " + s.device(), site, "map it DMA_BIDIRECTIONAL if the CPU writes it, "
                        + "or write it before dma_map_single()", List.of());
            }
            if (write) {
                s.noteCpuWrite(from, to - from);
            }
        }
    }

    /** The handle checks; false when the access does not happen (a DMA_MAPPING_ERROR handle). */
    private boolean deviceChecks(Device dev, DmaHandle handle, long offset, long length, boolean write, Site site) {
        if (handle.device() != dev) {
            throw new ScriptFault(handle.label() + " was mapped for " + handle.device() + ", not " + dev);
        }
        String verb = write ? " writes " : " reads ";
        if (handle instanceof StreamingMapping s) {
            if (s.failed()) {
                m.log().add(ReportCode.DEVICE_DMA_TO_ERROR_ADDR, dev + verb + "through " + s.label()
                        + ", the DMA_MAPPING_ERROR address of a failed map", site,
                        "check dma_mapping_error(" + dev + ", " + s.label() + ") and do not start DMA on failure",
                        List.of());
                return false;
            }
            if (s.iommu()) {
                // behind an IOMMU the page table decides: IOMMU_FAULT replaces USE_AFTER_FREE and
                // DIRECTION_VIOLATION (iommuTranslate)
                if (!s.released() && cpuOwned(s, offset, length)) {
                    m.log().add(ReportCode.DEVICE_ACCESS_CPU_OWNED, dev + verb + s.view().label()
                            + " while the CPU owns it", site, "call " + syncCall(s, false) + " before " + dev + " uses it again", List.of());
                }
                return true;
            }
            if (s.released()) {
                m.log().add(ReportCode.USE_AFTER_FREE, dev + verb + "through " + s.label() + " after it was unmapped",
                        site, "stop the device before " + releaseCall(s) + "()", List.of());
            } else if (cpuOwned(s, offset, length)) {
                m.log().add(ReportCode.DEVICE_ACCESS_CPU_OWNED, dev + verb + s.view().label() + " while the CPU owns it",
                        site, "call " + syncCall(s, false) + " before " + dev + " uses it again", List.of());
            }
            if (write ? !s.direction().deviceWrites() : !s.direction().deviceReads()) {
                m.log().add(ReportCode.DIRECTION_VIOLATION, dev + verb + s.view().label() + ", mapped "
                        + s.direction(), site, "map it " + (write ? "DMA_FROM_DEVICE" : "DMA_TO_DEVICE")
                        + " or DMA_BIDIRECTIONAL", List.of());
            }
        } else if (handle instanceof CoherentHandle c && c.allocation().freed() && !dev.iommu()) {
            m.log().add(ReportCode.USE_AFTER_FREE, dev + verb + c.label() + " after dma_free_coherent()", site,
                    "stop the device before dma_free_coherent()", List.of());
        }
        return true;
    }

    /**
     * DEVICE_ACCESS_CPU_OWNED: the device touches bytes the CPU owns, except those of a
     * DMA_FROM_DEVICE mapping the CPU only read (dma-api-howto: no sync_for_device is needed then).
     */
    private static boolean cpuOwned(StreamingMapping s, long offset, long length) {
        return s.cpuOwns(offset, length)
                && !(s.direction() == Direction.DMA_FROM_DEVICE && !s.cpuWrote(offset, length));
    }

    private static long devicePhys(DmaHandle handle, long offset) {
        return switch (handle) {
            case StreamingMapping s -> s.devicePhys(offset);
            case CoherentHandle c -> c.allocation().pages().physBase() + offset;
            default -> throw new ScriptFault("a device cannot access " + handle.label() + " yet");
        };
    }

    /** The buffer byte a device access is attributed to: the original, never the bounce slot. */
    private static long shadowPhys(DmaHandle handle, long offset) {
        return switch (handle) {
            case StreamingMapping s -> s.phys() + offset;
            case CoherentHandle c -> c.allocation().pages().physBase() + offset;
            default -> throw new ScriptFault("a device cannot access " + handle.label() + " yet");
        };
    }

    private static String bufferLabel(DmaHandle handle) {
        return handle instanceof StreamingMapping s ? s.view().label() : handle.label();
    }

    private static long firstStale(ReadResult r) {
        return LatestValue.staleSegment(r).offset();
    }

    private static List<String> witnesses(ReadResult r) {
        List<String> out = new ArrayList<>();
        for (Segment s : r.segments()) {
            for (Alternative a : s.alternatives()) {
                if (a.stale() && !out.contains(a.witness().text()) && out.size() < 8) {
                    out.add(a.witness().text());
                }
            }
        }
        return out;
    }

    /** An access of {@code [offset, offset+length)} must lie inside the object (checked before anything happens). */
    public static void checkRange(String label, long size, long offset, long length) {
        if (offset < 0 || length <= 0 || length > size - offset) {
            throw new ScriptFault(Units.range(offset, length) + " is outside " + label + " ("
                    + size + " bytes)");
        }
        if (length > Integer.MAX_VALUE) {
            throw new ScriptFault("one access may cover at most 2GiB");
        }
    }

    private static void checkPattern(byte[] pattern) {
        if (pattern == null || pattern.length == 0) {
            throw new ScriptFault("nothing to write: the value is empty");
        }
    }
}
