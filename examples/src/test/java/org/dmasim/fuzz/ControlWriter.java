package org.dmasim.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dmasim.fuzz.World.Obj;
import org.dmasim.fuzz.World.Type;

/** Steps with blocks: loops, functions (and deep recursion), if, expect report, the stdlib libraries, assignments. */
final class ControlWriter {
    /** What a block body may do (steps that bind nothing the rest of the program needs). */
    private static final Op.Kind[] INNER = {Op.Kind.CPU_WRITE, Op.Kind.CPU_READ, Op.Kind.DEV_WRITE, Op.Kind.DEV_READ,
        Op.Kind.SYNC, Op.Kind.MAP_SINGLE, Op.Kind.ALLOC_PAGES, Op.Kind.KMALLOC, Op.Kind.HW_EVENT, Op.Kind.MAPPING_ERROR,
        Op.Kind.UNMAP, Op.Kind.CPU_ACCESS, Op.Kind.BUF_SYNC, Op.Kind.IO_WRITE, Op.Kind.PRINT, Op.Kind.SYNC_SG,
        Op.Kind.MAP_ATTACHMENT, Op.Kind.FREE};
    static final String[] CODES = {"STALE_READ", "DEVICE_STALE_READ", "LOST_WRITE", "CPU_ACCESS_DEVICE_OWNED",
        "DEVICE_ACCESS_CPU_OWNED", "DIRECTION_VIOLATION", "IOMMU_FAULT", "DMA_ADDR_OVERFLOW", "SWIOTLB_FULL",
        "USE_AFTER_FREE", "DMA_UNMAP_SIZE_MISMATCH", "DMA_SG_COUNT_MISMATCH", "DMABUF_EINVAL", "DMA_MAP_VMALLOC",
        "DMA_SYNC_OUT_OF_RANGE", "DMA_MAP_ERROR_UNCHECKED", "NO_SUCH_CODE"};

    private final ProgramWriter p;
    private final Operands o;
    private final World w;

    ControlWriter(ProgramWriter p) {
        this.p = p;
        this.o = p.o;
        this.w = p.w;
    }

    Code.S step(Op op, boolean nested) {
        return switch (op.kind()) {
            case LOOP -> loop(op);
            case WHILE -> whileLoop(op);
            case IF -> ifElse(op);
            case FN -> function(op, nested);
            case RECURSE -> recursion(op, nested);
            case EXPECT_REPORT -> new Code.ExpectReport(codes(op), List.of(inner(op, 0)));
            case LIBRARY -> nested ? inner(op, 1) : library(op);
            case ASSIGN -> assign(op, nested);
            case EXPECT_CLEAN -> new Code.Raw("expect clean");
            default -> throw new IllegalArgumentException(op.kind().name());
        };
    }

    /** A simple step for a block body, derived from {@code op}'s choices. */
    private Code.S inner(Op op, int salt) {
        Op.Kind k = INNER[Math.floorMod(op.c() + salt * 7, INNER.length)];
        return p.step(new Op(k, op.a() + salt, op.b(), op.c() >>> 3, op.x(), op.y(), Integer.rotateLeft(op.v(), 5 + salt)),
                true);
    }

    private long count(Op op) {
        if (o.extreme(op, 20)) {
            return new long[] {0, 1000, 100_000, 1_000_000_000L, -1}[Math.floorMod(op.x(), 5)];
        }
        return new long[] {1, 2, 3, 4, 8}[Math.floorMod(op.x(), 5)];
    }

    private Code.S loop(Op op) {
        String i = w.fresh("i");
        Code.E n = new Code.Int(count(op), 0);
        List<Code.S> body = new ArrayList<>();
        switch (op.variant(0, 3)) {
            case 4, 5 -> {
                Obj dev = w.device(op.b());
                String d = dev == null ? "cpu" : dev.name();
                body.add(new Code.Let("t", new Code.Call("alloc_pages", new Code.Int(o.size(op, op.y()), 2))));
                body.add(new Code.Let("m", new Code.Call("dma_map_single", new Code.Name(d), new Code.Name("t"), o.dir(op, 8))));
                body.add(new Code.Write(d, new Code.Name("m"), new Code.Int(0x5A, 1)));
                body.add(new Code.Eval(new Code.Call("dma_unmap_single", new Code.Name("m"))));
                body.add(new Code.Eval(new Code.Call("free_pages", new Code.Name("t"))));
            }
            case 6 -> {
                body.add(inner(op, 0));
                body.add(inner(op, 1));
            }
            case 7 -> body.add(new Code.For(w.fresh("j"), new Code.Int(0, 0), new Code.Int(count(op), 0), List.of(inner(op, 2))));
            default -> body.add(inner(op, 0));
        }
        return new Code.For(i, new Code.Int(0, 0), n, body);
    }

