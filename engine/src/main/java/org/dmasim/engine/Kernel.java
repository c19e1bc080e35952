package org.dmasim.engine;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.check.Report;
import org.dmasim.engine.dma.CoherentAllocation;
import org.dmasim.engine.dma.DirectAlloc;
import org.dmasim.engine.dma.DirectMapping;
import org.dmasim.engine.dma.DmaHandle;
import org.dmasim.engine.dma.DmaPool;
import org.dmasim.engine.dma.DmaPoolBlock;
import org.dmasim.engine.dma.PoolBlockHandle;
import org.dmasim.engine.dma.PoolBlockView;
import org.dmasim.engine.dma.DmaMasks;
import org.dmasim.engine.dma.Mapping;
import org.dmasim.engine.dma.MemoryAccess;
import org.dmasim.engine.dma.MemoryObjects;
import org.dmasim.engine.dma.NoncoherentBuffer;
import org.dmasim.engine.dma.SgMapping;
import org.dmasim.engine.dma.SgTable;
import org.dmasim.engine.dma.StreamingMapping;
import org.dmasim.engine.dmabuf.DmaBufLayer;
import org.dmasim.engine.footprint.Footprint;
import org.dmasim.engine.machine.ArchProfile;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.DeviceConfig;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.Machine;
import org.dmasim.engine.machine.MachineConfig;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.Gfp;
import org.dmasim.engine.memory.KmallocBuffer;
import org.dmasim.engine.memory.MemoryBudget;
import org.dmasim.engine.memory.ShmemObject;
import org.dmasim.engine.memory.RodataBuffer;
import org.dmasim.engine.memory.StackBuffer;
import org.dmasim.engine.memory.VmallocBuffer;

/**
 * The facade: one method per kernel API function, with the kernel's meaning.
 * The interpreter and the polyglot bindings call only this. A call that fails leaves the machine
 * as it was; kernel-visible misuse becomes a {@link Report}, the caller's own mistakes a
 * {@link ScriptFault}.
 */
public final class Kernel {
    /** {@code DMA_MAPPING_ERROR}: {@code ~(dma_addr_t)0}. */
    public static final long DMA_MAPPING_ERROR = -1L;
    /** {@code -EIO}, what {@code dma_set_mask} returns for a mask the platform cannot support. */
    public static final int EIO = DmaMasks.EIO;
    /** The largest device memory (BAR) a device may declare. */
    public static final long MAX_VRAM = 1L << 46;

    private Machine machine;
    private DirectMapping streaming;
    private DirectAlloc alloc;
    private MemoryAccess access;
    private MemoryObjects objects;
    private SgMapping sg;
    private DmaMasks masks;
    private DmaBufLayer dmabuf;
    /** Set by the first device or allocation: from then on arch and machine are fixed. */
    private boolean started;
    private Pulse pulse = Pulse.NONE;
    /** The embedding host's ceiling on {@code memory_budget}, or 0 for none. */
    private long memoryLimit;

    public Kernel() {
        this(ArchProfile.x86_64(), MachineConfig.defaults());
    }

    public Kernel(ArchProfile profile, MachineConfig config) {
        build(profile, config);
    }

    private void build(ArchProfile profile, MachineConfig config) {
        Machine next = new Machine(profile, config);
        next.setPulse(pulse);
        machine = next;
        streaming = new DirectMapping(next);
        alloc = new DirectAlloc(next);
        access = new MemoryAccess(next);
        objects = new MemoryObjects(next, alloc);
        sg = new SgMapping(next, streaming);
        masks = new DmaMasks(next);
        dmabuf = new DmaBufLayer(next, sg, access, () -> started = true);
    }

    /**
     * Installs what long operations beat (every few pages, runs or entries), so a caller can stop
     * a single call that takes too long (its step budget, deadline or cancellation throws).
     */
    public void setPulse(Pulse to) {
        pulse = to == null ? Pulse.NONE : to;
        machine.setPulse(pulse);
    }

