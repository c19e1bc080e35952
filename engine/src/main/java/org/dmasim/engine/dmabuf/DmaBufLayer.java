package org.dmasim.engine.dmabuf;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.Site;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.dma.CoherentAllocation;
import org.dmasim.engine.dma.DirectAlloc;
import org.dmasim.engine.dma.MemoryAccess;
import org.dmasim.engine.dma.SgMapping;
import org.dmasim.engine.machine.Device;
import org.dmasim.engine.machine.Direction;
import org.dmasim.engine.machine.Machine;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.PageBuffer;

/**
 * The dma-buf layer, drivers/dma-buf/dma-buf.c: export, the fd table,
 * reference counts, attachments, map/unmap through the exporter, CPU access brackets and the
 * SYNC ioctl, vmap and mmap. The exporter's behaviour is an {@link Exporter}; device memory,
 * CPU accesses and DRM PRIME are the services {@link #deviceMemory()}, {@link #cpu()} and
 * {@link #prime()}. Methods carry the kernel's names; pointer-or-ERR_PTR results are {@link Ret}.
 */
public final class DmaBufLayer {
    /** system_heap.c's orders 8, 4, 0. */
    private static final long[] HEAP_CHUNKS = {1L << 20, 64L << 10, 4L << 10};

    private final Machine m;
    private final DirectAlloc alloc;
    private final Runnable onStart;
    private final TreeMap<Integer, DmaBuf> fds = new TreeMap<>();
    private final Map<Object, DmaBuf> exports = new IdentityHashMap<>();
    private final CpuAccess cpu;
    private final DeviceMemory deviceMemory;
    private final DrmPrime prime;
    private final MapHelpers helpers;
    private final CpuAccessBrackets brackets;
    private final PageAttributes pageAttributes;
    private final DmaBufMmap mmaps;
    private final ImplicitSync implicitSync;
    private final ResvLocks resvLocks = new ResvLocks(this);
    private final Pins pins = new Pins(this);
    private final ShmemPagesSgt shmemSgt;
    private int nextFd = 3;

    public DmaBufLayer(Machine machine, SgMapping sg, MemoryAccess access, Runnable onStart) {
        this.m = machine;
        this.alloc = new DirectAlloc(machine);
        this.onStart = onStart;
        this.cpu = new CpuAccess(this, machine, access);
        this.deviceMemory = new DeviceMemory(this, machine, access);
        this.prime = new DrmPrime(this);
        this.helpers = new MapHelpers(this, sg);
        this.brackets = new CpuAccessBrackets(this);
        this.pageAttributes = new PageAttributes(machine, cpu);
        this.mmaps = new DmaBufMmap(this);
        this.implicitSync = new ImplicitSync(this);
        this.shmemSgt = new ShmemPagesSgt(sg);
    }

    public Machine machine() {
        return m;
    }

    /** set_memory_wc and friends, remap_pfn_range / vmf_insert_pfn user mappings, vmap with a pgprot. */
    public PageAttributes pageAttributes() {
        return pageAttributes;
    }

    public CpuAccess cpu() {
        return cpu;
    }

    public DeviceMemory deviceMemory() {
        return deviceMemory;
    }

    public DrmPrime prime() {
        return prime;
    }

    /** Each dma-buf's reservation object, the implicit waits, and the sync-file ioctls. */
    /** The reservation objects' locks: dma_resv_lock/unlock/reserve_fences/add_fence, ww_acquire_ctx. */
    public ResvLocks resvLocks() {
        return resvLocks;
    }

    /** drm_gem_shmem_get_pages_sgt: the exporting driver's own one-time mapping. */
    public ShmemPagesSgt shmemSgt() {
        return shmemSgt;
    }

    /** dma_buf_pin/unpin and TTM eviction. */
    public Pins pins() {
        return pins;
    }

    public ImplicitSync implicitSync() {
        return implicitSync;
    }

    void started() {
        onStart.run();
    }

    // ---- heaps and export

    /** {@code DMA_HEAP_IOCTL_ALLOC} on the system heap; null when the pages run out. */
    public DmaBuf dmaHeapAlloc(long size, Site site) {
        HeapBuffer pages = allocSystem(size, "zeroed by dma_heap_alloc at " + site);
        if (pages == null) {
            return null;
        }
        DmaBuf b = new DmaBuf(new SystemHeapExporter(), null, pages, null);
        exports.put(pages, b);
        return b;
    }

