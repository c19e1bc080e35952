package org.dmasim.engine.dma;

import static org.dmasim.engine.dma.DmaAttrs.DMA_ATTR_NO_WARN;
import static org.dmasim.engine.dma.DmaAttrs.DMA_ATTR_REQUIRE_COHERENT;
import static org.dmasim.engine.dma.DmaAttrs.DMA_ATTR_SKIP_CPU_SYNC;

import java.util.List;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.Site;
import org.dmasim.engine.Units;
import org.dmasim.engine.cache.AccessKind;
import org.dmasim.engine.check.DebugEntry;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.KernelImagePlacement;
import org.dmasim.engine.machine.Machine;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.PhysView;
import org.dmasim.engine.memory.RodataBuffer;
import org.dmasim.engine.memory.Slab;

/**
 * Streaming DMA of one physically contiguous range: kernel/dma/direct.{c,h}
 * ({@code dma_direct_map_phys}, {@code dma_direct_unmap_phys}, {@code dma_direct_sync_single_for_*}),
 * drivers/iommu/dma-iommu.c ({@code iommu_dma_map_phys}) for devices behind an IOMMU, with
 * kernel/dma/swiotlb.c for bounces and kernel/dma/debug.c checks around each call.
 */
public final class DirectMapping {
    private final Machine m;
    private final KernelMemoryChecks kernelMemory;

    public DirectMapping(Machine machine) {
        this.m = machine;
        this.kernelMemory = new KernelMemoryChecks(machine);
    }

    /** The stack and kernel-image checks of debug_dma_map_phys / debug_dma_map_sg. */
    KernelMemoryChecks kernelMemory() {
        return kernelMemory;
    }

    /**
     * {@code dma_map_single_attrs} (include/linux/dma-mapping.h): a vmalloc address is refused with
     * {@code dev_WARN_ONCE(dev, is_vmalloc_addr(ptr), "rejecting DMA map of vmalloc memory\n")} and
     * DMA_MAPPING_ERROR before dma-debug sees it (its "maps memory from vmalloc area" check comes
     * after, so it never fires for dma_map_single); a vmalloc'ed stack (CONFIG_VMAP_STACK) and
     * arm64's kernel image lie in the vmalloc range too. Then {@code debug_dma_map_single}'s
     * {@code virt_addr_valid} check, which only sparc64's kernel image fails; else as map_page.
     */
    public StreamingMapping mapSingle(Device dev, CpuView view, long offset, long size, Direction dir, long attrs,
            Site site) {
        if (kernelMemory.isVmallocAddr(view)) {
            m.log().add(ReportCode.DMA_MAP_VMALLOC, dev + ": rejecting DMA map of vmalloc memory", site,
                    KernelMemoryChecks.vmallocHelp(dev, view), List.of());
            return record(StreamingMapping.failed(dev, view, view.phys(offset), size, dir, attrs));
        }
        if (view instanceof RodataBuffer
                && m.profile().traits().kernelImage() == KernelImagePlacement.SEPARATE_NO_PA) {
            // kernel/dma/debug.c debug_dma_map_single(): !virt_addr_valid(addr); sparc64's __pa() is
            // only for the linear map (arch/sparc/include/asm/page_64.h), so the kernel would go on
            // with virt_to_page() of an address it does not translate: a struct page describing no
            // memory. dmasim stops there and returns DMA_MAPPING_ERROR (the conservative outcome).
            m.debug().report(ReportCode.DMA_MAP_INVALID_AREA, dev, "device driver maps memory from invalid area "
                    + "[addr=" + KernelMemoryChecks.at(view, offset) + "] [len=" + size + "]", site,
                    "copy the constant data into a kmalloc'ed buffer and map that: " + m.profile().name()
                            + "'s __pa() does not translate kernel image addresses");
            return record(StreamingMapping.failed(dev, view, view.phys(offset), size, dir, attrs));
        }
        return map(dev, view, offset, size, dir, attrs, site);
    }

