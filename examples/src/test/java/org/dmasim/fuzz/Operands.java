package org.dmasim.fuzz;

import java.util.List;
import java.util.Map;
import org.dmasim.fuzz.World.Obj;
import org.dmasim.fuzz.World.Type;

/**
 * The operands of generated steps: objects of the right kind from the {@link World}, sizes,
 * slices, directions and values, now and then extreme or of the wrong type (as often as the
 * {@link Header} says).
 */
final class Operands {
    static final String[] DIRECTIONS = {"DMA_TO_DEVICE", "DMA_FROM_DEVICE", "DMA_BIDIRECTIONAL", "DMA_NONE"};
    static final Type[] CPU_VIEWS = {Type.PAGES, Type.KMALLOC, Type.VMALLOC, Type.SHMEM, Type.STACK, Type.RODATA,
        Type.COHERENT, Type.NONCOHERENT, Type.VMAP, Type.MMAP, Type.VRAM};
    static final Type[] DEVICE_TARGETS = {Type.MAPPING, Type.RESOURCE, Type.COHERENT, Type.NONCOHERENT,
        Type.ATT_SGT, Type.SG, Type.VRAM};
    static final Type[] BUFFERS = {Type.PAGES, Type.KMALLOC, Type.VMALLOC, Type.SHMEM, Type.STACK, Type.RODATA};

    final World world;
    final Header header;
    /** Only code with a JavaScript form. */
    final boolean js;

    Operands(World world, Header header, boolean js) {
        this.world = world;
        this.header = header;
        this.js = js;
    }

    /** A target of an access: the expression and the size the program believes it has. */
    record Target(Code.E expr, long size, Obj obj) {
    }

    boolean extreme(Op op, int salt) {
        return Math.floorMod(op.v() * 31 + salt * 17 + op.a(), 100) < header.extreme();
    }

    long size(Op op, long pick) {
        return Numbers.size(pick, header.extreme());
    }

    Code.Int number(long v, Op op) {
        return new Code.Int(v, op.variant(24, 3));
    }

    Code.E dir(Op op, int from) {
        int d = op.variant(from, 4);
        return new Code.Const(DIRECTIONS[d < 13 ? d % 3 : d == 15 && extreme(op, 3) ? 3 : d % 3]);
    }

    /** The direction something was mapped with, or (sometimes) another one. */
    Code.E sameDir(Obj o, Op op) {
        if (o.dir() >= 0 && o.dir() < 3 && op.variant(28, 3) != 0) {
            return new Code.Const(DIRECTIONS[o.dir()]);
        }
        return dir(op, 8);
    }

    static int dirIndex(Code.E dir) {
        if (dir instanceof Code.Const c) {
            for (int i = 0; i < DIRECTIONS.length; i++) {
                if (DIRECTIONS[i].equals(c.name())) {
                    return i;
                }
            }
        }
        return -1;
    }

    Code.E device(Op op) {
        Obj d = world.device(op.b());
        return d == null ? new Code.Name("cpu") : new Code.Name(d.name());
    }

    /** A CPU-accessible target (null when the program has none). */
    Target view(int pick) {
        Obj o = world.pick(pick, CPU_VIEWS);
        if (o == null) {
            return null;
        }
        Code.E e = o.type() == Type.COHERENT || o.type() == Type.NONCOHERENT ? new Code.Field(new Code.Name(o.name()), "cpu")
                : new Code.Name(o.name());
        return new Target(e, o.size(), o);
    }

    /** A device-accessible target. */
    Target handle(int pick) {
        Obj o = world.pick(pick, DEVICE_TARGETS);
        if (o == null) {
            return null;
        }
        Code.E e = o.type() == Type.COHERENT || o.type() == Type.NONCOHERENT ? new Code.Field(new Code.Name(o.name()), "dma")
                : new Code.Name(o.name());
        return new Target(e, o.size(), o);
    }