    /**
     * {@code DMA_HEAP_IOCTL_ALLOC} on {@code /dev/dma_heap/NAME}: "system" (system_heap.c) or
     * "default_cma_region" (cma_heap.c; its legacy name "linux,cma" too); null when memory runs out.
     */
    public DmaBuf dmaHeapAlloc(long size, String heap, Site site) {
        if (heap.equals("system")) {
            return dmaHeapAlloc(size, site);
        }
        if (!heap.equals("default_cma_region") && !heap.equals("linux,cma")) {
            throw new ScriptFault("no dma-buf heap named \"" + heap + "\": the heaps are \"system\" and "
                    + "\"default_cma_region\" (legacy name \"linux,cma\")");
        }
        started();
        HeapBuffer pages = CmaHeap.allocate(m, size, "zeroed by the CMA heap (dma_heap_alloc) at " + site);
        if (pages == null) {
            return null;
        }
        DmaBuf b = new DmaBuf(new SystemHeapExporter("cma_heap"), null, pages, null);
        exports.put(pages, b);
        return b;
    }

    /** {@code UDMABUF_CREATE}: a dma-buf over pinned memfd pages, or -EINVAL. */
    public Ret<DmaBuf> udmabufCreate(org.dmasim.engine.memory.ShmemObject memfd, long offset, long size, Site site) {
        return Udmabuf.create(this, memfd, offset, size, site);
    }

    /** Zeroed pages in system_heap.c's chunk sizes, largest first; null (nothing kept) when they run out. */
    HeapBuffer allocSystem(long size, String witness) {
        if (size <= 0) {
            throw new ScriptFault("cannot allocate " + size + " bytes");
        }
        started();
        int page = m.profile().pageSize();
        if (m.allocator().pagesFor(size) > m.allocator().freePages()) {
            return null; // more than the machine has: the heap's allocation fails at once
        }
        long remaining = m.allocator().pagesFor(size) * page;
        List<PageBuffer> chunks = new ArrayList<>();
        // a limit that stops the loop half-way (the pulse throws) frees what it took; once the
        // buffer is whole it is the caller's
        boolean[] whole = {false};
        m.onFailure(() -> {
            if (!whole[0]) {
                chunks.forEach(alloc::freePages);
            }
        });
        while (remaining > 0) {
            long chunk = page;
            for (long c : HEAP_CHUNKS) {
                if (c <= remaining && c >= page) {
                    chunk = c;
                    break;
                }
            }
            m.pulse().beat();
            PageBuffer p = alloc.allocPages(chunk, Long.MAX_VALUE, witness);
            if (p == null) {
                chunks.forEach(alloc::freePages);
                return null;
            }
            chunks.add(p);
            remaining -= chunk;
        }
        whole[0] = true;
        return new HeapBuffer(chunks, size);
    }

    /**
     * {@code dma_buf_export}: {@code dev}'s driver exports {@code backing} (a GEM object's buffer,
     * VRAM, or the pages of a coherent allocation). Exporting one object twice gives its dma-buf
     * again with one more reference, as DRM's {@code obj->dma_buf} cache does.
     */
    public DmaBuf dmaBufExport(Device dev, CpuView backing, CoherentAllocation coherent, Site site) {
        started();
        Object key = coherent != null ? coherent : backing;
        DmaBuf existing = exports.get(key);
        if (existing != null && !existing.released()) {
            existing.get();
            return existing;
        }
        if (backing instanceof VramBuffer v && v.device() != dev) {
            throw new ScriptFault(backing.label() + " is " + v.device() + "'s VRAM; only " + v.device()
                    + "'s driver can export it");
        }
        DmaBuf b = new DmaBuf(exporterFor(dev, backing, coherent), dev, backing, coherent);
        exports.put(key, b);
        return b;
    }

    private static Exporter exporterFor(Device dev, CpuView backing, CoherentAllocation coherent) {
        String driver = dev.config().driver();
        if (driver == null) {
            driver = backing instanceof VramBuffer ? "ttm" : coherent != null ? "cma"
                    : backing instanceof HeapBuffer ? "system_heap" : "shmem";
        }
        return switch (driver) {
            case "shmem" -> new ShmemExporter(dev.config().mapWc());
            case "cma" -> new CmaExporter(dev.dmaCoherent());
            case "system_heap" -> new SystemHeapExporter();
            case "ttm" -> new TtmExporter(!"fail".equals(dev.config().vramFallback()));
            default -> throw new ScriptFault(dev + " has driver '" + driver
                    + "', which exports nothing; use shmem, cma, system_heap or ttm");
        };
    }

