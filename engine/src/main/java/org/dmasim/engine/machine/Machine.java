package org.dmasim.engine.machine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.engine.Pulse;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.Site;
import org.dmasim.engine.Units;
import org.dmasim.engine.cache.CacheDomain;
import org.dmasim.engine.check.DmaDebug;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.check.ReportLog;
import org.dmasim.engine.check.Shadow;
import org.dmasim.engine.dma.IommuDomain;
import org.dmasim.engine.dma.LiveMappings;
import org.dmasim.engine.dma.StreamingCache;
import org.dmasim.engine.dma.StreamingMapping;
import org.dmasim.engine.dma.SwiotlbPool;
import org.dmasim.engine.footprint.Footprint;
import org.dmasim.engine.memory.MemoryBudget;
import org.dmasim.engine.memory.PageAllocator;
import org.dmasim.engine.memory.SparseBytes;
import org.dmasim.engine.memory.WriteCombineBuffer;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.MemoryType;
import org.dmasim.engine.memory.PatMemtypes;
import org.dmasim.engine.memory.VmallocBuffer;

/**
 * One emulated machine (docs/semantics.md, "The machine"): RAM and its allocator, the CPU cache domain, the
 * swiotlb pool, the devices, and the checker's state (shadow, dma-debug, reports).
 *
 * <p>The swiotlb pool takes the highest pages below 4 GiB at machine start (memblock allocates
 * it top-down in low memory), so DMA32 allocations land just below it.
 */
public final class Machine {
    private static final long FOUR_GIB = 1L << 32;
    /** The widest physical address space of the modelled arches (x86-64 5-level paging, arm64 LPA). */
    public static final long MAX_PHYS = 1L << 52;

    private final ArchProfile profile;
    private final MachineConfig config;
    private final MemoryBudget budget;
    private final SparseBytes memory;
    private final Shadow shadow;
    private final PageAllocator allocator;
    private final SwiotlbPool pool;
    private final CacheDomain cache;
    private final long zoneDmaLimit;
    private final ReportLog log = new ReportLog();
    private final DmaDebug debug;
    private final List<Device> devices = new ArrayList<>();
    private final LiveMappings mappings = new LiveMappings();
    private final WriteCombineBuffer writeCombining = new WriteCombineBuffer();
    private final PatMemtypes pat = new PatMemtypes();
    private final Map<Device, IommuDomain> domains = new IdentityHashMap<>();
    private final Footprint footprint;
    /** The sun4u IOMMU streaming buffer, or null where the profile has none. */
    private final StreamingCache stc;
    /** Undo actions of the call in progress ({@link #atomically}), newest last. */
    private final List<Runnable> undo = new ArrayList<>();
    private int calls;
    private long completed;
    /** What long operations beat ({@link #pulse()} forwards to it, so components keep one reference). */
    private Pulse beat = Pulse.NONE;
    private final Pulse pulse = () -> beat.beat();

