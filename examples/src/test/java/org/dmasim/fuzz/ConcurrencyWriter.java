package org.dmasim.fuzz;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.fuzz.Operands.Target;
import org.dmasim.fuzz.World.Obj;
import org.dmasim.fuzz.World.Type;

/**
 * Steps of concurrent scenarios: device jobs ({@code async DEV [after ...] { ... }}), the CPU's
 * waits ({@code wait j}, {@code wait until}, {@code dma_fence_wait}), fences the CPU creates and
 * signals, and dma-buf reservation objects ({@code dma_resv_*}). Jobs run under the explorer, so
 * a program with one is run once per execution.
 */
final class ConcurrencyWriter {
    private static final String[] USAGES = {"DMA_RESV_USAGE_KERNEL", "DMA_RESV_USAGE_WRITE", "DMA_RESV_USAGE_READ",
        "DMA_RESV_USAGE_BOOKKEEP"};

    private final ProgramWriter p;
    private final Operands o;
    private final World w;

    ConcurrencyWriter(ProgramWriter p) {
        this.p = p;
        this.o = p.o;
        this.w = p.w;
    }

    Code.S step(Op op, boolean nested) {
        return switch (op.kind()) {
            case ASYNC -> async(op, nested);
            case WAIT -> await(op);
            case FENCE -> fence(op, nested);
            case RESV -> resv(op, nested);
            default -> throw new IllegalArgumentException(op.kind().name());
        };
    }

    /** {@code let j = async DEV [after F] { DEV writes/reads H[..] ... }} on a handle of DEV. */
    private Code.S async(Op op, boolean nested) {
        Target h = o.handle(op.a());
        if (h == null) {
            return p.step(new Op(Op.Kind.MAP_SINGLE, op.a(), op.b(), op.c(), op.x(), op.y(), op.v()), nested);
        }
        Obj dev = h.obj().device() != null && op.variant(0, 4) != 15 ? w.device(h.obj().device()) : w.device(op.b());
        String d = dev == null ? "cpu" : dev.name(); // "cpu" is refused before the run: a script error
        List<String> body = new ArrayList<>();
        int steps = 1 + op.variant(4, 2);
        for (int i = 0; i < steps; i++) {
            Op each = new Op(op.kind(), op.a(), op.b(), op.c() + i, op.x() + 64L * i, op.y() >>> i,
                    Integer.rotateLeft(op.v(), 7 * i + 3));
            Code.E target = o.slice(h, each);
            body.add(switch (each.variant(0, 2)) {
                case 0, 1 -> d + " writes " + DmaPrinter.expr(target) + " = " + DmaPrinter.expr(o.value(each));
                case 2 -> "expect " + d + " reads " + DmaPrinter.expr(target) + " == " + DmaPrinter.expr(o.value(each));
                default -> d + " reads " + DmaPrinter.expr(target);
            });
        }
        if (o.extreme(op, 30)) {
            body.add("cpu writes " + DmaPrinter.expr(o.slice(h, op)) + " = 0x11"); // refused: not the job's device
        }
        String after = after(op);
        String text = "async " + d + (after == null ? "" : " after " + after) + " { " + String.join("; ", body) + " }";
        if (nested) {
            return new Code.Raw(text);
        }
        String name = w.fresh("j");
        w.add(name, Type.JOB, 0, d, -1, h.obj());
        return new Code.Raw("let " + name + " = " + text);
    }

    /** What a job starts after: a job's fence, a CPU fence, a dma-buf's pending fences, or nothing. */
    private String after(Op op) {
        return switch (op.variant(8, 3)) {
            case 1, 2 -> {
                Obj j = w.pick(op.b(), Type.JOB);
                yield j == null ? null : j.name() + ".fence";
            }
            case 3 -> {
                Obj f = w.pick(op.c(), Type.FENCE);
                yield f == null ? null : f.name();
            }
            case 4 -> {
                Obj b = w.pick(op.c(), Type.DMABUF);
                yield b == null ? null : "dma_resv_get_fences(" + b.name() + ", " + usage(op) + ")";
            }
            default -> null;
        };
    }

