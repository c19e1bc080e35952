package org.dmasim.engine.dmabuf;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.Site;
import org.dmasim.engine.Units;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.check.Severity;
import org.dmasim.engine.dma.MemoryAccess;
import org.dmasim.engine.machine.Machine;
import org.dmasim.engine.machine.Maintenance;
import org.dmasim.engine.memory.AliasView;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.MemoryType;
import org.dmasim.engine.memory.WriteCombineBuffer;

/**
 * Every CPU load and store goes through here before {@link MemoryAccess}: write-combined stores
 * are posted ({@link WriteCombineBuffer}); plain accesses to I/O memory are reported
 * (IOMEM_PLAIN_ACCESS, and on sparc64 a store traps and does not happen); dma-buf mappings
 * touched outside START/END are reported (DMABUF_CPU_ACCESS_UNBRACKETED); a buffer touched through
 * a cacheable and a non-cacheable mapping is reported (ATTR_ALIAS_CONFLICT). Also the I/O
 * accessors, {@code iosys_map_*}, {@code wmb()} and {@code clflush()}.
 */
public final class CpuAccess {
    /** Which mappings of one buffer the CPU has used, by cacheability. */
    private static final class Aliases {
        CpuView cacheable;
        CpuView uncached;
        boolean reported;
    }

    private final DmaBufLayer layer;
    private final Machine m;
    private final MemoryAccess access;
    private final WriteCombineBuffer wc;
    private final Map<CpuView, Aliases> aliases = new IdentityHashMap<>();

    CpuAccess(DmaBufLayer layer, Machine machine, MemoryAccess access) {
        this.layer = layer;
        this.m = machine;
        this.access = access;
        this.wc = machine.writeCombining();
    }

    /** A plain CPU load ({@code cpu reads view[...]}). */
    public ReadResult cpuRead(CpuView view, long offset, long length, boolean judged, Site site) {
        checks(view, offset, length, false, site);
        drain("a CPU read", site);
        plainIomem(view, offset, false, site);
        return access.cpuRead(view, offset, length, judged, site);
    }

    /** A plain CPU store ({@code cpu writes view[...] = v}). */
    public void cpuWrite(CpuView view, long offset, long length, byte[] pattern, Site site) {
        checks(view, offset, length, true, site);
        if (m.memoryType(view) == MemoryType.WRITE_COMBINE) {
            post(view, offset, length, pattern, site);
            return;
        }
        drain("a CPU store", site);
        if (!plainIomem(view, offset, true, site)) {
            return;
        }
        access.cpuWrite(view, offset, length, pattern, site);
    }

    /** {@code memcpy_toio} / {@code iowrite32}: an uncached, ordered store (it drains posted stores). */
    public void memcpyToio(CpuView view, long offset, long length, byte[] pattern, Site site) {
        drain("an I/O store", site);
        checks(view, offset, length, true, site);
        access.cpuWrite(view, offset, length, pattern, site);
    }

    /** {@code memcpy_fromio} / {@code ioread32}. */
    public ReadResult memcpyFromio(CpuView view, long offset, long length, Site site) {
        m.budget().requireRead(length);
        checks(view, offset, length, false, site);
        drain("an I/O load", site);
        return access.cpuRead(view, offset, length, false, site);
    }

    /** {@code iosys_map_memcpy_to}: memcpy_toio when {@code is_iomem}, else memcpy. */
    public void iosysMapMemcpyTo(CpuView map, long offset, long length, byte[] pattern, Site site) {
        if (map.memoryType() == MemoryType.IOMEM) {
            memcpyToio(map, offset, length, pattern, site);
        } else {
            cpuWrite(map, offset, length, pattern, site);
        }
    }

    /** {@code iosys_map_rd} / {@code iosys_map_memcpy_from}: the I/O load when {@code is_iomem}. */
    public ReadResult iosysMapRd(CpuView map, long offset, long length, Site site) {
        return map.memoryType() == MemoryType.IOMEM ? memcpyFromio(map, offset, length, site)
                : cpuRead(map, offset, length, false, site);
    }

    /** {@code wmb()}: drains the write-combining buffer. */
    public void wmb(Site site) {
        drain("wmb()", site);
    }

