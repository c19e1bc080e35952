package org.dmasim.engine.dmabuf;

import java.util.List;
import org.dmasim.engine.ScriptFault;
import org.dmasim.engine.Site;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.machine.Machine;
import org.dmasim.engine.machine.Maintenance;
import org.dmasim.engine.memory.AliasView;
import org.dmasim.engine.memory.Buffer;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.MemoryType;
import org.dmasim.engine.memory.VmallocBuffer;

/**
 * The memory type of CPU mappings of RAM: x86's {@code set_memory_wc()} family, user mappings
 * made with {@code remap_pfn_range()} or {@code vmf_insert_pfn()}, and {@code vmap()} with a pgprot.
 * Under x86 PAT a user mapping of RAM gets the page's tracked type whatever it asked for; a vmap
 * does not go through PAT and is a real second mapping with its own type.
 */
public final class PageAttributes {
    private final Machine m;
    private final CpuAccess cpu;

    PageAttributes(Machine machine, CpuAccess cpu) {
        this.m = machine;
        this.cpu = cpu;
    }

    /** Whether the arch tracks page memory types (x86 PAT: the same profiles where an alias is an error). */
    private boolean pat() {
        return m.profile().attrAliasIsError();
    }

    /**
     * {@code set_memory_wc/uc/wb(addr, numpages)} and {@code set_pages_array_wc(pages, n)} on the pages
     * of {@code buf} (arch/x86/mm/pat/set_memory.c): memtype_reserve records the type for the RAM
     * pages, the linear map changes with it, and change_page_attr flushes the range from the caches
     * (cpa_flush with clflush) so no line of the old type survives.
     */
    public void setMemoryType(CpuView buf, MemoryType type, String fn, Site site) {
        if (!pat()) {
            throw new ScriptFault(fn + " is x86's (arch/x86/mm/pat/set_memory.c); " + m.profile().name()
                    + " changes memory types through the DMA API's remaps (dma_alloc_* with DMA_ATTR_WRITE_COMBINE)");
        }
        linearBuffer(buf, fn);
        for (long off = 0; off < buf.size(); ) {
            m.pulse().beat();
            long n = Math.min(buf.contiguousFrom(off), buf.size() - off);
            cpu.drain("the cache flush of " + fn + " at " + site);
            m.cache().maintain(Maintenance.CLEAN_INVALIDATE, buf.phys(off), n, site.toString());
            m.pat().set(buf.phys(off), n, type);
            off += n;
        }
        cpu.forgetAliases(buf);
    }

    /**
     * A user mapping of {@code buf}'s pages asking for {@code want}. Under x86 PAT a RAM page is
     * mapped with its tracked type: {@code remap_pfn_range} (track_pfn_remap -> reserve_pfn_range)
     * says so with "x86/PAT: ... map pfn RAM range req write-combining ..., got write-back";
     * {@code vmf_insert_pfn} (track_pfn_insert) overrides silently. Elsewhere the request holds.
     */
    public CpuView userMapping(CpuView buf, MemoryType want, boolean remap, Site site) {
        String fn = remap ? "remap_pfn_range" : "vmf_insert_pfn";
        linearBuffer(buf, fn);
        MemoryType got = want;
        if (pat()) {
            for (long off = 0; off < buf.size(); ) {
                m.pulse().beat();
                long n = Math.min(buf.contiguousFrom(off), buf.size() - off);
                MemoryType tracked = m.pat().typeOf(buf.phys(off), n);
                // reserve_pfn_range asserts the type of the first page of the range
                tracked = tracked != null ? tracked : m.pat().typeOf(buf.phys(off));
                if (tracked != want && remap) {
                    m.log().add(ReportCode.PAT_TYPE_OVERRIDDEN, String.format(
                            "x86/PAT: dmasim:1 map pfn RAM range req %s for [mem %#010x-%#010x], got %s",
                            cattrName(want), buf.phys(off), buf.phys(off) + n - 1, cattrName(tracked)), site,
                            "call set_memory_" + suffix(want) + "() (or set_pages_array_" + suffix(want) + "()) on the "
                                    + "pages first, as drm_gem_shmem does for map_wc, so the page's type is what the "
                                    + "mapping asks for", List.of());
                }
                got = tracked;
                off += n;
            }
        }
        return new AliasView(buf, got, fn);
    }

    /** {@code vmap(pages, count, VM_MAP, prot)}: a kernel mapping with {@code type}, whatever the pages' tracked type. */
    public CpuView vmap(CpuView buf, MemoryType type, Site site) {
        linearBuffer(buf, "vmap");
        return new AliasView(buf, type, "vmap");
    }

    private static void linearBuffer(CpuView buf, String fn) {
        if (!(buf instanceof Buffer) || buf instanceof VmallocBuffer) {
            throw new ScriptFault(fn + " takes RAM pages (alloc_pages, kmalloc, shmem), not " + buf.label());
        }
    }

    /** cattr_name() of arch/x86/mm/pat/memtype.c. */
    static String cattrName(MemoryType t) {
        return switch (t) {
            case CACHED -> "write-back";
            case WRITE_COMBINE -> "write-combining";
            case UNCACHED -> "uncached-minus";
            case IOMEM -> "uncached";
        };
    }

    private static String suffix(MemoryType t) {
        return switch (t) {
            case CACHED -> "wb";
            case WRITE_COMBINE -> "wc";
            case UNCACHED, IOMEM -> "uc";
        };
    }
}