    /** {@code dma_map_page}: map, then record a dma-debug {@code phy} entry. */
    public StreamingMapping map(Device dev, CpuView view, long offset, long size, Direction dir, long attrs,
            Site site) {
        StreamingMapping s = mapPhys(dev, view, offset, size, dir, attrs, site, "phy", null);
        if (s.failed()) {
            return record(s);
        }
        kernelMemory.check(dev, view, offset, size, site);
        return added(s, site);
    }

    /**
     * {@code dma_map_phys}: REQUIRE_COHERENT on a non-coherent device fails; behind an IOMMU an
     * IOVA; else force bounce, then reach (and the unaligned-kmalloc bounce), then direct with
     * for_device maintenance. Returns a failed mapping (not recorded) on failure.
     */
    StreamingMapping mapPhys(Device dev, CpuView view, long offset, long size, Direction dir, long attrs,
            Site site, String type, SgTable sg) {
        if (!dir.isValid()) {
            throw new ScriptFault("kernel BUG: dma_map with invalid direction " + dir);
        }
        requireMappable(view, offset, size);
        long phys = view.phys(offset);
        if (!dev.dmaCoherent() && (attrs & DMA_ATTR_SKIP_CPU_SYNC) == 0) {
            // check, then act: the for_device maintenance must fit before anything is reported
            m.cache().requireMaintain(m.profile().forDevice(dir), phys, size);
        }
        if (mayBounce(dev, phys, size, dir)) {
            m.cache().requireCopy(size); // and so must a bounce copy
        }
        m.budget().require(MAPPING_COST, "a streaming mapping");
        if (freed(view)) {
            m.log().add(ReportCode.USE_AFTER_FREE, "dma_map of " + view.label() + " (phys " + Units.hex(phys)
                    + ") after it was freed", site, "map only memory that is still allocated", List.of());
        }
        boolean requireCoherent = (attrs & DMA_ATTR_REQUIRE_COHERENT) != 0;
        StreamingMapping failed = StreamingMapping.failed(dev, view, phys, size, dir, attrs);
        if (!dev.dmaCoherent() && requireCoherent) {
            return failed;
        }
        if (dev.iommu()) {
            return iommuMap(dev, view, phys, size, dir, attrs, site, type, sg);
        }
        if (dev.config().swiotlbForce()) {
            return requireCoherent ? failed : bounce(dev, view, phys, size, dir, attrs, site, type, sg);
        }
        long dma = dev.physToDma(phys);
        if (!capable(dev, dma, size) || kmallocNeedsBounce(dev, size, dir)) {
            if (m.pool() != null && !requireCoherent) {
                return bounce(dev, view, phys, size, dir, attrs, site, type, sg);
            }
            overflow(dev, "DMA", dma, size, site);
            return failed;
        }
        if ((attrs & DMA_ATTR_SKIP_CPU_SYNC) == 0) {
            ArchSync.forDevice(m, dev, phys, size, dir, view.label(), site);
        }
        return new StreamingMapping(dev, view, dma, phys, size, dir, attrs, -1, false, type, sg);
    }

    /** Throws unless {@code [offset, offset+size)} of {@code view} can be mapped as one range. */
    void requireMappable(CpuView view, long offset, long size) {
        if (size <= 0 || offset < 0 || size > view.size() - offset) {
            throw new ScriptFault("cannot map " + Units.range(offset, size) + " of " + view.label()
                    + " (" + view.size() + " bytes)");
        }
        // check, then act: a shmem range that is not contiguous without faulting pages in fails as is
        if (view instanceof org.dmasim.engine.memory.ShmemObject s && !s.contiguousWithoutFaulting(offset, size)
                || view.contiguousFrom(offset) < size) {
            throw new ScriptFault(view.label() + " is not physically contiguous over the mapped range; "
                    + "use an sg table: dma_map_sgtable(dev, sg_table(buf), dir)");
        }
    }

    /** Whether a map of {@code [phys, phys+size)} may go through a bounce slot (and copy into the pool). */
    boolean mayBounce(Device dev, long phys, long size, Direction dir) {
        return m.pool() != null && (dev.config().swiotlbForce() || kmallocNeedsBounce(dev, size, dir)
                || !dev.iommu() && !capable(dev, dev.physToDma(phys), size));
    }