    public Machine(ArchProfile profile, MachineConfig config) {
        if (config.ram() <= 0 || config.ram() % profile.pageSize() != 0 || config.ramBase() % profile.pageSize() != 0
                || config.ramBase() < 0) {
            throw new ScriptFault("machine ram and ram_base must be page multiples, ram > 0: ram "
                    + Units.size(config.ram()) + ", ram_base " + Units.hex(config.ramBase()));
        }
        if (config.ram() > MAX_PHYS - config.ramBase()) {
            throw new ScriptFault("machine ram_base + ram must stay below " + Units.size(MAX_PHYS)
                    + " (52-bit physical addresses): ram " + Units.size(config.ram()) + ", ram_base "
                    + Units.hex(config.ramBase()));
        }
        if (config.swiotlb() < 0 || config.swiotlb() % SwiotlbPool.IO_TLB_SIZE != 0) {
            throw new ScriptFault("swiotlb must be a multiple of 2KiB, not " + config.swiotlb());
        }
        this.profile = profile;
        this.config = config;
        this.budget = new MemoryBudget(config.memoryBudget());
        this.stc = profile.traits().streamingCache() ? new StreamingCache(budget, pulse) : null;
        this.memory = new SparseBytes(budget, "emulated memory");
        this.footprint = new Footprint(profile.cacheLine());
        this.shadow = new Shadow(budget, footprint);
        this.allocator = new PageAllocator(config.ramBase(), config.ram(), profile.pageSize(), pulse);
        if (config.zoneDma() != 0 && !profile.traits().swiotlbBelowZoneDma()) {
            throw new ScriptFault("zone_dma is the firmware's DMA limit of arm64 (dma-ranges / IORT); "
                    + profile.name() + "'s ZONE_DMA is fixed at " + Units.size(profile.zoneDmaLimit()));
        }
        if (!config.noncoherentCacheOps() && !profile.name().startsWith("riscv")) {
            throw new ScriptFault("noncoherent_cache_ops is a riscv64 machine property (Zicbom or a vendor's "
                    + "cache operations)");
        }
        this.zoneDmaLimit = config.zoneDma() != 0 ? Math.min(config.zoneDma(), FOUR_GIB) : profile.zoneDmaLimit();
        this.pool = config.swiotlb() == 0 ? null : placePool(config.swiotlb());
        this.cache = new CacheDomain(profile.cacheLine(), memory, budget, pulse,
                phys -> profile.speculativePrefetch() && allocator.isRam(phys), profile.invalEdges(),
                new CacheDomain.Shadow() {
                    @Override
                    public byte[] read(long phys, int length) {
                        return shadowOf(phys, length);
                    }

                    @Override
                    public boolean direct(long phys, int length) {
                        return !inPool(phys, length);
                    }
                    // the direct questions are about the lines the read itself touches; only a
                    // bounce slot's shadow (read()) lives elsewhere

                    @Override
                    public boolean matches(long phys, byte[] data, int at, int length) {
                        return shadow.matches(phys, data, at, length);
                    }

                    @Override
                    public boolean sharesPages(SparseBytes dram, long phys, int length) {
                        return shadow.sharesPages(dram, phys, length);
                    }
                }, footprint);
        // debug.c add_dma_entry: EEXIST is not reported where dma_get_cache_alignment() < L1_CACHE_BYTES
        // (x86, a riscv without cache ops), nor with CONFIG_DMA_BOUNCE_UNALIGNED_KMALLOC and swiotlb active
        this.debug = new DmaDebug(log, profile.cacheLine(), dmaCacheAlignment() >= profile.cacheLine()
                && !(profile.bounceUnalignedKmalloc() && pool != null));
    }

    /**
     * The default pool comes from memblock_alloc_low() (kernel/dma/swiotlb.c), highest first below
     * ARCH_LOW_ADDRESS_LIMIT: 4 GiB, or on arm64 the end of ZONE_DMA (arm64_dma_phys_limit).
     */
    private SwiotlbPool placePool(long bytes) {
        long limit = profile.traits().swiotlbBelowZoneDma() ? Math.min(FOUR_GIB, zoneDmaLimit) : FOUR_GIB;
        long pages = allocator.pagesFor(bytes);
        long base = allocator.peekHighest(pages, limit);
        if (base < 0 || !allocator.reserve(base, bytes)) {
            throw new ScriptFault("no room for a " + Units.size(bytes) + " swiotlb pool below " + Units.size(limit));
        }
        return new SwiotlbPool(base, bytes, profile.pageSize(), config.cpus());
    }

    /** Where ZONE_DMA ends: the profile's, or on arm64 the firmware's limit capped at 4 GiB (dma_limits_init). */
    public long zoneDmaLimit() {
        return zoneDmaLimit;
    }

