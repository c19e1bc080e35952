package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.INT;
import static org.dmasim.interpreter.builtins.ParamType.VIEW;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dmasim.interpreter.eval.Value;

/**
 * The MMIO accessors of include/asm-generic/io.h and the arches' asm/io.h on device registers (I/O
 * memory: a BAR, an is_iomem map): {@code readl()} is {@code readl_relaxed()} followed by
 * {@code __iormb()} (arm64 dma_rmb, riscv {@code __io_ar} = fence i,ir), {@code writel()} is
 * {@code __iowmb()} (arm64 dma_wmb, riscv {@code __io_bw} = fence w,o) followed by
 * {@code writel_relaxed()}. What those barriers order among the CPU's accesses to memory is the
 * arch profile's {@code io_rmb} and {@code io_wmb} entries; the relaxed forms order nothing.
 */
final class MmioBuiltins {
    /** Every accessor: the evaluator gives them no full barrier (they order what their barrier orders). */
    static final Set<String> NAMES;
    private static final String[][] SIZES = {{"b", "1"}, {"w", "2"}, {"l", "4"}, {"q", "8"}};

    static {
        Set<String> names = new java.util.HashSet<>();
        for (String[] s : SIZES) {
            for (String kind : List.of("read", "write")) {
                names.add(kind + s[0]);
                names.add(kind + s[0] + "_relaxed");
            }
        }
        NAMES = Set.copyOf(names);
    }

    private MmioBuiltins() {
    }

    static List<Builtin> all() {
        List<Builtin> out = new ArrayList<>();
        for (String[] s : SIZES) {
            int n = Integer.parseInt(s[1]);
            out.add(read("read" + s[0], n, false));
            out.add(read("read" + s[0] + "_relaxed", n, true));
        }
        for (String[] s : SIZES) {
            int n = Integer.parseInt(s[1]);
            out.add(write("write" + s[0], n, false));
            out.add(write("write" + s[0] + "_relaxed", n, true));
        }
        return out;
    }

    private static Builtin read(String name, int n, boolean relaxed) {
        String bits = (n == 1 ? "an " : "a ") + (n * 8) + "-bit";
        String doc = relaxed
                ? bits + " load of a device register with no barrier: later loads of memory a device writes"
                        + " may be satisfied before it (use " + name.replace("_relaxed", "") + "() or dma_rmb())"
                : bits + " load of a device register, then __iormb(): later loads (on arm64 also stores)"
                        + " of memory are ordered after it and after the CPU's earlier loads (arm64 dma_rmb; riscv's"
                        + " fence i,ir orders only the register load)";
        return new Builtin(name, "I/O",
                List.of(Param.required("map", VIEW, "I/O memory: a device's bar, an is_iomem map"),
                        Param.required("off", INT, "the register's byte offset")),
                "the read's outcomes (" + n + (n == 1 ? " byte" : " bytes") + (n == 4 ? "; compare with u32(x))"
                        : n == 8 ? "; compare with u64(x))" : ")"), doc,
                (ctx, args) -> {
                    ViewRange r = IoAccessBuiltins.at(args, n);
                    Value result = new Value.Outcomes(ctx.kernel().dmaBuf().cpu().memcpyFromio(r.view(), r.offset(), n,
                            ctx.site()));
                    if (!relaxed) {
                        ctx.barrier(org.dmasim.engine.machine.MemoryOrdering.IO_RMB);
                    }
                    return result;
                });
    }

    private static Builtin write(String name, int n, boolean relaxed) {
        String bits = (n == 1 ? "an " : "a ") + (n * 8) + "-bit";
        String doc = relaxed
                ? bits + " store to a device register with no barrier: the CPU's earlier stores to memory may"
                        + " reach the device after it (use " + name.replace("_relaxed", "") + "() or dma_wmb() before)"
                : "__iowmb(), then " + bits + " store to a device register: on arm64 (dma_wmb) the CPU's earlier"
                        + " stores to memory are ordered before its later ones; riscv's fence w,o orders them before"
                        + " the register store only";
        return new Builtin(name, "I/O",
                List.of(Param.required("map", VIEW, "I/O memory: a device's bar, an is_iomem map"),
                        Param.required("off", INT, "the register's byte offset"),
                        Param.required("v", INT, "the value (the kernel's first argument)")),
                "nothing", doc,
                (ctx, args) -> {
                    ViewRange r = IoAccessBuiltins.at(args, n);
                    long v = args.integer("v");
                    byte[] b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
                    if (!relaxed) {
                        ctx.barrier(org.dmasim.engine.machine.MemoryOrdering.IO_WMB);
                    }
                    ctx.kernel().dmaBuf().cpu().memcpyToio(r.view(), r.offset(), n, java.util.Arrays.copyOf(b, n),
                            ctx.site());
                    return Value.Null.NULL;
                });
    }
}