    /**
     * {@code dma_kmalloc_needs_bounce} (include/linux/dma-map-ops.h): on an arch that bounces
     * unaligned kmalloc buffers (arm64, riscv with swiotlb: CONFIG_DMA_BOUNCE_UNALIGNED_KMALLOC),
     * a non-coherent device, not TO_DEVICE, and a size a kmalloc object may share a cache line at
     * ({@code dma_kmalloc_size_aligned}: below 2 * ARCH_DMA_MINALIGN and a size class not aligned
     * to {@code dma_get_cache_alignment()}). "The pointer alignment is not considered." Without
     * swiotlb kmalloc is aligned to dma_get_cache_alignment() and nothing qualifies.
     */
    boolean kmallocNeedsBounce(Device dev, long size, Direction dir) {
        var p = m.profile();
        if (!p.bounceUnalignedKmalloc() || dev.dmaCoherent() || dir == Direction.DMA_TO_DEVICE) {
            return false;
        }
        boolean aligned = size >= 2L * p.traits().archDmaMinalign()
                || Slab.sizeClass(size, m.kmallocMinalign(), p.pageSize()) % m.dmaCacheAlignment() == 0;
        return !aligned;
    }

    /**
     * {@code iommu_dma_map_phys}: bounce only where {@code dev_use_swiotlb} (an untrusted device:
     * {@code swiotlb: force}, or the kmalloc rule) meets a range not aligned to the IOVA granule;
     * for_device maintenance on a non-coherent device; then an IOVA below the mask, mapped with
     * the direction's permissions. No bounce for reach: the IOVA is what the mask must cover.
     */
    private StreamingMapping iommuMap(Device dev, CpuView view, long phys, long size, Direction dir, long attrs,
            Site site, String type, SgTable sg) {
        int ps = m.profile().pageSize();
        boolean unaligned = ((phys | size) & (ps - 1)) != 0;
        long target = phys;
        long slot = -1;
        StreamingMapping failed = StreamingMapping.failed(dev, view, phys, size, dir, attrs);
        if ((dev.config().swiotlbForce() || kmallocNeedsBounce(dev, size, dir)) && unaligned) {
            if ((attrs & DMA_ATTR_REQUIRE_COHERENT) != 0 || m.pool() == null) {
                return failed;
            }
            m.cache().requireCopy(size); // check, then act: before a slot is taken
            slot = allocateSlot(dev, phys, size, attrs, site);
            if (slot < 0) {
                return failed;
            }
            m.cache().copy(phys, slot, Math.toIntExact(size), "copied to the bounce slot at " + site, site.toString());
            target = slot;
        }
        if ((attrs & DMA_ATTR_SKIP_CPU_SYNC) == 0) {
            ArchSync.forDevice(m, dev, target, size, dir, slot >= 0 ? "the bounce slot of " + view.label()
                    : view.label(), site);
        }
        long pageOff = target % ps;
        long pages = (pageOff + size + ps - 1) / ps;
        IommuDomain domain = m.domain(dev);
        long iova = domain.allocIova(pages, dev.dmaMask());
        if (iova < 0) {
            if (slot >= 0) {
                m.pool().release(slot);
            }
            IommuAllocFailure.report(m, dev, phys, pages, sg != null, site);
            return failed;
        }
        domain.map(iova, target - pageOff, pages, dir);
        return new StreamingMapping(dev, view, iova + pageOff, phys, size, dir, attrs, slot, true, type, sg);
    }