    /** {@code clflush} over a range (x86): write back and invalidate each line. */
    public void clflush(CpuView view, long offset, long length, Site site) {
        if (!m.profile().name().startsWith("x86")) {
            throw new ScriptFault("clflush is an x86 instruction; on " + m.profile().name()
                    + " cache maintenance comes from the DMA API (dma_sync_*)");
        }
        drain("clflush", site);
        for (long off = offset; off < offset + length; ) {
            m.pulse().beat();
            long n = Math.min(view.contiguousFrom(off), offset + length - off);
            m.cache().maintain(Maintenance.CLEAN_INVALIDATE, view.phys(off), n, site.toString());
            off += n;
        }
    }

    /** Drains posted write-combined stores to DRAM; {@code why} is for the witness. */
    public void drain(String why) {
        if (!wc.isEmpty()) {
            wc.drain(m.cache(), why);
        }
    }

    /** {@link #drain(String)} before {@code what} at {@code site}: the reason formatted only when a store drains. */
    public void drain(String what, Site site) {
        if (!wc.isEmpty()) {
            wc.drain(m.cache(), what + " at " + site);
        }
    }

    /** Whether write-combined stores to {@code [phys, phys+length)} are still posted. */
    public boolean posted(long phys, long length) {
        return !wc.isEmpty() && wc.overlaps(phys, length);
    }

    private void post(CpuView view, long offset, long length, byte[] pattern, Site site) {
        if (offset < 0 || length <= 0 || length > view.size() - offset) {
            throw new ScriptFault(Units.range(offset, length) + " is outside " + view.label() + " ("
                    + view.size() + " bytes)");
        }
        for (long off = offset; off < offset + length; ) {
            m.pulse().beat();
            long n = Math.min(view.contiguousFrom(off), offset + length - off);
            m.shadow().requireBacking(view.phys(off), n);
            off += n;
        }
        access.cpuChecks(view, offset, length, true, site);
        for (long off = offset; off < offset + length; ) {
            m.pulse().beat();
            long n = Math.min(view.contiguousFrom(off), offset + length - off);
            wc.post(view.phys(off), n, pattern, off - offset, "write-combined store at " + site, site.toString());
            m.shadow().write(view.phys(off), n, pattern, off - offset, "write-combined store at " + site);
            off += n;
        }
    }

    /** False when the access does not happen: a store that traps (sparc64). */
    private boolean plainIomem(CpuView view, long offset, boolean write, Site site) {
        if (view.memoryType() != MemoryType.IOMEM) {
            return true;
        }
        boolean traps = m.profile().iomemPlainAccessTraps();
        String what = view instanceof IosysMap map && map.dmabuf() != null ? view.label() + " (is_iomem)"
                : view.label();
        m.log().add(ReportCode.IOMEM_PLAIN_ACCESS, traps ? Severity.ERROR : Severity.WARNING,
                "a plain CPU " + (write ? "store to " : "load from ") + what + ", I/O memory at phys "
                        + Units.hex(view.phys(offset)) + (traps ? ": on " + m.profile().name()
                        + " I/O memory takes dedicated instructions, this access traps" + (write ? " and the store "
                        + "does not happen" : "") : ""), site,
                "use the I/O accessors: memcpy_toio()/memcpy_fromio(), ioread32()/iowrite32(), or "
                        + "iosys_map_memcpy_to()/iosys_map_rd(), which choose by map.is_iomem", List.of());
        return !(traps && write);
    }