    /** The live dma-buf exported from {@code backing} (a buffer or a coherent allocation), or null. */
    public DmaBuf exportOf(Object backing) {
        DmaBuf b = exports.get(backing);
        return b == null || b.released() ? null : b;
    }

    // ---- fds and references

    /** {@code dma_buf_fd}: installs the file in the fd table; the fd owns the export's reference. */
    public int dmaBufFd(DmaBuf b, Site site) {
        if (!alive(b, "dma_buf_fd", site)) {
            return Errno.EINVAL;
        }
        int fd = nextFd++;
        fds.put(fd, b);
        b.fds().add(fd);
        return fd;
    }

    /** {@code dma_buf_get(fd)}: one more reference; -EBADF for an fd that is not a dma-buf. */
    public Ret<DmaBuf> dmaBufGet(int fd, Site site) {
        DmaBuf b = fds.get(fd);
        if (b == null) {
            return Ret.err(Errno.EBADF);
        }
        if (!alive(b, "dma_buf_get(" + fd + ")", site)) {
            return Ret.err(Errno.EBADF);
        }
        b.get();
        return Ret.ok(b);
    }

    /**
     * {@code close(fd)}: the fd leaves the table and its file reference is dropped (the last one
     * releases the dma-buf). Later calls on that number find no file: fs/file.c fdget() fails, so
     * mmap, dma_buf_get and the ioctls return -EBADF (igt prime_mmap's test_errors asserts it).
     */
    public int close(int fd, Site site) {
        DmaBuf b = fds.remove(fd);
        if (b == null) {
            return Errno.EBADF;
        }
        b.fds().remove(Integer.valueOf(fd));
        dmaBufPut(b, site);
        return 0;
    }

    /** The dma-buf behind an fd, or null. */
    public DmaBuf file(int fd) {
        return fds.get(fd);
    }

    /** {@code dma_buf_put}: the last reference releases it (dma_buf_release's checks). */
    public void dmaBufPut(DmaBuf b, Site site) {
        if (!alive(b, "dma_buf_put", site)) {
            return;
        }
        if (b.put()) {
            release(b, site);
        }
    }

    private void release(DmaBuf b, Site site) {
        if (b.vmapCount() > 0) {
            report(ReportCode.DMABUF_EINVAL, "kernel BUG at dma_buf_release: " + b + " is released while vmapped "
                    + "(BUG_ON(dmabuf->vmapping_counter), counter " + b.vmapCount() + ")", site,
                    "dma_buf_vunmap() every dma_buf_vmap() before the last dma_buf_put()");
        }
        if (!b.attachments().isEmpty()) {
            report(ReportCode.DMABUF_EINVAL, "dma_buf_release: " + b + " is released while attached to "
                    + String.join(", ", b.attachments().stream().map(a -> a.device().name()).toList())
                    + " (WARN_ON(!list_empty(&dmabuf->attachments)))", site,
                    "dma_buf_detach() every attachment before the last dma_buf_put()");
        }
        b.release();
        if (b.exporter() instanceof SystemHeapExporter && b.backing() instanceof HeapBuffer h) {
            h.chunks().forEach(alloc::freePages);
        }
        if (b.exporter() instanceof UdmabufExporter) {
            Udmabuf.release(b);
        }
    }

    /**
     * A GEM object's free ({@code fn}) while its export lives: the dma-buf holds a reference to the
     * object (drm_prime.c drm_gem_prime_export() takes one with drm_gem_object_get), so the kernel
     * frees it only after the last dma_buf_put; a driver freeing it earlier dropped a reference it
     * did not own, and the importers reach freed memory. Reported; the free goes on.
     */
    public void gemFree(Object backing, String fn, Site site) {
        DmaBuf b = exportOf(backing);
        if (b != null) {
            report(ReportCode.USE_AFTER_FREE, fn + " while " + b + " still holds a reference to the object "
                    + "(drm_gem_prime_export took it): its importers and mappings now reach freed memory", site,
                    "drop the export first (dma_buf_put, close its fd): the object is freed with its last reference");
        }
    }