    /**
     * Check, before a caller makes the bytes of a written value as long as the write (not a
     * short pattern repeated): they are held in the heap beside what the machine holds, as a
     * read's values are.
     */
    public void requireWrittenValue(long length) {
        machine.budget().require(length, () -> "the value of a " + Units.size(length) + " write");
    }

    /** What long operations beat: a caller preparing a call's data (a large written value) beats it too. */
    public Pulse pulse() {
        return pulse;
    }

    // ---- footprints: what each call touches, for an explorer of concurrent executions. The cache
    // domain and the shadow note lines themselves; the facade notes the objects a call reads or
    // changes. A call it cannot describe precisely writes Footprint.KERNEL, which every device
    // access reads.

    /** The IOMMU page table of {@code dev}, as a footprint object. */
    private static Footprint.Token iommu(Device dev) {
        return new Footprint.Token("the IOMMU of " + dev.name());
    }

    private Footprint fp() {
        return machine.footprint();
    }

    private <T> T wrote(T object) {
        fp().object(object, true);
        return object;
    }

    /** The mapping of {@code dev} that a call naming {@code dmaAddr} acts on, or the kernel state when none. */
    private void mappingAt(Device dev, long dmaAddr, boolean write) {
        if (!fp().on()) {
            return;
        }
        Object m = machine.mappings().containing(dev, dmaAddr);
        fp().object(m != null ? m : Footprint.KERNEL, write);
        if (dev.iommu()) {
            fp().object(iommu(dev), write);
        }
    }

    /** An sg table and its entries' mappings (the entries change when it is mapped or unmapped). */
    private void table(SgTable sgt, Device dev) {
        if (!fp().on()) {
            return;
        }
        fp().object(sgt, true);
        sgt.mappings().forEach(m -> fp().object(m, true));
        if (dev.iommu()) {
            fp().object(iommu(dev), true);
        }
    }

    /** A device access reads the handle's state (released, owner, freed) and the IOMMU's page table. */
    private void deviceAccess(Device dev, DmaHandle handle) {
        if (!fp().on()) {
            return;
        }
        fp().object(Footprint.KERNEL, false);
        fp().object(handle, false);
        switch (handle) {
            case StreamingMapping s -> fp().object(s.view(), false);
            case SgTable t -> t.mappings().forEach(m -> fp().object(m, false));
            case org.dmasim.engine.dma.CoherentHandle c -> fp().object(c.allocation(), false);
            default -> {
            }
        }
        if (dev.iommu()) {
            fp().object(iommu(dev), false);
        }
    }
    /** The machine behind the facade, for tools that look inside ({@code show()}, tests). */
    public Machine machine() {
        return machine;
    }

    public ArchProfile profile() {
        return machine.profile();
    }

    /** {@code arch NAME}: only before the first device or allocation. */
    public void setProfile(ArchProfile profile, Site site) {
        requireNotStarted("arch", site);
        build(profile, machine.config());
        wrote(Footprint.KERNEL);
    }

    public MachineConfig machineConfig() {
        return machine.config();
    }

    /** {@code machine { ... }}: only before the first device or allocation. */
    public void configure(MachineConfig config, Site site) {
        requireNotStarted("machine", site);
        if (memoryLimit > 0 && config.memoryBudget() > memoryLimit) {
            throw new ScriptFault("memory_budget " + Units.size(config.memoryBudget()) + " is above the host's memory limit of "
                    + Units.size(memoryLimit), ScriptFault.MEMORY);
        }
        long cap = MemoryBudget.heapCap();
        if (config.memoryBudget() != machine.config().memoryBudget()
                && Long.compareUnsigned(config.memoryBudget(), cap) > 0) {
            // a budget the heap cannot back would end in an OutOfMemoryError before the budget's own error
            throw new ScriptFault("memory_budget " + Units.size(config.memoryBudget()) + " is more than this JVM can "
                    + "back: at most " + Units.size(cap) + " (two thirds of its " + Units.size(Runtime.getRuntime()
                    .maxMemory()) + " heap; give Java more, e.g. DMASIM_JAVA_OPTS=-Xmx8g)", ScriptFault.MEMORY);
        }
        build(machine.profile(), config);
        wrote(Footprint.KERNEL);
    }