    /** {@code swiotlb_map}: slots, copy orig->slot for every direction, for_device on the slot. */
    private StreamingMapping bounce(Device dev, CpuView view, long phys, long size, Direction dir, long attrs,
            Site site, String type, SgTable sg) {
        StreamingMapping failed = StreamingMapping.failed(dev, view, phys, size, dir, attrs);
        m.cache().requireCopy(size); // check, then act: before a slot is taken
        long slot = allocateSlot(dev, phys, size, attrs, site);
        if (slot < 0) {
            return failed;
        }
        long dma = dev.physToDma(slot);
        if (!capable(dev, dma, size)) {
            m.pool().release(slot);
            overflow(dev, "swiotlb", dma, size, site);
            return failed;
        }
        // kernel/dma/swiotlb.c: map copies orig->slot for EVERY direction, so a partial device
        // write does not clobber the bytes it leaves alone; the copy is done even with SKIP_CPU_SYNC
        m.cache().copy(phys, slot, Math.toIntExact(size), "copied to the bounce slot at " + site, site.toString());
        if ((attrs & DMA_ATTR_SKIP_CPU_SYNC) == 0) {
            ArchSync.forDevice(m, dev, slot, size, dir, "the bounce slot of " + view.label(), site);
        }
        return new StreamingMapping(dev, view, dma, phys, size, dir, attrs, slot, false, type, sg);
    }

    /** {@code swiotlb_tbl_map_single}'s slot search; SWIOTLB_FULL when none; resets need_sync. */
    private long allocateSlot(Device dev, long phys, long size, long attrs, Site site) {
        var pool = m.pool();
        if (pool == null) {
            // kernel/dma/swiotlb.c swiotlb_tbl_map_single(): no pool (swiotlb: 0) for a device that
            // must bounce (swiotlb: force) - "Can not allocate SWIOTLB buffer earlier and can't now
            // provide you with the DMA bounce buffer", and the map fails
            m.log().add(ReportCode.SWIOTLB_FULL, dev + ": Can not allocate SWIOTLB buffer earlier and can't now "
                    + "provide you with the DMA bounce buffer", site, "give the machine a swiotlb pool "
                    + "(machine { swiotlb: 64MiB }) or do not force " + dev + " to bounce", List.of());
            return -1;
        }
        var parms = dev.config().parms();
        long slot = pool.allocate(phys, size, parms.minAlignMask(), parms.segmentBoundary(), dev.physToDma(pool.base()));
        if (slot < 0) {
            if ((attrs & DMA_ATTR_NO_WARN) == 0) {
                m.log().add(ReportCode.SWIOTLB_FULL, dev + ": swiotlb buffer is full (sz: " + size + " bytes), total "
                        + pool.totalSlots() + " (slots), used " + pool.usedSlots() + " (slots)", site,
                        "map less at once (at most " + Units.size(SwiotlbPool.maxMappingSize(parms.minAlignMask()))
                                + " per mapping), unmap finished mappings, or allocate the buffer where "
                                + dev + " reaches it (GFP_DMA32)", List.of());
            }
            return -1;
        }
        dev.resetNeedSync();
        return slot;
    }

    /** {@code dma_unmap_phys}: check_unmap, then sync for the CPU unless SKIP_CPU_SYNC, then free slots. */
    public void unmap(Device dev, long addr, long size, Direction dir, long attrs, Site site, String call) {
        if (!dir.isValid()) {
            throw new ScriptFault("kernel BUG: " + call + " with invalid direction " + dir);
        }
        StreamingMapping mapping = live(dev, addr);
        if (mapping != null && (attrs & DMA_ATTR_SKIP_CPU_SYNC) == 0) {
            requireSync(mapping, addr, size, dir, true);
        }
        DebugEntry entry = m.debug().checkUnmap(dev, addr, size, dir, "phy", site,
                () -> call + "(" + dev + ", " + (mapping != null ? mapping.label() : Units.hex(addr)) + ", "
                        + Units.size(mapping != null ? mapping.size() : size) + ", "
                        + (mapping != null ? mapping.direction() : dir) + ")");
        if (entry == null || mapping == null) {
            if ((attrs & DMA_ATTR_SKIP_CPU_SYNC) == 0) {
                strayForCpu(dev, addr, size, dir, site);
            }
            return;
        }
        release(mapping, addr - mapping.dmaAddress(), size, dir, attrs, site, true);
    }

