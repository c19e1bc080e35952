package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.ANY;
import static org.dmasim.interpreter.builtins.ParamType.DEVICE;
import static org.dmasim.interpreter.builtins.ParamType.HANDLE;
import static org.dmasim.interpreter.builtins.ParamType.INT;
import static org.dmasim.interpreter.builtins.ParamType.STRING;

import java.util.List;
import org.dmasim.engine.dma.DmaPool;
import org.dmasim.engine.dma.DmaPoolBlock;
import org.dmasim.engine.dma.PoolBlockView;
import org.dmasim.engine.memory.Gfp;
import org.dmasim.interpreter.eval.Value;

/**
 * DMA pools (mm/dmapool.c): small coherent blocks for descriptors, as a debug kernel runs them
 * (DMAPOOL_DEBUG: poisoned blocks, the free checks). docs/reference.md "dma pools".
 */
final class PoolBuiltins {
    private static final String FREE = "dma_pool_free(pool, b) or the kernel's dma_pool_free(pool, b.cpu, b.dma)";

    private PoolBuiltins() {
    }

    static List<Builtin> all() {
        return List.of(
                new Builtin("dma_pool_create", "dma pools",
                        List.of(Param.required("name", STRING, "the pool's name, for its messages"),
                                Param.required("dev", DEVICE, "the device that will do the DMA"),
                                Param.required("size", INT, "bytes per block (at least 16, rounded up to align)"),
                                Param.withDefault("align", INT, Value.Int.ZERO, "0", "a power of two, or 0 for none"),
                                Param.withDefault("boundary", INT, Value.Int.ZERO, "0",
                                        "blocks never cross this power of two, or 0 for none")),
                        "a dma_pool, or null for arguments the kernel refuses",
                        "a pool of small coherent blocks carved out of dma_alloc_coherent pages (mm/dmapool.c); "
                                + "null, as in the kernel, for an align that is not a power of two, a size of 0, or "
                                + "a boundary smaller than a block",
                        (ctx, args) -> {
                            DmaPool p = ctx.kernel().dmaPoolCreate(args.string("name"), args.device("dev"),
                                    args.integer("size"), args.integer("align"), args.integer("boundary"),
                                    ctx.site());
                            return p == null ? Value.Null.NULL : new Value.Opaque(p, "a dma_pool");
                        }),
                new Builtin("dma_pool_alloc", "dma pools",
                        List.of(Param.required("pool", ANY, "a dma_pool"), gfp()),
                        "{cpu, dma}: the block's CPU view and DMA handle, or null",
                        "the most recently freed block, or a new page's first one; not zeroed: a debug kernel "
                                + "fills it with 0xa9 (POOL_POISON_ALLOCATED), after checking that nothing wrote it "
                                + "since its free (\"(corrupted)\")",
                        (ctx, args) -> wrap(ctx.kernel().dmaPoolAlloc(pool(args), false, ctx.site()))),
                new Builtin("dma_pool_zalloc", "dma pools",
                        List.of(Param.required("pool", ANY, "a dma_pool"), gfp()),
                        "{cpu, dma}, or null",
                        "dma_pool_alloc with __GFP_ZERO: the block is zeroed",
                        (ctx, args) -> wrap(ctx.kernel().dmaPoolAlloc(pool(args), true, ctx.site()))),
                new Builtin("dma_pool_free", "dma pools",
                        List.of(Param.required("pool", ANY, "the dma_pool it came from"),
                                Param.required("vaddr", ANY, "what dma_pool_alloc returned, or its CPU address (b.cpu)"),
                                Param.optional("dma", HANDLE, "kernel form: the block's DMA address (b.dma)")),
                        "nothing",
                        "puts the block back, poisoned with 0xa7; a DMA address outside the pool (\"bad dma\") or "
                                + "a block already free is reported and nothing happens. Also the kernel's "
                                + "dma_pool_free(pool, vaddr, dma)",
                        (ctx, args) -> {
                            DmaPool pool = pool(args);
                            PoolBlockView cpu;
                            long dma;
                            if (args.value("vaddr") instanceof Value.Coherent c && c.allocation() instanceof DmaPoolBlock b
                                    && !args.has("dma")) {
                                cpu = b.cpu();
                                dma = b.dma().dmaAddress();
                            } else if (args.has("dma")) {
                                ViewRange v = args.view("vaddr");
                                if (!(v.view() instanceof PoolBlockView block) || v.offset() != 0) {
                                    throw new CallError("vaddr", "'vaddr' must be the CPU address of a dma_pool block"
                                            + " (b.cpu), not " + v.view().label(), "use " + FREE);
                                }
                                cpu = block;
                                dma = args.handle("dma").address();
                            } else {
                                throw new CallError("vaddr", "'vaddr' must be what dma_pool_alloc returned, not "
                                        + args.value("vaddr").typeName(), "use " + FREE);
                            }
                            ctx.kernel().dmaPoolFree(pool, cpu, dma, ctx.site());
                            return Value.Null.NULL;
                        }),
                new Builtin("dma_pool_destroy", "dma pools",
                        List.of(Param.required("pool", ANY, "a dma_pool")),
                        "nothing",
                        "frees the pool's pages; with blocks still allocated the kernel says \"busy\" and leaks "
                                + "the pages (dma-debug still holds them at the end)",
                        (ctx, args) -> {
                            ctx.kernel().dmaPoolDestroy(pool(args), ctx.site());
                            return Value.Null.NULL;
                        }));
    }

    private static Param gfp() {
        return Param.withDefault("gfp", INT, new Value.Int(Gfp.GFP_KERNEL), "GFP_KERNEL",
                "GFP_KERNEL; zone flags do not place the block (dma_alloc_attrs drops them)");
    }

    private static DmaPool pool(Arguments args) {
        if (args.value("pool") instanceof Value.Opaque o && o.object() instanceof DmaPool p) {
            return p;
        }
        throw args.wrongType("pool", "a dma_pool (the result of dma_pool_create)");
    }

    private static Value wrap(DmaPoolBlock b) {
        return b == null ? Value.Null.NULL : new Value.Coherent(b);
    }
}
