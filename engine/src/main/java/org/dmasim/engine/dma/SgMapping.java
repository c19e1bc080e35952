package org.dmasim.engine.dma;

import static org.dmasim.engine.dma.DmaAttrs.DMA_ATTR_REQUIRE_COHERENT;
import static org.dmasim.engine.dma.DmaAttrs.DMA_ATTR_SKIP_CPU_SYNC;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.Site;
import org.dmasim.engine.Units;
import org.dmasim.engine.check.DebugEntry;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.Machine;
import org.dmasim.engine.machine.Maintenance;

/**
 * Scatter-gather streaming DMA: kernel/dma/direct.c {@code dma_direct_map_sg} (one mapping per
 * entry, never merged, rolled back with SKIP_CPU_SYNC on the first failure) and
 * drivers/iommu/dma-iommu.c {@code iommu_dma_map_sg} (one IOVA range for the whole list, entries
 * laid out granule by granule and merged into one DMA segment where they meet on page
 * boundaries). dma-debug records one {@code scatter-gather} entry per DMA segment with the
 * nents the map call was given. {@code max_segment_size} is not modelled (as if the driver set
 * it to UINT_MAX).
 */
public final class SgMapping {
    public static final int EIO = -5;
    public static final int ENOMEM = -12;
    public static final int EOPNOTSUPP = -95;

    private final Machine m;
    private final DirectMapping direct;

    public SgMapping(Machine machine, DirectMapping direct) {
        this.m = machine;
        this.direct = direct;
    }

    /** {@code __dma_map_sg_attrs}: the number of DMA segments, or -errno (dma_map_sg turns that into 0). */
    public int map(Device dev, SgTable sgt, Direction dir, long attrs, Site site) {
        if (!dir.isValid()) {
            throw new ScriptFault("kernel BUG: dma_map_sg with invalid direction " + dir);
        }
        if (sgt.isMapped()) {
            throw new ScriptFault(sgt.label() + " is already mapped for " + sgt.device() + "; \"the sg cannot be "
                    + "mapped again if it has been mapped once\": unmap it, or build another sg_table");
        }
        // check, then act: every entry must be mappable, and the maintenance and bounce copies of
        // all of them must fit the budget together, before the first entry is mapped
        List<SgTable.Entry> entries = sgt.entries();
        long[] phys = new long[entries.size()];
        long[] lengths = new long[entries.size()];
        boolean[] copied = new boolean[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            m.pulse().beatEvery(i);
            SgTable.Entry e = entries.get(i);
            direct.requireMappable(e.view(), e.offset(), e.length());
            phys[i] = e.phys();
            lengths[i] = e.length();
            copied[i] = direct.mayBounce(dev, phys[i], lengths[i], dir);
        }
        Maintenance op = dev.dmaCoherent() || (attrs & DMA_ATTR_SKIP_CPU_SYNC) != 0 || !m.cacheOps() ? Maintenance.NONE
                : m.profile().forDevice(dir);
        long need = m.cache().batchNeeds(op, phys, lengths, copied, m.pool() == null ? 0 : m.pool().base(),
                m.pool() == null ? 0 : m.pool().bytes());
        need = org.dmasim.engine.cache.CacheDomain.addCapped(need, entries.size() * DirectMapping.MAPPING_COST);
        return m.budget().covered(need, "dma_map_sg of " + sgt.label() + " (" + Units.size(sgt.size()) + ")",
                () -> mapChecked(dev, sgt, dir, attrs, site));
    }