    /** The unmap work after the checks: for_cpu unless SKIP_CPU_SYNC, slots and IOVA freed. */
    void release(StreamingMapping mapping, long off, long size, Direction dir, long attrs, Site site,
            boolean freeIova) {
        // dma_4u_unmap_page: "Step 1: Kick data out of streaming buffers if necessary", attrs or not
        strbufFlush(mapping, 0, mapping.size(), site);
        if ((attrs & DMA_ATTR_SKIP_CPU_SYNC) == 0) {
            forCpu(mapping, off, size, dir, site);
        }
        if (mapping.bounced()) {
            m.pool().release(mapping.slot());
        }
        if (mapping.iommu() && freeIova) {
            m.domain(mapping.device()).unmap(mapping.dmaAddress());
        }
        mapping.release();
        if (m.mappings().remove(mapping)) {
            m.budget().release(MAPPING_COST);
        }
    }

    /** {@code dma_direct_sync_single_for_cpu}: maintenance on the device's address, then copy slot->orig. */
    public void syncForCpu(Device dev, long addr, long size, Direction dir, Site site) {
        if (!dir.isValid()) {
            throw new ScriptFault("kernel BUG: dma_sync_single_for_cpu with invalid direction " + dir);
        }
        StreamingMapping mapping = containing(dev, addr);
        requireSync(mapping, addr, size, dir, true);
        m.debug().checkSync(dev, addr, size, dir, true, site);
        if (mapping != null) {
            strbufFlush(mapping, addr - mapping.dmaAddress(), size, site);
            forCpu(mapping, addr - mapping.dmaAddress(), size, dir, site);
            mapping.giveToCpu(addr - mapping.dmaAddress(), size);
        } else {
            strayForCpu(dev, addr, size, dir, site);
        }
    }

    /** {@code dma_direct_sync_single_for_device}: copy orig->slot (TO/BIDIR), then maintenance. */
    public void syncForDevice(Device dev, long addr, long size, Direction dir, Site site) {
        if (!dir.isValid()) {
            throw new ScriptFault("kernel BUG: dma_sync_single_for_device with invalid direction " + dir);
        }
        StreamingMapping mapping = containing(dev, addr);
        requireSync(mapping, addr, size, dir, false);
        m.debug().checkSync(dev, addr, size, dir, false, site);
        if (mapping != null) {
            forDevice(mapping, addr - mapping.dmaAddress(), size, dir, site);
        } else {
            long phys = strayPhys(dev, addr, size);
            if (phys >= 0) {
                ArchSync.forDevice(m, dev, phys, size, dir, "memory at phys " + Units.hex(phys), site);
            }
        }
    }

    /**
     * The kernel does not look the address up before it syncs (kernel/dma/direct.h): maintenance
     * lands on whatever RAM {@code dma_to_phys(addr)} is, someone else's buffer included. Bounce
     * slots without a mapping are left alone (swiotlb finds no original to copy to); behind an
     * IOMMU an unmapped IOVA translates to nothing.
     */
    private void strayForCpu(Device dev, long addr, long size, Direction dir, Site site) {
        long phys = strayPhys(dev, addr, size);
        if (phys >= 0) {
            ArchSync.forCpu(m, dev, phys, size, dir, "memory at phys " + Units.hex(phys), site);
        }
    }

    private long strayPhys(Device dev, long addr, long size) {
        if (addr == Kernel.DMA_MAPPING_ERROR || size <= 0 || dev.iommu()) {
            return -1;
        }
        long phys = dev.dmaToPhys(addr);
        if (phys == -1) {
            return -1;
        }
        boolean ram = m.allocator().isRam(phys) && m.allocator().isRam(phys + size - 1);
        boolean slot = m.pool() != null && (m.pool().contains(phys) || m.pool().contains(phys + size - 1));
        return ram && !slot ? phys : -1;
    }

