package org.dmasim.fuzz;

import java.util.List;
import org.dmasim.fuzz.World.Obj;
import org.dmasim.fuzz.World.Type;

/**
 * Steps on dma pools (mm/dmapool.c): pools of small coherent blocks with odd sizes, alignments
 * and boundaries (some the kernel refuses with NULL), their blocks (CPU views and DMA handles like
 * a coherent allocation's, so every access step reaches them), frees in both forms, a free of a
 * block twice or into another pool, and the pool's destruction with blocks still out.
 */
final class PoolWriter {
    private static final long[] SIZES = {16, 24, 64, 100, 128, 512, 2048, 4096};
    private static final long[] ALIGNS = {0, 0, 8, 64, 4096, 3, 48, 1L << 20};
    private static final long[] BOUNDARIES = {0, 0, 0, 4096, 8192, 16, 100, 1L << 16};

    private final ProgramWriter p;
    private final Operands o;
    private final World w;

    PoolWriter(ProgramWriter p) {
        this.p = p;
        this.o = p.o;
        this.w = p.w;
    }

    Code.S step(Op op, boolean nested) {
        Obj pool = w.pick(op.a(), Type.POOL);
        int k = op.variant(0, 3);
        if (pool == null || k == 0) {
            return create(op, nested);
        }
        return switch (k) {
            case 1, 2, 3 -> p.bind(nested, "pb", Type.COHERENT, pool.size(), pool.device(), 2, pool,
                    o.call(op, k == 3 ? "dma_pool_zalloc" : "dma_pool_alloc", new Code.Name(pool.name())));
            case 4, 5 -> free(op, nested, pool);
            case 6 -> new Code.Eval(o.call(op, "dma_pool_destroy", new Code.Name(pool.name())));
            default -> new Code.Eval(new Code.Call("print", new Code.Name(pool.name())));
        };
    }

    private Code.S create(Op op, boolean nested) {
        Obj dev = w.device(op.b());
        String d = dev == null ? "cpu" : dev.name(); // "cpu" is no device: a script error
        long size = o.extreme(op, 40) ? o.size(op, op.x()) : SIZES[op.variant(3, 3)];
        long align = ALIGNS[op.variant(6, 3)];
        long boundary = BOUNDARIES[op.variant(9, 3)];
        String name = "pool" + op.variant(12, 4);
        return p.bind(nested, "pool", Type.POOL, size, d, -1, null, o.call(op, "dma_pool_create",
                new Code.Text(name), new Code.Name(d), o.number(size, op), o.number(align, op), o.number(boundary, op)));
    }

    /** {@code dma_pool_free(pool, block)} or the kernel's form with the CPU and DMA addresses. */
    private Code.S free(Op op, boolean nested, Obj pool) {
        Obj block = null;
        for (Obj c : w.of(Type.COHERENT)) {
            if (c.of() != null && c.of().type() == Type.POOL && (block == null || Math.floorMod(op.b(), 2) == 0)) {
                block = c;
            }
        }
        if (block == null) {
            // no block yet: one allocated and given back at once
            return new Code.Eval(o.call(op, "dma_pool_free", new Code.Name(pool.name()),
                    new Code.Call("dma_pool_alloc", List.of(new Code.Name(pool.name())), java.util.Map.of())));
        }
        // another pool than the block's, sometimes: "bad dma" / a block the pool does not own
        Obj into = op.variant(15, 2) == 3 ? pool : block.of();
        Code.E b = new Code.Name(block.name());
        return new Code.Eval(op.variant(17, 1) == 0
                ? o.call(op, "dma_pool_free", new Code.Name(into.name()), b)
                : o.call(op, "dma_pool_free", new Code.Name(into.name()), new Code.Field(b, "cpu"), new Code.Field(b, "dma")));
    }
}