    /**
     * {@code dma_get_cache_alignment()}: the profile's, or 1 on a riscv machine without cache
     * operations (riscv_set_dma_cache_alignment).
     */
    public int dmaCacheAlignment() {
        return config.noncoherentCacheOps() ? profile.traits().dmaCacheAlignment() : 1;
    }

    /**
     * mm/slab_common.c __kmalloc_minalign(): dma_get_cache_alignment(), or ARCH_KMALLOC_MINALIGN
     * (8) where unaligned kmalloc buffers bounce and swiotlb is allocated; at least 8.
     */
    public int kmallocMinalign() {
        if (profile.bounceUnalignedKmalloc() && pool != null) {
            return 8;
        }
        return Math.max(8, dmaCacheAlignment());
    }

    /** The platform runs the arch's cache maintenance (false on a riscv without Zicbom or vendor ops). */
    public boolean cacheOps() {
        return config.noncoherentCacheOps();
    }

    /** Whether any byte of the range is in the swiotlb pool (whose shadow is elsewhere). */
    private boolean inPool(long phys, int length) {
        return pool != null && (pool.contains(phys) || pool.contains(phys + length - 1)
                || (phys < pool.base() && phys + length > pool.base()));
    }

    /** The shadow of a physical range; a bounce slot's shadow is its original's. */
    public byte[] shadowOf(long phys, int length) {
        if (pool != null && pool.contains(phys)) {
            long orig = pool.origOf(phys);
            if (orig >= 0) {
                footprint.bytes(orig, length, false);
                return shadow.read(orig, length);
            }
        }
        footprint.bytes(phys, length, false);
        return shadow.read(phys, length);
    }

    /**
     * Whether the latest bytes (the shadow) of the 4 KiB page holding {@code phys} repeat every
     * cache line; false for a page of the swiotlb pool, whose shadow lies at the originals.
     */
    public boolean shadowUniformPage(long phys) {
        long page = phys - Math.floorMod(phys, (long) SparseBytes.PAGE);
        if (inPool(page, SparseBytes.PAGE)) {
            return false;
        }
        footprint.bytes(page, SparseBytes.PAGE, false);
        return shadow.periodicPage(page, profile.cacheLine());
    }

    /** What the current step touches, for an explorer of concurrent executions (off otherwise). */
    public Footprint footprint() {
        return footprint;
    }

    public ArchProfile profile() {
        return profile;
    }

    /**
     * Runs one call so that, when it fails (a {@link ScriptFault}, or the caller's own exception
     * from the pulse or an argument check), the reports it raised are dropped and what it did on
     * the way is undone (shmem pages it faulted in). The engine's own checks come before its
     * actions; this covers what a check cannot know without acting. A limit stopping a long
     * operation half-way still leaves that operation's work done.
     */
    public <T> T atomically(java.util.function.Supplier<T> call) {
        return atomically(call, f -> true);
    }

    /**
     * {@link #atomically(java.util.function.Supplier)}, undoing only on the failures {@code undoes}
     * accepts: a caller's control flow that unwinds through a call (a wait that ends its execution,
     * with the report it raised) keeps what the call did.
     */
    public <T> T atomically(java.util.function.Supplier<T> call, java.util.function.Predicate<RuntimeException> undoes) {
        if (calls++ > 0) {
            try {
                return call.get();
            } finally {
                calls--;
            }
        }
        int reports = log.size();
        try {
            T result = call.get();
            completed++;
            return result;
        } catch (RuntimeException f) {
            if (!undoes.test(f)) {
                completed++; // kept what it did: the machine may have changed
                throw f;
            }
            for (int i = undo.size() - 1; i >= 0; i--) {
                undo.get(i).run();
            }
            log.truncate(reports);
            throw f;
        } finally {
            undo.clear();
            calls--;
        }
    }

    /**
     * Calls run through {@link #atomically} that returned, or failed keeping what they did (and so
     * may have changed the machine): a caller that sees the count unchanged across a failure knows
     * the machine is as it was.
     */
    public long completedCalls() {
        return completed;
    }