    /**
     * The embedding host's memory limit: the machine's budget becomes {@code bytes}, and a later
     * {@code machine { memory_budget }} may lower it but not raise it. Only before the first device
     * or allocation.
     */
    public void limitMemory(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("a memory limit must be positive: " + bytes);
        }
        requireNotStarted("a memory limit", Site.NONE);
        memoryLimit = bytes;
        build(machine.profile(), machine.config().withMemoryBudget(bytes));
    }

    public Device addDevice(DeviceConfig config, Site site) {
        if (config.vram() < 0 || config.vram() > MAX_VRAM) {
            throw new ScriptFault("vram is at most " + Units.size(MAX_VRAM) + " (a BAR above RAM in a 52-bit "
                    + "physical address space), not " + Long.toUnsignedString(config.vram()));
        }
        for (Device d : machine.devices()) {
            if (d.name().equals(config.name())) {
                throw new ScriptFault("device " + config.name() + " is already declared");
            }
        }
        Device dev = new Device(config, machine.profile());
        machine.devices().add(dev);
        machine.declared(dev, site);
        started = true;
        wrote(Footprint.KERNEL);
        return dev;
    }

    public List<Device> devices() {
        return List.copyOf(machine.devices());
    }

    /** {@code dma_set_mask(dev, DMA_BIT_MASK(bits))}: 0, or -EIO when the mask is not supported. */
    public int dmaSetMask(Device dev, int bits) {
        return masks.setMask(wrote(dev), bits);
    }

    public int dmaSetCoherentMask(Device dev, int bits) {
        return masks.setCoherentMask(wrote(dev), bits);
    }

    /** Sets both; returns {@code dma_set_mask}'s result, as include/linux/dma-mapping.h does. */
    public int dmaSetMaskAndCoherent(Device dev, int bits) {
        return masks.setMaskAndCoherent(wrote(dev), bits);
    }

    // ---- pages

    /**
     * {@code alloc_pages(size, gfp)}: physically contiguous, zeroed, size rounded up to pages.
     * Returns null, as the kernel returns NULL, above order 10 (4 MiB) or when the zone is full;
     * the interpreter reports that as a script-visible failure.
     */
    public Buffer allocPages(long size, long gfp, Site site) {
        started = true;
        long limit = Gfp.zone(gfp).limit(machine.zoneDmaLimit());
        return wrote(alloc.allocPages(size, limit, "zeroed by alloc_pages at " + site));
    }

    public void freePages(Buffer buffer, Site site) {
        alloc.freePages(wrote(buffer), site);
    }

    /** {@code kmalloc(size, gfp)}: an object in a shared slab page; null when no page can be had. */
    public KmallocBuffer kmalloc(long size, long gfp, Site site) {
        started = true;
        return wrote(objects.kmalloc(size, gfp));
    }

    /** {@code kfree(buf)}; a second kfree is a use after free. */
    public void kfree(Buffer buffer, Site site) {
        if (!(buffer instanceof KmallocBuffer k)) {
            throw new ScriptFault(buffer.label() + " was not allocated with kmalloc");
        }
        objects.kfree(wrote(k), site);
    }

    /** {@code vmalloc(size)}: virtually contiguous, physically scattered pages; null when out of memory. */
    public VmallocBuffer vmalloc(long size, Site site) {
        started = true;
        return wrote(objects.vmalloc(size, site));
    }

    /**
     * {@code stack_buf(size)}: a local array on the current task's kernel stack (vmalloc memory
     * with CONFIG_VMAP_STACK); its maps are dma-debug's check_for_stack.
     */
    public StackBuffer stackBuf(long size, Site site) {
        started = true;
        return wrote(objects.stackBuf(size, site));
    }

    /** {@code rodata(size)}: a constant object in the kernel image; null when out of memory. */
    public RodataBuffer rodata(long size, Site site) {
        started = true;
        return wrote(objects.rodata(size, site));
    }

    public void vfree(VmallocBuffer buffer, Site site) {
        objects.vfree(wrote(buffer), site);
    }

    /** A shmem object of {@code size} bytes whose pages come from {@code gfp}'s zone at first use. */
    public ShmemObject shmem(long size, long gfp, Site site) {
        started = true;
        return wrote(objects.shmem(size, gfp));
    }

    public void shmemPin(ShmemObject bo, Site site) {
        wrote(bo).pinGem();
    }

    public void shmemUnpin(ShmemObject bo, Site site) {
        if (!wrote(bo).unpinGem()) {
            throw new ScriptFault(bo.label() + " is not pinned");
        }
    }

    /**
     * {@code drm_gem_shmem_free(shmem)} (drivers/gpu/drm/drm_gem_shmem_helper.c), what a native
     * shmem GEM object's last reference runs: the cached {@code shmem->sgt} is unmapped with
     * {@code dma_unmap_sgtable(DMA_BIDIRECTIONAL)}, the pages are put. Later touches are a use after free.
     */
    public void drmGemShmemFree(ShmemObject bo, Site site) {
        wrote(Footprint.KERNEL);
        String fn = "drm_gem_shmem_free";
        boolean sgt = false;
        if (!bo.freed()) {
            dmabuf.gemFree(bo, fn + " of " + bo.label(), site);
            sgt = dmabuf.shmemSgt().free(bo, site);
        }
        objects.shmemFree(wrote(bo), fn, sgt, site);
    }

    /** Pages written to swap, or -EBUSY for a pinned object; mapped, unpinned pages are reported. */
    public int shmemSwapOut(ShmemObject bo, Site site) {
        // swapped pages move: whatever maps them may change
        wrote(Footprint.KERNEL);
        return objects.shmemSwapOut(wrote(bo), site);
    }

    /** {@code sg_alloc_table_from_pages} of {@code view[offset, offset+length)}: one entry per contiguous run. */
    public SgTable sgTable(CpuView view, long offset, long length, Site site) {
        return wrote(objects.sgTable(view, offset, length));
    }

    /** An sg table with one entry per given range (a scattered range gives one per run). */
    public SgTable sgTable(List<SgTable.Entry> ranges, Site site) {
        return wrote(objects.sgTable(ranges));
    }

    // ---- streaming DMA (kernel/dma/mapping.c, kernel/dma/direct.c, drivers/iommu/dma-iommu.c)

    /**
     * {@code dma_map_single(dev, ptr, size, dir)} of {@code view[offset, offset+size)}. A vmalloc
     * address is refused (include/linux/dma-mapping.h) and returns DMA_MAPPING_ERROR.
     */
    public Mapping dmaMapSingle(Device dev, CpuView view, long offset, long size, Direction dir, long attrs,
            Site site) {
        Mapping m = wrote(streaming.mapSingle(dev, view, offset, size, dir, attrs, site));
        if (dev.iommu()) {
            wrote(iommu(dev));
        }
        return m;
    }

    /** {@code dma_map_page(dev, page, offset, size, dir)}: the same path as map_single. */
    public Mapping dmaMapPage(Device dev, CpuView buffer, long offset, long size, Direction dir, long attrs,
            Site site) {
        Mapping m = wrote(streaming.map(dev, buffer, offset, size, dir, attrs, site));
        if (dev.iommu()) {
            wrote(iommu(dev));
        }
        return m;
    }

    /** {@code dma_unmap_single(dev, addr, size, dir)}, checked like dma-debug's check_unmap. */
    public void dmaUnmapSingle(Device dev, long dmaAddr, long size, Direction dir, long attrs, Site site) {
        mappingAt(dev, dmaAddr, true);
        streaming.unmap(dev, dmaAddr, size, dir, attrs, site, "dma_unmap_single");
    }

    /** {@code dma_unmap_page}: the same as unmap_single (both are dma-debug type {@code phy}). */
    public void dmaUnmapPage(Device dev, long dmaAddr, long size, Direction dir, long attrs, Site site) {
        mappingAt(dev, dmaAddr, true);
        streaming.unmap(dev, dmaAddr, size, dir, attrs, site, "dma_unmap_page");
    }

    /** {@code dma_map_sg(dev, sgt->sgl, sgt->orig_nents, dir)}: the DMA segment count, 0 on failure. */
    public int dmaMapSg(Device dev, SgTable sgt, Direction dir, long attrs, Site site) {
        int n = Math.max(0, sg.map(dev, sgt, dir, attrs, site));
        table(sgt, dev);
        return n;
    }

    /** {@code dma_map_sgtable}: 0 (and {@code sgt->nents} set) or -EIO/-ENOMEM/-EOPNOTSUPP. */
    public int dmaMapSgtable(Device dev, SgTable sgt, Direction dir, long attrs, Site site) {
        int n = Math.min(0, sg.map(dev, sgt, dir, attrs, site));
        table(sgt, dev);
        return n;
    }

    /** {@code dma_unmap_sg(dev, sg, nents, dir)}: nents must be what was passed to map (orig_nents). */
    public void dmaUnmapSg(Device dev, SgTable sgt, int nents, Direction dir, long attrs, Site site) {
        table(sgt, dev);
        sg.unmap(dev, sgt, nents, dir, attrs, site, "dma_unmap_sg");
    }

    /** {@code dma_unmap_sgtable}: unmap_sg with {@code orig_nents}. */
    public void dmaUnmapSgtable(Device dev, SgTable sgt, Direction dir, long attrs, Site site) {
        table(sgt, dev);
        sg.unmap(dev, sgt, sgt.origNents(), dir, attrs, site, "dma_unmap_sgtable");
    }

    /** {@code dma_sync_sg_for_cpu(dev, sg, nents, dir)}; the sgtable variant passes orig_nents. */
    public void dmaSyncSgForCpu(Device dev, SgTable sgt, int nents, Direction dir, Site site) {
        dmabuf.cpu().drain("dma_sync_sg_for_cpu", site);
        table(sgt, dev);
        sg.sync(dev, sgt, nents, dir, true, site);
    }

    public void dmaSyncSgForDevice(Device dev, SgTable sgt, int nents, Direction dir, Site site) {
        dmabuf.cpu().drain("dma_sync_sg_for_device", site);
        table(sgt, dev);
        sg.sync(dev, sgt, nents, dir, false, site);
    }

    /** {@code dma_mapping_error(dev, addr)}; marks the dma-debug entry checked. */
    public boolean dmaMappingError(Device dev, long dmaAddr, Site site) {
        mappingAt(dev, dmaAddr, false);
        return streaming.mappingError(dev, dmaAddr);
    }

    public void dmaSyncSingleForCpu(Device dev, long dmaAddr, long size, Direction dir, Site site) {
        mappingAt(dev, dmaAddr, true);
        dmabuf.cpu().drain("dma_sync_single_for_cpu", site);
        streaming.syncForCpu(dev, dmaAddr, size, dir, site);
    }

    public void dmaSyncSingleForDevice(Device dev, long dmaAddr, long size, Direction dir, Site site) {
        mappingAt(dev, dmaAddr, true);
        dmabuf.cpu().drain("dma_sync_single_for_device", site);
        streaming.syncForDevice(dev, dmaAddr, size, dir, site);
    }

    /** {@code dma_sync_single_range_for_cpu(dev, addr, offset, size, dir)}. */
    public void dmaSyncSingleRangeForCpu(Device dev, long dmaAddr, long offset, long size, Direction dir,
            Site site) {
        mappingAt(dev, dmaAddr + offset, true);
        dmabuf.cpu().drain("dma_sync_single_range_for_cpu", site);
        streaming.syncForCpu(dev, dmaAddr + offset, size, dir, site);
    }

    public void dmaSyncSingleRangeForDevice(Device dev, long dmaAddr, long offset, long size, Direction dir,
            Site site) {
        mappingAt(dev, dmaAddr + offset, true);
        dmabuf.cpu().drain("dma_sync_single_range_for_device", site);
        streaming.syncForDevice(dev, dmaAddr + offset, size, dir, site);
    }

    /** {@code dma_need_sync(dev, addr)}: not coherent, or the address is a bounce slot. */
    public boolean dmaNeedSync(Device dev, long dmaAddr) {
        mappingAt(dev, dmaAddr, false);
        return streaming.needSync(dev, dmaAddr);
    }

    /** The live (not unmapped, not failed) mapping of {@code dev} at exactly {@code dmaAddr}, or null. */
    public Mapping findMapping(Device dev, long dmaAddr) {
        mappingAt(dev, dmaAddr, false);
        return machine.mappings().at(dev, dmaAddr);
    }

    // ---- coherent DMA

    /**
     * {@code dma_alloc_attrs(dev, size, attrs)}; {@code dma_alloc_coherent} is attrs 0. Returns
     * null when no pages the coherent mask reaches are free (the kernel's NULL).
     */
    public CoherentAllocation dmaAllocAttrs(Device dev, long size, long attrs, Site site) {
        started = true;
        CoherentAllocation c = wrote(alloc.alloc(dev, size, attrs, site));
        if (c != null) {
            wrote(c.dma());
        }
        if (dev.iommu()) {
            wrote(iommu(dev));
        }
        return c;
    }

    public void dmaFreeCoherent(Device dev, CoherentAllocation allocation, Site site) {
        wrote(allocation.dma());
        if (dev.iommu()) {
            wrote(iommu(dev));
        }
        alloc.dmaFreeCoherent(dev, wrote(allocation), site);
    }

    /** The kernel's {@code dma_free_coherent(dev, size, cpu_addr, dma_handle)}; {@code cpuPhys} -1: not given. */
    public void dmaFreeCoherent(Device dev, CoherentAllocation allocation, long size, long cpuPhys, Site site) {
        alloc.dmaFreeCoherent(dev, allocation, size, cpuPhys, site);
    }

    /** The live coherent or non-coherent allocation of {@code dev} at {@code dmaAddr}, or null. */
    public CoherentAllocation dmaAllocationAt(Device dev, long dmaAddr) {
        return alloc.allocationAt(dev, dmaAddr);
    }

    /** {@code dma_alloc_noncoherent(dev, size, dir)}: cacheable, zeroed through the cache, CPU-owned; or null. */
    public NoncoherentBuffer dmaAllocNoncoherent(Device dev, long size, Direction dir, Site site) {
        started = true;
        NoncoherentBuffer b = wrote(alloc.allocNoncoherent(dev, size, dir, site));
        if (dev.iommu()) {
            wrote(iommu(dev));
        }
        return b;
    }

    /** {@code dma_free_noncoherent(dev, size, vaddr, handle, dir)}, checked like check_unmap. */
    public void dmaFreeNoncoherent(Device dev, CoherentAllocation allocation, Site site) {
        wrote(allocation.dma());
        if (dev.iommu()) {
            wrote(iommu(dev));
        }
        alloc.dmaFreeNoncoherent(dev, wrote(allocation), site);
    }

    /** The kernel's {@code dma_free_noncoherent(dev, size, vaddr, dma_handle, dir)}. */
    public void dmaFreeNoncoherent(Device dev, CoherentAllocation allocation, long size, long cpuPhys,
            Direction dir, Site site) {
        alloc.dmaFreeNoncoherent(dev, allocation, size, cpuPhys, dir, site);
    }

    // ---- dma pools (mm/dmapool.c)

    /** {@code dma_pool_create(name, dev, size, align, boundary)}; null for arguments the kernel refuses. */
    public DmaPool dmaPoolCreate(String name, Device dev, long size, long align, long boundary, Site site) {
        started = true;
        return DmaPool.create(machine, alloc, name, dev, size, align, boundary);
    }

    /** {@code dma_pool_alloc} ({@code zero}: {@code dma_pool_zalloc}); null when no page can be had. */
    public DmaPoolBlock dmaPoolAlloc(DmaPool pool, boolean zero, Site site) {
        wrote(pool);
        wrote(Footprint.KERNEL);
        return machine.atomically(() -> pool.allocate(zero, site));
    }

    /** {@code dma_pool_free(pool, vaddr, dma)}. */
    public void dmaPoolFree(DmaPool pool, PoolBlockView vaddr, long dma, Site site) {
        wrote(pool);
        wrote(Footprint.KERNEL);
        machine.atomically(() -> {
            pool.free(vaddr, dma, site);
            return null;
        });
    }

    /** {@code dma_pool_destroy(pool)}. */
    public void dmaPoolDestroy(DmaPool pool, Site site) {
        wrote(pool);
        wrote(Footprint.KERNEL);
        pool.destroy(site);
    }

    /** {@code dma_get_sgtable(dev, sgt, cpu_addr, dma_addr, size)}: a one-entry table of the pages. */
    public SgTable dmaGetSgtable(Device dev, CoherentAllocation allocation, Site site) {
        return wrote(alloc.getSgtable(dev, allocation));
    }

    // ---- accesses

    /**
     * The CPU reads {@code view[offset, offset+length)}. A {@code judged} read is the subject of an
     * {@code expect}: it happens (it may fill the cache) but raises no STALE_READ.
     */
    public ReadResult cpuRead(CpuView view, long offset, long length, boolean judged, Site site) {
        MemoryAccess.checkRange(view.label(), view.size(), offset, length);
        machine.budget().requireRead(length);
        return machine.atomically(() -> {
            view.faultIn(offset, length);
            return dmabuf.cpu().cpuRead(view, offset, length, judged, site);
        });
    }

    /** The CPU stores {@code pattern}, repeated, over {@code view[offset, offset+length)}. */
    public void cpuWrite(CpuView view, long offset, long length, byte[] pattern, Site site) {
        MemoryAccess.checkRange(view.label(), view.size(), offset, length);
        machine.atomically(() -> {
            view.faultIn(offset, length);
            if (fp().on()) {
                // a CPU store over a mapped buffer is noted on the mapping (DEVICE_ACCESS_CPU_OWNED)
                CpuViewRuns.forEach(machine.pulse(), view, offset, length, (p, n) -> machine.liveMappingsOver(p, n)
                        .forEach(m -> fp().object(m, true)));
            }
            dmabuf.cpu().cpuWrite(view, offset, length, pattern, site);
            return null;
        });
    }

    /**
     * The device reads through a DMA handle; {@code judged} as for {@link #cpuRead}. Through a
     * failed mapping nothing is read: DEVICE_DMA_TO_ERROR_ADDR and a certain all-0xff result.
     */
    public ReadResult deviceRead(Device dev, DmaHandle handle, long offset, long length, boolean judged,
            Site site) {
        MemoryAccess.checkRange(handle.label(), handle.size(), offset, length);
        machine.budget().requireRead(length);
        deviceAccess(dev, handle);
        if (handle instanceof PoolBlockHandle b) {
            DmaPool.deviceAccess(machine, dev, b, false, site);
            return deviceRead(dev, b.page(), b.offset() + offset, length, judged, site);
        }
        return machine.atomically(() -> dmabuf.deviceMemory().handles(handle)
                ? dmabuf.deviceMemory().deviceRead(dev, handle, offset, length, judged, site)
                : access.deviceRead(dev, handle, offset, length, judged, site));
    }

    public void deviceWrite(Device dev, DmaHandle handle, long offset, long length, byte[] pattern, Site site) {
        MemoryAccess.checkRange(handle.label(), handle.size(), offset, length);
        deviceAccess(dev, handle);
        if (handle instanceof PoolBlockHandle b) {
            DmaPool.deviceAccess(machine, dev, b, true, site);
            deviceWrite(dev, b.page(), b.offset() + offset, length, pattern, site);
            return;
        }
        machine.atomically(() -> {
            if (dmabuf.deviceMemory().handles(handle)) {
                dmabuf.deviceMemory().deviceWrite(dev, handle, offset, length, pattern, site);
            } else {
                access.deviceWrite(dev, handle, offset, length, pattern, site);
            }
            return null;
        });
    }

    // ---- dma-buf, user space, DRM PRIME, device memory (drivers/dma-buf/dma-buf.c and friends)

    /**
     * The dma-buf layer: {@code dma_buf_*}, the fd table and user-space mmap/SYNC, DRM PRIME
     * ({@code prime()}), VRAM, BARs and {@code dma_map_resource} ({@code deviceMemory()}), I/O
     * accessors and write-combining ({@code cpu()}). Its methods carry the kernel's names.
     */
    public DmaBufLayer dmaBuf() {
        // the dma-buf layer changes attachments, exporters and mappings behind one call
        wrote(Footprint.KERNEL);
        return dmabuf;
    }

    // ---- events the hardware may do on its own, forced to show one outcome

    public void evict(CpuView view, long offset, long length, Site site) {
        CpuViewRuns.forEach(machine.pulse(), view, offset, length, (p, n) -> machine.cache().evict(p, n, site.toString()));
    }

    public void prefetch(CpuView view, long offset, long length, Site site) {
        CpuViewRuns.forEach(machine.pulse(), view, offset, length, (p, n) -> machine.cache().prefetch(p, n, site.toString()));
    }

    public void writeback(CpuView view, long offset, long length, Site site) {
        CpuViewRuns.forEach(machine.pulse(), view, offset, length, (p, n) -> machine.cache().writeback(p, n, site.toString()));
    }

    /** One text line per cache line of {@code view[offset, offset+length)}: its configurations. */
    public List<String> describeLines(CpuView view, long offset, long length) {
        List<String> out = new ArrayList<>();
        CpuViewRuns.forEach(machine.pulse(), view, offset, length, (p, n) -> out.addAll(machine.cache().describe(p, n)));
        return out;
    }

    // ---- reports

    /** Every report so far, in order. */
    public List<Report> reports() {
        return machine.log().all();
    }

    /** The end of the run: pending mappings become DMA_LEAK. */
    public void finish(Site site) {
        wrote(Footprint.KERNEL);
        machine.debug().finish(site);
    }

    private void requireNotStarted(String what, Site site) {
        if (started) {
            throw new ScriptFault("`" + what + "` must come before the first device or allocation (at " + site + ")");
        }
    }

    // ---- introspection for tools (the REPL's :cache); read-only

    /** The configurations of every cache line of {@code view[offset, offset+length)}. */
    public List<org.dmasim.engine.cache.LineSnapshot> cacheLines(CpuView view, long offset, long length) {
        List<org.dmasim.engine.cache.LineSnapshot> out = new java.util.ArrayList<>();
        CpuViewRuns.forEach(machine.pulse(), view, offset, length, (p, n) -> out.addAll(machine.cache().snapshot(p, n)));
        return out;
    }
}
