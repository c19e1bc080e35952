package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.INT;
import static org.dmasim.interpreter.builtins.ParamType.VIEW;

import java.util.List;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.memory.MemoryType;
import org.dmasim.interpreter.eval.Value;

/**
 * The memory type of CPU mappings of RAM: x86's set_memory_wc() family (arch/x86/mm/pat/set_memory.c),
 * user mappings by remap_pfn_range() / vmf_insert_pfn() (mm/memory.c, PAT's track_pfn_remap and
 * track_pfn_insert), vmap() with a pgprot (mm/vmalloc.c). A pgprot is PAGE_KERNEL (write-back),
 * pgprot_writecombine(p) or pgprot_noncached(p).
 */
final class PatBuiltins {
    static final long WB = 0;
    static final long WC = 1;
    static final long UC = 2;

    private PatBuiltins() {
    }

    static List<Builtin> all() {
        return List.of(
                setMemory("set_memory_wc", MemoryType.WRITE_COMBINE, "write-combined"),
                setMemory("set_memory_uc", MemoryType.UNCACHED, "uncached"),
                setMemory("set_memory_wb", MemoryType.CACHED, "write-back again"),
                setMemory("set_pages_array_wc", MemoryType.WRITE_COMBINE,
                        "write-combined (the pages-array form drm_gem_shmem uses for map_wc)"),
                new Builtin("remap_pfn_range", "CPU mappings",
                        List.of(buf(), prot()), "a user mapping (a CPU view) of the pages",
                        "maps the pages to user space asking for prot; under x86 PAT a RAM page gets its tracked "
                                + "type instead, with the kernel's \"map pfn RAM range req ... got ...\" warning "
                                + "(PAT_TYPE_OVERRIDDEN)",
                        (ctx, args) -> new Value.View(ctx.kernel().dmaBuf().pageAttributes()
                                .userMapping(whole(args), type(args), true, ctx.site()))),
                new Builtin("vmf_insert_pfn", "CPU mappings",
                        List.of(buf(), prot()), "a user mapping (a CPU view) of the pages",
                        "maps the pages to user space from a fault handler asking for prot; under x86 PAT a RAM "
                                + "page silently gets its tracked type (track_pfn_insert)",
                        (ctx, args) -> new Value.View(ctx.kernel().dmaBuf().pageAttributes()
                                .userMapping(whole(args), type(args), false, ctx.site()))),
                new Builtin("vmap", "CPU mappings",
                        List.of(buf(), prot()), "a kernel mapping (a CPU view) of the pages",
                        "vmap(pages, count, VM_MAP, prot): a second kernel mapping with prot's type, which PAT "
                                + "does not check; beside the cacheable linear map it is a real alias "
                                + "(ATTR_ALIAS_CONFLICT)",
                        (ctx, args) -> new Value.View(ctx.kernel().dmaBuf().pageAttributes()
                                .vmap(whole(args), type(args), ctx.site()))),
                new Builtin("pgprot_writecombine", "CPU mappings",
                        List.of(Param.required("prot", INT, "a pgprot (PAGE_KERNEL)")), "the write-combined pgprot",
                        "prot with the write-combining cache mode", (ctx, args) -> {
                            type(args);
                            return new Value.Int(WC);
                        }).asPure(),
                new Builtin("pgprot_noncached", "CPU mappings",
                        List.of(Param.required("prot", INT, "a pgprot (PAGE_KERNEL)")), "the uncached pgprot",
                        "prot with the uncached cache mode (UC- on x86)", (ctx, args) -> {
                            type(args);
                            return new Value.Int(UC);
                        }).asPure());
    }

    private static Builtin setMemory(String name, MemoryType type, String what) {
        return new Builtin(name, "CPU mappings", List.of(buf()), "nothing",
                "x86: makes the pages " + what + ": PAT tracks the type, the kernel linear map changes with it, "
                        + "and the range is flushed from the caches",
                (ctx, args) -> {
                    ctx.kernel().dmaBuf().pageAttributes().setMemoryType(whole(args), type, name, ctx.site());
                    return Value.Null.NULL;
                });
    }

    private static Param buf() {
        return Param.required("buf", VIEW, "RAM pages: a buffer from alloc_pages, kmalloc or shmem");
    }

    private static Param prot() {
        return Param.withDefault("prot", INT, new Value.Int(WB), "PAGE_KERNEL",
                "PAGE_KERNEL, pgprot_writecombine(PAGE_KERNEL) or pgprot_noncached(PAGE_KERNEL)");
    }

    private static CpuView whole(Arguments args) {
        ViewRange r = args.view("buf");
        if (r.offset() != 0 || r.length() != r.view().size()) {
            throw args.wrongType("buf", "a whole buffer (pages are mapped whole), not a slice");
        }
        return r.view();
    }

    private static MemoryType type(Arguments args) {
        long prot = args.integer("prot");
        if (prot == WB) {
            return MemoryType.CACHED;
        }
        if (prot == WC) {
            return MemoryType.WRITE_COMBINE;
        }
        if (prot == UC) {
            return MemoryType.UNCACHED;
        }
        throw args.wrongType("prot", "a pgprot: PAGE_KERNEL, pgprot_writecombine(PAGE_KERNEL) or "
                + "pgprot_noncached(PAGE_KERNEL)");
    }
}