    private Code.S whileLoop(Op op) {
        String c = w.fresh("w");
        if (o.extreme(op, 21) && op.variant(0, 2) == 3) {
            return new Code.While(new Code.Bool(true), List.of(inner(op, 0)));
        }
        return new Code.Line(List.of(new Code.Let(c, new Code.Int(0, 0)), new Code.While(
                new Code.Binary("<", new Code.Name(c), new Code.Int(count(op), 0)),
                List.of(inner(op, 0), new Code.Assign(c, new Code.Binary("+", new Code.Name(c), new Code.Int(1, 0)))))));
    }

    private Code.S ifElse(Op op) {
        Obj h = w.pick(op.a(), Type.MAPPING);
        Code.E cond;
        if (h == null || op.variant(0, 2) == 0) {
            Obj any = w.any(op.a());
            cond = any == null ? new Code.Bool(op.variant(2, 1) == 0)
                    : new Code.Binary(">", new Code.Field(new Code.Name(any.name()), any.type() == Type.DEVICE ? "dma_mask" : "size"),
                            new Code.Int(4096, 0));
        } else if (op.variant(0, 2) == 1) {
            cond = new Code.Call("dma_need_sync", new Code.Name(h.device()), new Code.Name(h.name()));
        } else if (op.variant(0, 2) == 2) {
            cond = new Code.Call("dma_mapping_error", new Code.Name(h.device()), new Code.Name(h.name()));
        } else {
            cond = new Code.Field(new Code.Name(h.name()), "bounced");
        }
        return new Code.If(cond, List.of(inner(op, 0)), op.variant(3, 1) == 0 ? List.of() : List.of(inner(op, 1)));
    }

    private Code.S function(Op op, boolean nested) {
        String f = w.fresh("f");
        Obj dev = w.device(op.b());
        String d = dev == null ? "cpu" : dev.name();
        List<Code.S> body = List.of(
                new Code.Let("t", new Code.Call("alloc_pages", new Code.Name("n"))),
                new Code.Let("m", new Code.Call("dma_map_single", new Code.Name("d"), new Code.Name("t"), o.dir(op, 8))),
                new Code.Eval(new Code.Call("dma_sync_single_for_cpu", new Code.Name("m"))),
                new Code.Eval(new Code.Call("dma_unmap_single", new Code.Name("m"))),
                new Code.Eval(new Code.Call("free_pages", new Code.Name("t"))),
                new Code.Return(new Code.Field(new Code.Name("t"), "size")));
        List<Code.E> args = new ArrayList<>(List.of(new Code.Name(d), new Code.Int(o.size(op, op.x()), 2)));
        if (op.variant(0, 3) == 7) {
            args.add(new Code.Int(1, 0)); // one too many
        }
        Code.S call = new Code.Eval(new Code.Call("print", new Code.UserCall(f, args)));
        if (nested) {
            return call;
        }
        return new Code.Line(List.of(new Code.Fn(f, List.of("d", "n"), body), call));
    }

    private Code.S recursion(Op op, boolean nested) {
        String r = w.fresh("r");
        long depth = new long[] {3, 100, 10_000, 1_000_000, 100_000_000}[Math.floorMod(op.x(), 5)];
        Code.S fn = new Code.Fn(r, List.of("n"), List.of(new Code.If(new Code.Binary(">", new Code.Name("n"), new Code.Int(0, 0)),
                List.of(new Code.Eval(new Code.UserCall(r, List.of(new Code.Binary("-", new Code.Name("n"), new Code.Int(1, 0)))))),
                List.of())));
        Code.S call = new Code.Eval(new Code.UserCall(r, List.of(new Code.Int(depth, 0))));
        return nested ? new Code.Eval(new Code.Int(depth, 0)) : new Code.Line(List.of(fn, call));
    }

    private List<String> codes(Op op) {
        List<String> codes = new ArrayList<>();
        codes.add(CODES[Math.floorMod(op.x(), CODES.length - (o.extreme(op, 22) ? 0 : 1))]);
        if (op.variant(0, 2) == 3) {
            codes.add(CODES[Math.floorMod(op.y(), CODES.length - 1)]);
        }
        return codes;
    }

    private Code.S assign(Op op, boolean nested) {
        Obj a = w.any(op.a());
        if (a == null || a.type() == Type.DEVICE) {
            return inner(op, 0);
        }
        Obj b = w.pick(op.b(), a.type());
        return new Code.Assign(a.name(), new Code.Name(b.name()));
    }