    /** Registers how to undo a step of the call in progress, should it fail (nothing outside a call). */
    public void onFailure(Runnable step) {
        if (calls > 0) {
            undo.add(step);
        }
    }

    /** The pulse long operations of this machine beat; it forwards to the one {@link #setPulse} installed. */
    public Pulse pulse() {
        return pulse;
    }

    public void setPulse(Pulse to) {
        beat = to == null ? Pulse.NONE : to;
    }

    public MachineConfig config() {
        return config;
    }

    public MemoryBudget budget() {
        return budget;
    }

    public PageAllocator allocator() {
        return allocator;
    }

    /** The swiotlb pool, or null with {@code swiotlb: 0}. */
    public SwiotlbPool pool() {
        return pool;
    }

    public CacheDomain cache() {
        return cache;
    }

    public Shadow shadow() {
        return shadow;
    }

    /** A device was declared: warns when it is non-coherent where the DMA API cannot maintain for it. */
    public void declared(Device dev, Site site) {
        if (!dev.coherent() && !profile().hasDmaMaintenance()) {
            // include/linux/dma-map-ops.h: without ARCH_HAS_SYNC_DMA_FOR_DEVICE/CPU, dev_is_dma_coherent()
            // is true for every device, so the maps and syncs do no maintenance for this one
            String arch = profile().name();
            log().add(ReportCode.NONCOHERENT_WITHOUT_MAINTENANCE, dev + " is declared "
                    + "coherent: false on " + arch + ", whose DMA API does no cache maintenance: it treats every "
                    + "device as snooping the CPU caches, so no dma_map_*/dma_sync_* call cleans or invalidates "
                    + "a line for " + dev, site, arch.startsWith("x86")
                    ? "drop coherent: false if the device snoops (PCIe devices do unless a transfer sets No Snoop); "
                            + "otherwise the driver must clflush() around every transfer, as drm_clflush_sg() does"
                    : "drop coherent: false if the device snoops; otherwise the driver must flush the lines itself",
                    List.of());
        }
    }

    public ReportLog log() {
        return log;
    }

    public DmaDebug debug() {
        return debug;
    }

    public List<Device> devices() {
        return devices;
    }

    /** The IOMMU domain of a device behind an IOMMU (one per device, made on first use). */
    public IommuDomain domain(Device dev) {
        return domains.computeIfAbsent(dev, d -> new IommuDomain(profile.pageSize(), profile.traits().iommu(), pulse));
    }

    /** The IOMMU's streaming buffer (sparc64 sun4u), or null. */
    public StreamingCache stc() {
        return stc;
    }

    /** The live streaming mappings (and noncoherent allocations), oldest first. */
    public LiveMappings mappings() {
        return mappings;
    }

    /** The CPU's write-combining buffer: write-combined stores posted and not yet drained to DRAM. */
    public WriteCombineBuffer writeCombining() {
        return writeCombining;
    }

    /** x86 PAT's memory type of RAM pages (write-back unless set_memory_wc/uc changed it). */
    public PatMemtypes pat() {
        return pat;
    }

    /**
     * The memory type a CPU access through {@code view} gets: the view's own, except that a buffer
     * seen through the kernel linear map takes the type set_memory_wc/uc gave its pages (x86
     * PAT changes the linear map with the memtype, arch/x86/mm/pat/set_memory.c).
     */
    public MemoryType memoryType(CpuView view) {
        MemoryType own = view.memoryType();
        if (own != MemoryType.CACHED || pat.isEmpty() || !(view instanceof Buffer) || view instanceof VmallocBuffer) {
            return own;
        }
        return pat.typeOf(view.phys(0));
    }

    /** Live mappings whose original buffer overlaps {@code [phys, phys+length)}, newest first. */
    public List<StreamingMapping> liveMappingsOver(long phys, long length) {
        return mappings.over(phys, length);
    }
}