    private int mapChecked(Device dev, SgTable sgt, Direction dir, long attrs, Site site) {
        if (sgt.coherentSource() != null) {
            m.log().add(ReportCode.DMA_MAP_COHERENT_MEMORY, dev + ": streaming map of coherent memory ("
                    + sgt.label() + " from dma_get_sgtable): \"Passing coherent DMA memory into the streaming APIs is "
                    + "not allowed as we will try to flush the memory through a different alias to that actually "
                    + "being used (and the flushes are redundant.)\"", site,
                    "let the device use the coherent allocation's own handle (c.dma); share it with dma_mmap_* "
                            + "rather than dma_get_sgtable() + dma_map_sg()", List.of());
        }
        if (!dev.dmaCoherent() && (attrs & DMA_ATTR_REQUIRE_COHERENT) != 0) {
            return EOPNOTSUPP;
        }
        List<StreamingMapping> maps = new ArrayList<>();
        List<SgTable.Segment> segs = new ArrayList<>();
        long iova = -1;
        if (dev.iommu() && !perEntryIommu(dev, sgt, dir)) {
            iova = mergedIommu(dev, sgt, dir, attrs, site, maps, segs);
            if (iova < 0) {
                return ENOMEM;
            }
        } else {
            for (int i = 0; i < sgt.entries().size(); i++) {
                m.pulse().beatEvery(i);
                SgTable.Entry e = sgt.entries().get(i);
                StreamingMapping s = direct.mapPhys(dev, e.view(), e.offset(), e.length(), dir, attrs, site,
                        "scatter-gather", sgt);
                if (s.failed()) {
                    for (StreamingMapping done : maps) {
                        direct.release(done, 0, done.size(), dir, attrs | DMA_ATTR_SKIP_CPU_SYNC, site, true);
                    }
                    return EIO;
                }
                s.setLabel(sgt.label() + "[" + i + "]");
                maps.add(s);
                segs.add(new SgTable.Segment(s.dmaAddress(), s.size(), i));
            }
        }
        sgt.setMapped(dev, dir, attrs, maps, segs, iova);
        maps.forEach(direct::record);
        boolean skip = (attrs & DMA_ATTR_SKIP_CPU_SYNC) != 0;
        // debug_dma_map_sg: for_each_sg(sg, s, nents, i): check_for_stack, check_for_illegal_area
        for (SgTable.Entry e : sgt.entries()) {
            direct.kernelMemory().check(dev, e.view(), e.offset(), e.length(), site);
        }
        // debug_dma_map_sg: for_each_sg(sg, s, mapped_ents, i): one entry per DMA segment, with
        // the i-th CPU entry's phys and length (check_sg_segment) and the segment's bus range
        for (int i = 0; i < segs.size(); i++) {
            m.pulse().beatEvery(i);
            SgTable.Segment seg = segs.get(i);
            SgTable.Entry cpuEntry = sgt.entries().get(i);
            m.debug().checkSgSegment(dev, cpuEntry.length(), seg.dma(), seg.length(), site);
            m.debug().add(new DebugEntry(dev, seg.dma(), seg.length(), dir, "scatter-gather", cpuEntry.phys(), false,
                    skip, sgt.origNents(), segs.size()), site);
        }
        return segs.size();
    }

    /** {@code dev_use_sg_swiotlb}: an untrusted device or a kmalloc-bounce entry maps entry by entry. */
    private boolean perEntryIommu(Device dev, SgTable sgt, Direction dir) {
        if (dev.config().swiotlbForce()) {
            return true;
        }
        return sgt.entries().stream().anyMatch(e -> direct.kmallocNeedsBounce(dev, e.length(), dir));
    }

    /** {@code iommu_dma_map_sg}: for_device per entry, one IOVA range, segments merged at page joins. */
    private long mergedIommu(Device dev, SgTable sgt, Direction dir, long attrs, Site site,
            List<StreamingMapping> maps, List<SgTable.Segment> segs) {
        int ps = m.profile().pageSize();
        long total = 0;
        for (SgTable.Entry e : sgt.entries()) {
            total += (e.phys() % ps + e.length() + ps - 1) / ps;
        }
        IommuDomain domain = m.domain(dev);
        long iova = domain.allocIova(total, dev.dmaMask());
        if (iova < 0) {
            // sparc's map_sg allocates per entry and names the entry that found no room; one
            // allocation for the whole list here: the first entry's paddr, the list's pages
            IommuAllocFailure.report(m, dev, sgt.entries().get(0).phys(), total, true, site);
            return -1;
        }
        long cursor = iova;
        boolean joinable = false;
        for (int i = 0; i < sgt.entries().size(); i++) {
            m.pulse().beatEvery(i);
            SgTable.Entry e = sgt.entries().get(i);
            long phys = e.phys();
            long pageOff = phys % ps;
            long pages = (pageOff + e.length() + ps - 1) / ps;
            if ((attrs & DMA_ATTR_SKIP_CPU_SYNC) == 0) {
                ArchSync.forDevice(m, dev, phys, e.length(), dir, e.view().label(), site);
            }
            domain.map(cursor, phys - pageOff, pages, dir);
            StreamingMapping s = new StreamingMapping(dev, e.view(), cursor + pageOff, phys, e.length(), dir, attrs,
                    -1, true, "scatter-gather", sgt);
            s.setLabel(sgt.label() + "[" + i + "]");
            maps.add(s);
            if (joinable && pageOff == 0) {
                SgTable.Segment last = segs.remove(segs.size() - 1);
                segs.add(new SgTable.Segment(last.dma(), last.length() + e.length(), last.firstEntry()));
            } else {
                segs.add(new SgTable.Segment(cursor + pageOff, e.length(), i));
            }
            joinable = (pageOff + e.length()) % ps == 0;
            cursor += pages * ps;
        }
        return iova;
    }

