package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.ANY;
import static org.dmasim.interpreter.builtins.ParamType.INT;
import static org.dmasim.interpreter.builtins.ParamType.VIEW;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.dma.SgTable;
import org.dmasim.engine.memory.Gfp;
import org.dmasim.engine.memory.KmallocBuffer;
import org.dmasim.engine.memory.ShmemObject;
import org.dmasim.engine.memory.VmallocBuffer;
import org.dmasim.interpreter.eval.Value;
import org.dmasim.interpreter.eval.Values;

/** kmalloc, vmalloc, shmem objects and sg tables: docs/reference.md "pages" and "More builtins". */
final class MemoryBuiltins {
    private MemoryBuiltins() {
    }

    static List<Builtin> all() {
        return List.of(
                new Builtin("kmalloc", "pages",
                        List.of(Param.required("size", INT, "bytes"),
                                Param.withDefault("gfp", INT, new Value.Int(Gfp.GFP_KERNEL), "GFP_KERNEL",
                                        "zone flags: GFP_KERNEL, GFP_DMA32, GFP_DMA")),
                        "a buffer, or null",
                        "a small object packed into a shared slab page: neighbours may share its cache lines "
                                + "(ARCH_DMA_MINALIGN per arch)",
                        (ctx, args) -> orNull(ctx.kernel().kmalloc(args.integer("size"), args.integer("gfp"),
                                ctx.site()))),
                new Builtin("kfree", "pages", List.of(Param.required("buf", VIEW, "a buffer from kmalloc")),
                        "nothing", "gives a kmalloc object back to its slab",
                        (ctx, args) -> {
                            if (!(args.view("buf").view() instanceof KmallocBuffer b)) {
                                throw args.wrongType("buf", "a buffer from kmalloc");
                            }
                            ctx.kernel().kfree(b, ctx.site());
                            return Value.Null.NULL;
                        }),
                new Builtin("vmalloc", "pages", List.of(Param.required("size", INT, "bytes, rounded up to pages")),
                        "a buffer, or null",
                        "virtually contiguous memory built from scattered pages; dma_map_single refuses it",
                        (ctx, args) -> orNull(ctx.kernel().vmalloc(args.integer("size"), ctx.site()))),
                new Builtin("vfree", "pages", List.of(Param.required("buf", VIEW, "a buffer from vmalloc")),
                        "nothing", "gives the pages of a vmalloc area back",
                        (ctx, args) -> {
                            if (!(args.view("buf").view() instanceof VmallocBuffer b)) {
                                throw args.wrongType("buf", "a buffer from vmalloc");
                            }
                            ctx.kernel().vfree(b, ctx.site());
                            return Value.Null.NULL;
                        }),
                new Builtin("stack_buf", "pages", List.of(Param.required("size", INT, "bytes")),
                        "a buffer",
                        "a local array on the current task's kernel stack (16 KiB, THREAD_SIZE): vmalloc memory "
                                + "where the profile has vmap_stack (dma_map_single refuses it), else linear-map "
                                + "pages; any map of it is dma-debug's \"maps memory from stack\"",
                        (ctx, args) -> new Value.View(ctx.kernel().stackBuf(args.integer("size"), ctx.site()))),
                new Builtin("rodata", "pages", List.of(Param.required("size", INT, "bytes")),
                        "a buffer, or null",
                        "a constant object in the kernel image (read-only to the CPU); what mapping it does depends "
                                + "on the profile's kernel_image (dma-debug \"maps memory from kernel text or "
                                + "rodata\" on arc, a vmalloc rejection on arm64)",
                        (ctx, args) -> orNull(ctx.kernel().rodata(args.integer("size"), ctx.site()))),
                new Builtin("shmem", "pages",
                        List.of(Param.required("size", INT, "bytes"),
                                Param.withDefault("gfp", INT, new Value.Int(Gfp.GFP_HIGHUSER), "GFP_HIGHUSER",
                                        "the mapping's gfp: GFP_HIGHUSER, or GFP_DMA32 for a device limited to 4 GiB")),
                        "a shmem object (a CPU view)",
                        "swappable pages allocated one by one at first use, wherever the allocator finds them",
                        (ctx, args) -> new Value.View(ctx.kernel().shmem(args.integer("size"), args.integer("gfp"),
                                ctx.site()))),
                new Builtin("shmem_pin", "pages", List.of(Param.required("bo", VIEW, "a shmem object")),
                        "nothing", "faults in every page and pins them (drm_gem_shmem_pin): they stay put",
                        (ctx, args) -> {
                            ctx.kernel().shmemPin(shmem(args), ctx.site());
                            return Value.Null.NULL;
                        }),
                new Builtin("shmem_unpin", "pages", List.of(Param.required("bo", VIEW, "a pinned shmem object")),
                        "nothing", "drops one pin; unpinned pages may be swapped out",
                        (ctx, args) -> {
                            ctx.kernel().shmemUnpin(shmem(args), ctx.site());
                            return Value.Null.NULL;
                        }),
                new Builtin("shmem_swap_out", "pages", List.of(Param.required("bo", VIEW, "a shmem object")),
                        "pages swapped out, or -EBUSY (-16) when pinned",
                        "memory pressure: writes the object's pages to swap and frees them; they come back "
                                + "(elsewhere) at the next touch",
                        (ctx, args) -> new Value.Int(ctx.kernel().shmemSwapOut(shmem(args), ctx.site()))),
                new Builtin("sg_table", "pages",
                        List.of(Param.required("buf", ANY, "a buffer (one entry per contiguous run) or a list "
                                + "of buffers (one entry each)")),
                        "an sg table (fields orig_nents, nents, dma)",
                        "a scatter-gather table of CPU pages, to map with dma_map_sg/dma_map_sgtable",
                        (ctx, args) -> {
                            Value v = args.value("buf");
                            if (v instanceof Value.ListValue l) {
                                List<SgTable.Entry> parts = new ArrayList<>();
                                for (Value item : l.items()) {
                                    ViewRange r = Values.toViewRange(item, "buf");
                                    parts.add(new SgTable.Entry(r.view(), r.offset(), r.length()));
                                }
                                return new Value.Handle(ctx.kernel().sgTable(parts, ctx.site()));
                            }
                            ViewRange r = Values.toViewRange(v, "buf");
                            return new Value.Handle(ctx.kernel().sgTable(r.view(), r.offset(), r.length(), ctx.site()));
                        }));
    }

    private static ShmemObject shmem(Arguments args) {
        if (args.view("bo").view() instanceof ShmemObject s) {
            return s;
        }
        throw args.wrongType("bo", "a shmem object");
    }

    private static Value orNull(org.dmasim.engine.memory.CpuView v) {
        return v == null ? Value.Null.NULL : new Value.View(v);
    }
}