    /** The whole target, or a slice of it: in range mostly, out of range or reversed now and then. */
    Code.E slice(Target t, Op op) {
        int s = op.variant(4, 4);
        long size = Math.max(1, t.size());
        if (s < 5) {
            return t.expr();
        }
        s = s >= 13 ? (extreme(op, 4) ? (s == 15 ? 7 : 6) : 1) : s % 6;
        long lo;
        long hi;
        switch (s) {
            case 0, 1, 2 -> {
                lo = 0;
                hi = Math.min(64, size);
            }
            case 3 -> {
                lo = Numbers.offset(op.x()) % size;
                hi = Math.min(size, lo + 64 + Math.floorMod(op.y(), 4096));
            }
            case 4 -> {
                lo = Math.max(0, size - 64);
                hi = size;
            }
            case 5 -> {
                lo = 0;
                hi = size;
            }
            case 6 -> {
                lo = extreme(op, 5) ? Numbers.size(op.x(), 100) : 0;
                hi = extreme(op, 6) ? Numbers.size(op.y(), 100) : size + 1;
            }
            default -> {
                lo = 64;
                hi = extreme(op, 7) ? 0 : 128;
            }
        }
        return new Code.Slice(t.expr(), number(lo, op), number(hi, op));
    }

    /** Bytes to write. */
    Code.E value(Op op) {
        int k = op.variant(12, 4);
        long x = op.y();
        return switch (k) {
            case 0, 1, 2, 3, 4 -> new Code.Int(Math.floorMod(x, 256), 1);
            case 5 -> new Code.Int(0x5A, 1);
            case 6 -> new Code.Call("u32", new Code.Int(Math.floorMod(x, 1L << 32), 1));
            case 7 -> new Code.Call("u64", new Code.Int(x, 1));
            case 8 -> new Code.Call("pattern", new Code.Int(Math.floorMod(x, 1000), 0));
            case 9 -> new Code.Text("frame" + Math.floorMod(x, 10));
            case 10 -> new Code.ListOf(List.of(new Code.Int(1, 0), new Code.Int(2, 0), new Code.Int(3, 0)));
            case 11 -> extreme(op, 8) ? new Code.Int(x, 0) : new Code.Int(0, 0);
            case 12 -> extreme(op, 9) ? new Code.Text("") : new Code.Int(0xFF, 1);
            default -> new Code.Int(Math.floorMod(x, 256), 0);
        };
    }

    /** A value of a wrong type (or a wrong object) for an argument. */
    Code.E wrongValue(Op op) {
        int k = Math.floorMod(op.c() + op.v(), 9);
        Obj any = world.any(op.c());
        return switch (k) {
            case 0 -> new Code.Text("nic");
            case 1 -> new Code.Bool(true);
            case 2 -> new Code.Null();
            case 3 -> new Code.ListOf(List.of(new Code.Int(1, 0)));
            case 4 -> new Code.Rec(Map.of("dma", new Code.Int(0, 0)));
            case 5 -> new Code.Int(Numbers.EXTREME[Math.floorMod(op.x(), Numbers.EXTREME.length)], 0);
            case 6 -> new Code.Const("GFP_KERNEL");
            default -> any == null ? new Code.Int(-1, 0) : new Code.Name(any.name());
        };
    }

    /** {@code args} with one replaced by a wrong value, as often as the header says. */
    List<Code.E> maybeWrong(Op op, List<Code.E> args) {
        if (args.isEmpty() || Math.floorMod(op.v() * 7 + op.c(), 100) >= header.wrong()) {
            return args;
        }
        java.util.ArrayList<Code.E> out = new java.util.ArrayList<>(args);
        out.set(Math.floorMod(op.c(), out.size()), wrongValue(op));
        return out;
    }

    Code.Call call(Op op, String builtin, Code.E... args) {
        return new Code.Call(builtin, maybeWrong(op, List.of(args)), Map.of());
    }
}