    /**
     * {@code dma_unmap_sg(dev, sg, nents, dir)}: dma-debug's check_unmap for the first
     * {@code min(nents, mapped_ents)} segments, each with the call's nents; then the unmap work
     * for the first nents entries only ({@code for_each_sg(sgl, sg, nents, i)} in
     * dma_direct_unmap_sg and iommu_dma_sync_sg_for_cpu).
     */
    public void unmap(Device dev, SgTable sgt, int nents, Direction dir, long attrs, Site site, String call) {
        if (!dir.isValid()) {
            throw new ScriptFault("kernel BUG: " + call + " with invalid direction " + dir);
        }
        String how = call + "(" + dev + ", " + sgt.label() + ", " + sgt.origNents() + ", "
                + (sgt.direction() != null ? sgt.direction() : dir) + ")";
        // debug_dma_unmap_sg: mapped_ents comes from the first element's entry; when none is found
        // (0) every one of the nents elements is checked
        int mapped = mappedEnts(dev, sgt, dir, nents);
        int checked = Math.min(nents, sgt.origNents());
        for (int i = 0; i < checked; i++) {
            m.pulse().beatEvery(i);
            if (mapped != 0 && i >= mapped) {
                break;
            }
            m.debug().checkUnmap(dev, segmentAddress(sgt, i), segmentLength(sgt, i), dir, "scatter-gather", site,
                    how, nents);
        }
        if (!sgt.isMapped() || sgt.device() != dev) {
            return;
        }
        List<StreamingMapping> maps = sgt.mappings();
        if (sgt.iova() >= 0) {
            // iommu_dma_unmap_sg: iommu_dma_sync_sg_for_cpu over the first nents CPU entries, then the
            // IOVA range from the first to the last of those segments (the merged range is one)
            for (int i = 0; i < maps.size(); i++) {
                m.pulse().beatEvery(i);
                long skip = i < nents ? 0 : DMA_ATTR_SKIP_CPU_SYNC;
                direct.release(maps.get(i), 0, maps.get(i).size(), dir, attrs | skip, site, false);
            }
            m.domain(dev).unmap(sgt.iova());
            sgt.setUnmapped();
            return;
        }
        // dma_direct_unmap_sg: for_each_sg(sgl, sg, nents, i): only the first nents entries
        for (int i = 0; i < maps.size() && i < nents; i++) {
            m.pulse().beatEvery(i);
            if (!maps.get(i).released()) {
                direct.release(maps.get(i), 0, maps.get(i).size(), dir, attrs, site, true);
            }
        }
        if (maps.stream().allMatch(StreamingMapping::released)) {
            sgt.setUnmapped();
        }
    }

    /**
     * {@code dma_sync_sg_for_cpu/for_device(dev, sg, nents, dir)}: dma-debug's check_sync for the
     * first {@code min(nents, mapped_ents)} segments (none when the first element's entry is not
     * found), then maintenance and bounce copies for the first nents CPU entries only: passing
     * the count dma_map_sg returned leaves the rest of a merged list unsynced.
     */
    public void sync(Device dev, SgTable sgt, int nents, Direction dir, boolean toCpu, Site site) {
        if (!dir.isValid()) {
            throw new ScriptFault("kernel BUG: dma_sync_sg with invalid direction " + dir);
        }
        int mapped = mappedEnts(dev, sgt, dir, nents);
        for (int i = 0; i < Math.min(nents, sgt.origNents()) && i < mapped; i++) {
            m.pulse().beatEvery(i);
            m.debug().checkSync(dev, segmentAddress(sgt, i), segmentLength(sgt, i), dir, toCpu, site, nents);
        }
        if (!sgt.isMapped() || sgt.device() != dev) {
            return;
        }
        List<StreamingMapping> maps = sgt.mappings();
        for (int i = 0; i < maps.size() && i < nents; i++) {
            m.pulse().beatEvery(i);
            StreamingMapping s = maps.get(i);
            if (toCpu) {
                direct.strbufFlush(s, 0, s.size(), site);
                direct.forCpu(s, 0, s.size(), dir, site);
                s.giveToCpu();
            } else {
                direct.forDevice(s, 0, s.size(), dir, site);
            }
        }
    }

    /** {@code get_nr_mapped_entries} for the table's first element. */
    private int mappedEnts(Device dev, SgTable sgt, Direction dir, int nents) {
        return m.debug().mappedEnts(dev, segmentAddress(sgt, 0), segmentLength(sgt, 0), dir, nents);
    }

    /**
     * {@code sg_dma_address} of element {@code i}: its DMA segment; 0 before any mapping
     * (sg_alloc_table zeroes the list); DMA_MAPPING_ERROR for the elements a merge left unused
     * (__finalise_sg).
     */
    private static long segmentAddress(SgTable sgt, int i) {
        if (sgt.segments().isEmpty()) {
            return 0;
        }
        return i < sgt.segments().size() ? sgt.segments().get(i).dma() : org.dmasim.engine.Kernel.DMA_MAPPING_ERROR;
    }

    /** {@code sg_dma_len} of element {@code i}: 0 where it has no segment. */
    private static long segmentLength(SgTable sgt, int i) {
        return i < sgt.segments().size() ? sgt.segments().get(i).length() : 0;
    }
}