    /** False, with a USE_AFTER_FREE, when {@code b} is released. */
    boolean alive(DmaBuf b, String what, Site site) {
        if (b.released()) {
            report(ReportCode.USE_AFTER_FREE, what + " of " + b + " after its last reference was dropped", site,
                    "keep a reference (dma_buf_get) for as long as the dma-buf is used; dma_buf_put it once");
            return false;
        }
        return true;
    }

    // ---- attachments

    /**
     * {@code dma_buf_attach} ({@code dynamic} false) or {@code dma_buf_dynamic_attach} with importer
     * ops whose {@code allow_peer2peer} is {@code peer2peer}; the exporter's attach may refuse.
     */
    public Ret<Attachment> dmaBufAttach(DmaBuf b, Device dev, boolean dynamic, boolean peer2peer, Site site) {
        return dmaBufAttach(b, dev, dynamic, peer2peer, true, site);
    }

    /** The same, with importer ops that may lack {@code move_notify} (a dynamic importer must have it). */
    public Ret<Attachment> dmaBufAttach(DmaBuf b, Device dev, boolean dynamic, boolean peer2peer,
            boolean moveNotify, Site site) {
        if (!alive(b, dynamic ? "dma_buf_dynamic_attach" : "dma_buf_attach", site)) {
            return Ret.err(Errno.EINVAL);
        }
        if (dynamic && !moveNotify) {
            report(ReportCode.DMABUF_EINVAL, "dma_buf_dynamic_attach of " + b + " to " + dev + " with importer ops "
                    + "that have no move_notify: WARN_ON(importer_ops && !importer_ops->move_notify), -EINVAL", site,
                    "a dynamic importer must implement move_notify (unmap and remap when the exporter moves the "
                            + "buffer); otherwise attach statically with dma_buf_attach");
            return Ret.err(Errno.EINVAL);
        }
        Attachment a = new Attachment(b, dev, dynamic, peer2peer);
        int rc = b.exporter().attach(this, a, site);
        if (rc != 0) {
            return Ret.err(rc);
        }
        // dma-buf.c dma_buf_dynamic_attach(): dma_resv_lock(dmabuf->resv, NULL); list_add(...)
        resvLocks.takenInside(b, dynamic ? "dma_buf_dynamic_attach" : "dma_buf_attach", false, site);
        b.attachments().add(a);
        return Ret.ok(a);
    }

    /**
     * {@code dma_buf_map_attachment}: the exporter maps the buffer for the importer; a static
     * importer then waits for the kernel fences ({@link ImplicitSync#mapAttachmentFences}, the caller's).
     */
    public Ret<SgTable> dmaBufMapAttachment(Attachment a, Direction dir, Site site) {
        if (a.detached()) {
            report(ReportCode.USE_AFTER_FREE, "dma_buf_map_attachment of " + a + " after dma_buf_detach", site,
                    "map only attachments that are still attached");
            return Ret.err(Errno.EINVAL);
        }
        if (!alive(a.dmabuf(), "dma_buf_map_attachment", site)) {
            return Ret.err(Errno.EINVAL);
        }
        if (!dir.isValid()) {
            report(ReportCode.DMABUF_EINVAL, "dma_buf_map_attachment of " + a + " with " + dir
                    + ": WARN_ON(dir == DMA_NONE), -EINVAL", site,
                    "map with DMA_TO_DEVICE, DMA_FROM_DEVICE or DMA_BIDIRECTIONAL");
            return Ret.err(Errno.EINVAL);
        }
        cpu.drain("dma_buf_map_attachment at " + site);
        return a.dmabuf().exporter().map(this, a, dir, site);
    }

    /** {@code dma_buf_unmap_attachment}. */
    public void dmaBufUnmapAttachment(Attachment a, SgTable sgt, Direction dir, Site site) {
        if (sgt.attachment() != a) {
            report(ReportCode.DMABUF_EINVAL, "dma_buf_unmap_attachment of " + sgt + ", which " + a
                    + " did not map (it belongs to " + sgt.attachment() + ")", site,
                    "unmap an sg table with the attachment that mapped it");
            return;
        }
        if (sgt.released()) {
            report(ReportCode.USE_AFTER_FREE, "dma_buf_unmap_attachment of " + sgt + ", which is already unmapped",
                    site, "unmap each mapping once");
            return;
        }
        if (!dir.isValid()) {
            throw new ScriptFault("kernel BUG: dma_buf_unmap_attachment with invalid direction " + dir);
        }
        cpu.drain("dma_buf_unmap_attachment at " + site);
        a.dmabuf().exporter().unmap(this, sgt, dir, site);
    }