    private void checks(CpuView view, long offset, long length, boolean write, Site site) {
        String verb = write ? "writes " : "reads ";
        if (view instanceof DmaBufView d) {
            DmaBuf b = d.dmabuf();
            if (d.unmapped()) {
                m.log().add(ReportCode.USE_AFTER_FREE, "the CPU " + verb + d + " after it was unmapped", site,
                        "access a mapping only between mmap/vmap and munmap/vunmap", List.of());
            } else if (b != null && b.released()) {
                m.log().add(ReportCode.USE_AFTER_FREE, "the CPU " + verb + d + " after " + b + " was released",
                        site, "keep a reference to the dma-buf while its mappings are used", List.of());
            } else if (d.backing() instanceof Buffer gone && gone.freed()) {
                // a GEM object's own mapping (drm_gem_mmap, drm_gem_vmap) of an object that was freed
                m.log().add(ReportCode.USE_AFTER_FREE, "the CPU " + verb + d + " after " + gone.label()
                        + " was freed", site, "unmap the object's mappings before its last reference goes", List.of());
            }
            if (b != null && !b.cpuAccessOpen() && d.warnOnce(b.cpuAccessEpoch())) {
                boolean user = d instanceof UserMapping;
                String fd = b.fds().isEmpty() ? "fd" : Integer.toString(b.fds().get(0));
                String dir = write ? "WRITE" : "READ";
                m.log().add(ReportCode.DMABUF_CPU_ACCESS_UNBRACKETED, "the CPU " + verb + d
                        + (user ? " (through " + ((UserMapping) d).via() + ") outside DMA_BUF_IOCTL_SYNC START/END"
                                : " outside dma_buf_begin_cpu_access/dma_buf_end_cpu_access")
                        + ": the " + b.exporter().name() + " exporter is not asked to make it coherent", site,
                        user ? "bracket it: dma_buf_sync(" + fd + ", DMA_BUF_SYNC_START | DMA_BUF_SYNC_" + dir
                                + ") before, dma_buf_sync(" + fd + ", DMA_BUF_SYNC_END | DMA_BUF_SYNC_" + dir
                                + ") after"
                                : "bracket it with dma_buf_begin_cpu_access(" + b + ", dir) and "
                                        + "dma_buf_end_cpu_access(" + b + ", dir)", List.of());
            }
            noteAlias(d.backing(), d, b, site);
        } else if (view instanceof AliasView a) {
            noteAlias(a.backing(), view, layer.exportOf(a.backing()), site);
        } else {
            DmaBuf b = layer.exportOf(view);
            if (b != null || aliases.containsKey(view)) {
                noteAlias(view, view, b, site);
            }
        }
    }

    /** ATTR_ALIAS_CONFLICT: one buffer used through a cacheable and a non-cacheable mapping at once. */
    private void noteAlias(CpuView backing, CpuView view, DmaBuf b, Site site) {
        MemoryType type = m.memoryType(view);
        if (type == MemoryType.IOMEM) {
            return;
        }
        // x86 drm_gem_shmem: set_pages_array_wc() makes the linear map WC too, so no alias remains
        if (view == backing && m.profile().attrAliasIsError() && b != null
                && b.exporter() instanceof ShmemExporter s && s.mapWc()) {
            return;
        }
        Aliases a = aliases.computeIfAbsent(backing, k -> new Aliases());
        if (type.cacheable()) {
            a.cacheable = view;
        } else {
            a.uncached = view;
        }
        if (a.reported || a.cacheable == null || a.uncached == null || gone(a.cacheable) || gone(a.uncached)) {
            return;
        }
        a.reported = true;
        boolean error = m.profile().attrAliasIsError();
        String kind = m.memoryType(a.uncached) == MemoryType.WRITE_COMBINE ? "write-combined" : "uncached";
        m.log().add(ReportCode.ATTR_ALIAS_CONFLICT, error ? Severity.ERROR : Severity.WARNING,
                backing.label() + " (phys " + Units.hex(backing.phys(0)) + ") is used through the cacheable "
                        + a.cacheable.label() + " and the " + kind + " " + a.uncached.label() + " at once: a dirty "
                        + "line of the first can be written back over the second's stores, and the first can read "
                        + "stale lines", site,
                error ? "x86 PAT forbids a cacheable and a WC/UC mapping of one page (drm_gem_shmem makes the "
                        + "linear map WC with set_pages_array_wc()); give every mapping one memory type"
                        : "give every CPU mapping of the buffer one memory type, or clean the cacheable alias "
                                + "(DMA_BUF_IOCTL_SYNC) between uses", List.of());
    }

    /** The mappings of {@code backing} seen so far are forgotten: its memory type changed (set_memory_*). */
    void forgetAliases(CpuView backing) {
        aliases.remove(backing);
    }

    private static boolean gone(CpuView v) {
        return v instanceof DmaBufView d && d.unmapped();
    }
}