    /** The for_device work of a sync: bounce copy for TO/BIDIR, then the arch maintenance. */
    void forDevice(StreamingMapping mapping, long off, long size, Direction dir, Site site) {
        long n = size;
        if (mapping.bounced()) {
            n = clampBounce(mapping, off, size, site);
            if (dir == Direction.DMA_TO_DEVICE || dir == Direction.DMA_BIDIRECTIONAL) {
                m.cache().copy(mapping.phys() + off, mapping.slot() + off, Math.toIntExact(n),
                        "copied to the bounce slot at " + site, site.toString());
            }
        }
        ArchSync.forDevice(m, mapping.device(), mapping.devicePhys(off), n, dir, where(mapping), site);
        mapping.giveToDevice(off, size);
    }

    /**
     * sun4u {@code strbuf_flush()} of the IO pages {@code [off, off+size)} of the mapping covers
     * (dma_4u_sync_single_for_cpu, dma_4u_unmap_page): the device writes held in the IOMMU's
     * streaming buffer reach memory.
     */
    void strbufFlush(StreamingMapping mapping, long off, long size, Site site) {
        if (m.stc() == null || !mapping.iommu() || !m.stc().holds(mapping)) {
            return;
        }
        int ps = m.profile().pageSize();
        long iova = mapping.dmaAddress() + off;
        long from = Math.max(0, iova / ps * ps - mapping.dmaAddress());
        long to = Math.min(mapping.size(), (iova + size + ps - 1) / ps * ps - mapping.dmaAddress());
        AccessKind kind = mapping.device().coherent() ? AccessKind.DEVICE_COHERENT : AccessKind.DEVICE_NONCOHERENT;
        for (StreamingCache.Held h : m.stc().flush(mapping, from, to - from)) {
            m.cache().write(kind, mapping.devicePhys(h.start()), h.data().length, h.data(), 0,
                    h.witness() + ", flushed from the streaming buffer at " + site, site.toString());
        }
    }

    /** {@code dma_need_sync}: gated by dma_skip_sync; then IOMMU: always; direct: not coherent or a slot. */
    public boolean needSync(Device dev, long addr) {
        if (dev.skipSync()) {
            return false;
        }
        if (dev.iommu()) {
            return true;
        }
        long phys = dev.dmaToPhys(addr);
        return !dev.dmaCoherent() || (m.pool() != null && m.pool().contains(phys));
    }

    /** {@code dma_mapping_error}: marks the dma-debug entry checked. */
    public boolean mappingError(Device dev, long addr) {
        m.debug().mappingError(dev, addr);
        return addr == Kernel.DMA_MAPPING_ERROR;
    }

    void forCpu(StreamingMapping mapping, long off, long size, Direction dir, Site site) {
        ArchSync.forCpu(m, mapping.device(), mapping.devicePhys(off), size, dir, where(mapping), site);
        if (mapping.bounced() && (dir == Direction.DMA_FROM_DEVICE || dir == Direction.DMA_BIDIRECTIONAL)) {
            long n = clampBounce(mapping, off, size, site);
            m.cache().copy(mapping.slot() + off, mapping.phys() + off, Math.toIntExact(n),
                    "copied back from the bounce slot at " + site, site.toString());
        }
    }

    /** Check, then act: the maintenance and bounce copy of a sync or unmap must fit before dma-debug acts. */
    private void requireSync(StreamingMapping mapping, long addr, long size, Direction dir, boolean forCpu) {
        if (mapping == null) {
            return;
        }
        long off = addr - mapping.dmaAddress();
        if (!mapping.device().dmaCoherent()) {
            m.cache().requireMaintain(forCpu ? m.profile().forCpu(dir) : m.profile().forDevice(dir),
                    mapping.devicePhys(off), size);
        }
        if (mapping.bounced()) {
            long remaining = m.pool().remaining(mapping.slot() + off);
            m.cache().requireCopy(Math.max(0, Long.compareUnsigned(size, remaining) < 0 ? size : remaining));
        }
    }