    /** {@code dma_buf_detach}; mappings left behind stay mapped (and leak). */
    public void dmaBufDetach(DmaBuf b, Attachment a, Site site) {
        if (a.detached()) {
            report(ReportCode.USE_AFTER_FREE, "dma_buf_detach of " + a + ", which is already detached", site,
                    "detach each attachment once");
            return;
        }
        if (a.dmabuf() != b) {
            report(ReportCode.DMABUF_EINVAL, "dma_buf_detach(" + b + ", " + a + "): the attachment belongs to "
                    + a.dmabuf() + " (WARN_ON(dmabuf != attach->dmabuf)), nothing detached", site,
                    "pass the dma-buf the attachment was made on");
            return;
        }
        // dma-buf.c dma_buf_detach(): dma_resv_lock(dmabuf->resv, NULL); list_del(...)
        resvLocks.takenInside(b, "dma_buf_detach", false, site);
        a.detach();
        b.attachments().remove(a);
    }

    // ---- the exporters' helpers

    MapHelpers helpers() {
        return helpers;
    }

    // ---- CPU access

    /**
     * {@code dma_buf_begin_cpu_access}: the exporter's hook. The fence wait that follows it is the
     * caller's ({@link ImplicitSync#beginCpuAccessFences}).
     */
    public int dmaBufBeginCpuAccess(DmaBuf b, Direction dir, Site site) {
        // might_lock(&dmabuf->resv->lock.base) (a user-space DMA_BUF_IOCTL_SYNC holds no kernel lock)
        if (!b.released()) {
            resvLocks.takenInside(b, "dma_buf_begin_cpu_access", true, site);
        }
        return brackets.begin(b, dir, site);
    }

    /** {@code dma_buf_end_cpu_access}: the exporter's hook (flushes for the device where it has one). */
    public int dmaBufEndCpuAccess(DmaBuf b, Direction dir, Site site) {
        if (!b.released()) {
            resvLocks.takenInside(b, "dma_buf_end_cpu_access", true, site);
        }
        return brackets.end(b, dir, site);
    }

    /**
     * {@code DMA_BUF_IOCTL_SYNC} (dma-buf.c dma_buf_ioctl): flags with a bit outside
     * {@code DMA_BUF_SYNC_VALID_FLAGS_MASK} (7) or without READ/WRITE are -EINVAL; READ is
     * DMA_FROM_DEVICE, WRITE DMA_TO_DEVICE, RW DMA_BIDIRECTIONAL; END ends, anything else begins
     * (and then waits: {@link ImplicitSync#syncIoctlFences}, the caller's).
     */
    public int dmaBufSync(int fd, long flags, Site site) {
        return brackets.sync(fd, flags, site);
    }

    // ---- vmap and mmap

    /** {@code dma_buf_vmap}: refcounted; a second vmap returns the same map. */
    public Ret<IosysMap> dmaBufVmap(DmaBuf b, Site site) {
        return mmaps.vmap(b, site);
    }

    /** {@code dma_buf_vunmap}: the kernel BUGs on a counter at 0 or a map that is not the stored one. */
    public void dmaBufVunmap(DmaBuf b, IosysMap map, Site site) {
        mmaps.vunmap(b, map, site);
    }

    /**
     * {@code mmap(fd)}: dma_buf_mmap_internal with the exporter's memory type; -EINVAL past the
     * end of the buffer. The mapping holds a file reference until munmap.
     */
    public Ret<UserMapping> mmap(int fd, long offset, long length, Site site) {
        return mmaps.mmap(fd, offset, length, site);
    }

    /** {@code dma_buf_mmap} (also what an importer's mmap forwards to). */
    Ret<UserMapping> dmaBufMmap(DmaBuf b, long offset, long length, String via, Site site) {
        return mmaps.dmaBufMmap(b, offset, length, via, site);
    }

    /** {@code munmap}: the mapping goes; a dma-buf mapping drops its file reference. */
    public void munmap(UserMapping u, Site site) {
        mmaps.munmap(u, site);
    }

    void report(ReportCode code, String message, Site site, String help) {
        m.log().add(code, message, site, help, List.of());
    }

    /** A report with its own severity or notes. */
    void report(org.dmasim.engine.check.Report r) {
        m.log().add(r);
    }
}