    /** The CPU waits: for a job, its fence, a fence of its own, or a polled value. */
    private Code.S await(Op op) {
        Obj j = w.pick(op.a(), Type.JOB);
        Obj f = w.pick(op.b(), Type.FENCE);
        int k = op.variant(0, 3);
        if (k <= 2 && j != null) {
            return new Code.Raw("wait " + j.name());
        }
        if (k == 3 && j != null) {
            return new Code.Eval(o.call(op, "dma_fence_wait", new Code.Field(new Code.Name(j.name()), "fence")));
        }
        if (k == 4 && f != null) {
            return new Code.Eval(o.call(op, "dma_fence_is_signaled", new Code.Name(f.name())));
        }
        if (k == 5 && f != null) {
            return new Code.Eval(o.call(op, "dma_fence_wait", new Code.Name(f.name())));
        }
        Target t = o.view(op.c());
        if (k == 6 && t != null && j != null) {
            // a poll: ends when a job wrote the value, else HANG once nobody can move
            return new Code.Raw("wait until cpu reads " + DmaPrinter.expr(o.slice(t, op)) + " == "
                    + DmaPrinter.expr(o.value(op)));
        }
        return j != null ? new Code.Raw("wait " + j.name()) : new Code.Eval(new Code.Call("wmb"));
    }

    /** A fence the CPU makes and signals itself (vgem, sw_sync). */
    private Code.S fence(Op op, boolean nested) {
        Obj f = w.pick(op.a(), Type.FENCE);
        if (f == null || op.variant(0, 2) == 0) {
            if (nested) {
                return new Code.Eval(new Code.Call("dma_fence_create"));
            }
            String name = w.fresh("f");
            w.add(name, Type.FENCE, 0, null, -1, null);
            return new Code.Let(name, new Code.Call("dma_fence_create"));
        }
        return new Code.Eval(o.call(op, "dma_fence_signal", new Code.Name(f.name())));
    }

    /**
     * A dma-buf's reservation object: add a fence, test, wait, get the pending fences; take, try
     * and drop its lock, reserve fence slots.
     */
    private Code.S resv(Op op, boolean nested) {
        Obj b = w.pick(op.a(), Type.DMABUF);
        if (b == null) {
            return p.step(new Op(Op.Kind.HEAP_ALLOC, op.a(), op.b(), op.c(), op.x(), op.y(), op.v()), nested);
        }
        Code.E buf = new Code.Name(b.name());
        Code.E usage = new Code.Const(usage(op));
        if (o.extreme(op, 31)) {
            usage = o.number(new long[] {4, -1, 1L << 40}[Math.floorMod(op.y(), 3)], op);
        }
        return switch (op.variant(0, 3)) {
            case 0 -> {
                Obj j = w.pick(op.b(), Type.JOB);
                Obj f = w.pick(op.c(), Type.FENCE);
                Code.E fence = f != null && (j == null || op.variant(3, 1) == 0) ? new Code.Name(f.name())
                        : j != null ? new Code.Field(new Code.Name(j.name()), "fence") : new Code.Call("dma_fence_create");
                yield new Code.Eval(o.call(op, "dma_resv_add_fence", buf, fence, usage));
            }
            case 1 -> new Code.Eval(o.call(op, "dma_resv_test_signaled", buf, usage));
            case 2 -> new Code.Eval(op.variant(3, 2) == 3
                    ? o.call(op, "dma_resv_wait_timeout", buf, usage, o.number(op.x() & 0xff, op))
                    : o.call(op, "dma_resv_wait_timeout", buf, usage));
            case 3 -> new Code.Eval(new Code.Call("print", o.call(op, "dma_resv_get_fences", buf, usage)));
            // the reservation lock and its slots (include/linux/dma-resv.h): a lock held twice, an
            // unlock without the lock, an add without a reserved slot are each the kernel's to report
            case 4 -> new Code.Eval(new Code.Call("print", o.call(op, "dma_resv_lock", buf)));
            case 5 -> new Code.Eval(new Code.Call("print", o.call(op, "dma_resv_trylock", buf)));
            case 6 -> new Code.Eval(o.call(op, "dma_resv_unlock", buf));
            default -> new Code.Eval(new Code.Call("print", o.call(op, "dma_resv_reserve_fences", buf,
                    o.number(o.extreme(op, 32) ? new long[] {0, -1, 1L << 40}[Math.floorMod(op.y(), 3)] : 1 + (op.x() & 3),
                            op))));
        };
    }

    private static String usage(Op op) {
        return USAGES[op.variant(12, 2)];
    }
}
