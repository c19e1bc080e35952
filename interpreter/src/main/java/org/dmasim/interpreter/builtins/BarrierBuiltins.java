package org.dmasim.interpreter.builtins;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dmasim.interpreter.eval.Value;

/**
 * The barrier macros (docs/concurrency.md, "Ordering"; Documentation/memory-barriers.txt): what each
 * orders is the arch profile's {@code barriers} table, from the arch's asm/barrier.h. {@code smp_*}
 * order CPUs against CPUs: on arm64 (inner shareable {@code dmb ish}) not against a device.
 */
final class BarrierBuiltins {
    /** Every barrier builtin: a kernel call that is not one of these orders like a full barrier. */
    static final Set<String> NAMES = Set.of("mb", "rmb", "wmb", "dma_mb", "dma_rmb", "dma_wmb", "smp_mb", "smp_rmb",
            "smp_wmb");

    private BarrierBuiltins() {
    }

    static List<Builtin> all() {
        List<Builtin> out = new ArrayList<>();
        out.add(barrier("mb", "a full barrier (arm64 dsb sy, riscv fence iorw,iorw, x86 mfence): every earlier load and"
                + " store is ordered before every later one, against devices too"));
        out.add(barrier("rmb", "a read barrier (arm64 dsb ld, riscv fence ir,ir, x86 lfence): earlier loads before later"
                + " loads (and, on arm64, later stores)"));
        out.add(new Builtin("wmb", "barriers", List.of(), "nothing",
                "a write barrier (arm64 dsb st, riscv fence ow,ow, x86 sfence): earlier stores are performed before"
                        + " later ones; it also drains the CPU's write-combining buffer, so devices see posted stores",
                (ctx, args) -> {
                    ctx.barrier("wmb");
                    ctx.kernel().dmaBuf().cpu().wmb(ctx.site());
                    return Value.Null.NULL;
                }));
        out.add(barrier("dma_mb", "a full barrier for memory shared with a device (arm64 dmb osh; elsewhere mb())"));
        out.add(barrier("dma_rmb", "orders the loads of coherent memory before it before the loads after it (arm64 dmb"
                + " oshld, which orders later stores too; riscv fence r,r; x86: nothing needed): read the status, then"
                + " dma_rmb(), then the rest of the descriptor"));
        out.add(barrier("dma_wmb", "orders the stores to coherent memory before it before the stores after it (arm64 dmb"
                + " oshst, riscv fence w,w; x86: nothing needed): fill the descriptor, dma_wmb(), then hand it over"));
        out.add(barrier("smp_mb", "a full barrier between CPUs; on arm64 (dmb ish) it does not order against a device"));
        out.add(barrier("smp_rmb", "a read barrier between CPUs; on arm64 (dmb ishld) it does not order against a"
                + " device: use dma_rmb()"));
        out.add(barrier("smp_wmb", "a write barrier between CPUs; on arm64 (dmb ishst) it does not order against a"
                + " device: use dma_wmb()"));
        return out;
    }

    private static Builtin barrier(String name, String doc) {
        return new Builtin(name, "barriers", List.of(), "nothing", doc, (ctx, args) -> {
            ctx.barrier(name);
            return Value.Null.NULL;
        });
    }
}