    private Code.S library(Op op) {
        Obj dev = w.device(op.b());
        String d = dev == null ? "cpu" : dev.name();
        long size = o.size(op, op.x());
        Obj rx = w.pick(op.a(), Type.RX_RING);
        Obj tx = w.pick(op.a(), Type.TX_RING);
        Obj prod = w.pick(op.a(), Type.PRODUCER);
        Obj cons = w.pick(op.a(), Type.CONSUMER);
        int k = op.variant(0, 4);
        if (k == 15 && o.extreme(op, 23)) {
            return new Code.Import(new String[] {"../../../../etc/hostname", "/etc/passwd", "missing.dma", "../pom.xml",
                "rx_ring.dma"}[Math.floorMod(op.y(), 5)]);
        }
        String s = w.fresh("s");
        Code.Name sN = new Code.Name(s);
        if (rx != null && k < 4) {
            Code.S body = switch (k) {
                case 0 -> new Code.Write(rx.device(), new Code.Field(sN, "m"), o.value(op));
                case 1 -> new Code.Eval(new Code.UserCall("rx_complete", List.of(sN)));
                case 2 -> new Code.Eval(new Code.UserCall("rx_recycle", List.of(sN)));
                default -> new Code.Eval(new Code.UserCall("rx_free", List.of(sN)));
            };
            return new Code.ForEach(s, new Code.Name(rx.name()), List.of(body));
        }
        if (tx != null && k >= 4 && k < 7) {
            List<Code.S> body = k == 6 ? List.of(new Code.Eval(new Code.UserCall("tx_free", List.of(sN)))) : List.of(
                    new Code.Write("cpu", new Code.Slice(new Code.Field(sN, "buf"), new Code.Int(0, 0), new Code.Int(64, 0)),
                            o.value(op)),
                    new Code.Let("m", new Code.UserCall("tx_submit", List.of(sN))),
                    new Code.Eval(new Code.Read(tx.device(), new Code.Slice(new Code.Name("m"), new Code.Int(0, 0),
                            new Code.Int(64, 0)))),
                    new Code.Eval(new Code.UserCall("tx_done", List.of(sN, new Code.Name("m")))));
            return new Code.ForEach(s, new Code.Name(tx.name()), body);
        }
        if (prod != null && k >= 7 && k < 12) {
            Code.Name pN = new Code.Name(prod.name());
            return switch (k) {
                case 7 -> bindLib("q", Type.CONSUMER, d, new Code.UserCall("dmabuf_consumer", List.of(pN, new Code.Name(d),
                        o.dir(op, 8))), prod);
                case 8 -> new Code.Eval(new Code.UserCall(op.variant(4, 1) == 0 ? "dmabuf_cpu_begin" : "dmabuf_cpu_end",
                        List.of(pN, o.dir(op, 8))));
                case 9 -> new Code.Write("cpu", new Code.Slice(new Code.Field(pN, "buf"), new Code.Int(0, 0),
                        new Code.Int(64, 0)), o.value(op));
                case 10 -> cons == null ? new Code.Eval(new Code.UserCall("dmabuf_producer_release", List.of(pN)))
                        : new Code.Eval(new Code.Read(cons.device(), new Code.Slice(new Code.Field(new Code.Name(cons.name()),
                                "sgt"), new Code.Int(0, 0), new Code.Int(64, 0))));
                default -> cons == null ? new Code.Eval(new Code.Int(0, 0)) : new Code.Eval(new Code.UserCall(
                        "dmabuf_consumer_release", List.of(new Code.Name(cons.name()), o.dir(op, 8))));
            };
        }
        return switch (k % 3) {
            case 0 -> new Code.Line(List.of(new Code.Import("rx_ring.dma"),
                    bindLib("rx", Type.RX_RING, d, new Code.UserCall("rx_ring", List.of(new Code.Name(d), o.number(size, op))), null)));
            case 1 -> new Code.Line(List.of(new Code.Import("tx_ring.dma"),
                    bindLib("tx", Type.TX_RING, d, new Code.UserCall("tx_ring", List.of(new Code.Name(d), o.number(size, op))), null)));
            default -> new Code.Line(List.of(new Code.Import("dmabuf_pair.dma"), bindLib("p", Type.PRODUCER, d,
                    new Code.UserCall("dmabuf_producer", List.of(new Code.Name(d), o.number(size, op))), null)));
        };
    }

    private Code.S bindLib(String prefix, Type type, String device, Code.E value, Obj of) {
        String name = w.fresh(prefix);
        w.add(name, type, 0, device, -1, of);
        return new Code.Let(name, value);
    }

    static Map<String, Code.E> none() {
        return Map.of();
    }
}