    /** swiotlb_bounce: "Buffer overflow detected" and clamping when a sync runs past the slots. */
    private long clampBounce(StreamingMapping mapping, long off, long size, Site site) {
        long remaining = m.pool().remaining(mapping.slot() + off);
        // size_t: unsigned (a size of 2^63 and above is an overflow too, not a negative size)
        if (Long.compareUnsigned(size, remaining) > 0) {
            // swiotlb_bounce: alloc_size is what is left of the allocation from the synced address
            m.log().add(ReportCode.SWIOTLB_BUFFER_OVERFLOW, mapping.device() + ": Buffer overflow detected. "
                    + "Allocation size: " + Math.max(0, remaining) + ". Mapping size: " + Long.toUnsignedString(size)
                    + ".",
                    site, "sync at most the mapped " + Units.size(mapping.size()), List.of());
            return Math.max(0, remaining);
        }
        return size;
    }

    private String where(StreamingMapping mapping) {
        return mapping.bounced() ? "the bounce slot of " + mapping.view().label() : mapping.view().label();
    }

    /**
     * include/linux/dma-direct.h dma_capable(): an address phys_to_dma could translate (no
     * dma_range_map region is DMA_MAPPING_ERROR) whose last byte is within
     * {@code min_not_zero(*dev->dma_mask, dev->bus_dma_limit)}.
     */
    static boolean capable(Device dev, long dma, long size) {
        return capable(dev, dma, size, dev.config().parms().limit(dev.dmaMask()));
    }

    /** dma_capable against {@code limit} (dma_coherent_ok uses the coherent mask's). */
    static boolean capable(Device dev, long dma, long size, long limit) {
        return dma != Kernel.DMA_MAPPING_ERROR && Long.compareUnsigned(dma + size - 1, limit) <= 0;
    }

    /** dma_direct_map_phys / swiotlb_map: "%s addr %pad+%zu overflow (mask %llx, bus limit %llx)." */
    void overflow(Device dev, String kind, long dma, long size, Site site) {
        long busLimit = dev.config().parms().busDmaLimit();
        String why = dma == Kernel.DMA_MAPPING_ERROR ? "no dma-ranges region of " + dev + " covers the buffer; "
                : busLimit != 0 && Long.compareUnsigned(busLimit, dev.dmaMask()) < 0
                        ? dev + "'s bus reaches only " + Units.hex(busLimit) + " (bus_dma_limit), below its mask; " : "";
        m.log().add(ReportCode.DMA_ADDR_OVERFLOW, dev + ": " + kind + " addr " + Units.hex16(dma) + "+" + size
                + " overflow (mask " + Long.toHexString(dev.dmaMask()) + ", bus limit " + Long.toHexString(busLimit)
                + ").", site, why + "allocate the buffer where " + dev + " reaches it (alloc_pages(size, GFP_DMA32) "
                        + "for a 32-bit mask), give the machine a swiotlb pool, or raise the mask with dma_set_mask()",
                List.of());
    }

    private StreamingMapping added(StreamingMapping mapping, Site site) {
        // debug_dma_map_phys: entry type "phy", map error not yet checked
        m.debug().add(new DebugEntry(mapping.device(), mapping.dmaAddress(), mapping.size(), mapping.direction(),
                "phy", mapping.phys(), true, (mapping.attrs() & DMA_ATTR_SKIP_CPU_SYNC) != 0), site);
        return record(mapping);
    }

    /** Live mappings are remembered; a failed one is only handed back (dma-debug skips it too). */
    StreamingMapping record(StreamingMapping mapping) {
        if (!mapping.failed()) {
            m.mappings().add(mapping);
            m.budget().charge(MAPPING_COST);
        }
        return mapping;
    }

    /**
     * What the emulator holds per live streaming mapping, at most: the mapping with its label and
     * CPU ranges, its dma-debug entry, their index entries and an sg table's segment. Charged while
     * the mapping lives, so that a million of them meet the budget before the heap.
     */
    static final long MAPPING_COST = 512;

    private StreamingMapping live(Device dev, long addr) {
        return m.mappings().at(dev, addr);
    }

    private StreamingMapping containing(Device dev, long addr) {
        return m.mappings().containing(dev, addr);
    }

    static boolean freed(CpuView view) {
        if (view instanceof Buffer b) {
            return b.freed();
        }
        if (view instanceof PoolBlockView b) {
            return b.freed();
        }
        return view instanceof PhysView p && p.pages().freed();
    }
}
