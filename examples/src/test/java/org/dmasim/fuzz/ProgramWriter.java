package org.dmasim.fuzz;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.fuzz.Operands.Target;
import org.dmasim.fuzz.World.Obj;
import org.dmasim.fuzz.World.Type;

/**
 * Turns a header and a list of steps into code: each step becomes one line whose operands come from
 * what earlier lines bound. Memory, streaming DMA and accesses are here; dma-buf and device memory
 * in {@link SharingWriter}; loops, functions, blocks and libraries in {@link ControlWriter}.
 */
final class ProgramWriter {
    final Operands o;
    final World w;
    private final SharingWriter sharing;
    private final ControlWriter control;
    private final ConcurrencyWriter concurrency;
    private final PoolWriter pools;

    private ProgramWriter(Header header, boolean js) {
        this.w = new World();
        this.o = new Operands(w, header, js);
        this.sharing = new SharingWriter(this);
        this.control = new ControlWriter(this);
        this.concurrency = new ConcurrencyWriter(this);
        this.pools = new PoolWriter(this);
    }

    /** The program's statements, one per line. */
    static List<Code.S> write(Header header, List<Op> ops, boolean js) {
        ProgramWriter p = new ProgramWriter(header, js);
        List<Code.S> out = new ArrayList<>(header.declarations(p.w));
        for (Op op : ops) {
            if (js && !op.kind().translatable()) {
                continue;
            }
            out.add(p.step(op, false));
        }
        return out;
    }

    /** One step; {@code nested}: inside a block, so it binds no name the rest of the program sees. */
    Code.S step(Op op, boolean nested) {
        return switch (op.kind()) {
            case ALLOC_PAGES, KMALLOC, VMALLOC, SHMEM, STACK_BUF, RODATA -> allocate(op, nested);
            case SHMEM_PIN -> shmemPin(op, nested);
            case SG_TABLE -> sgTable(op, nested);
            case COHERENT -> coherent(op, nested);
            case FREE -> free(op, nested);
            case FREE_COHERENT -> freeCoherent(op, nested);
            case GET_SGTABLE -> getSgtable(op, nested);
            case MAP_SINGLE, MAP_PAGE -> map(op, nested);
            case MAPPING_ERROR -> mappingError(op, nested);
            case UNMAP -> unmap(op, nested);
            case SYNC, SYNC_RANGE -> sync(op, nested);
            case NEED_SYNC -> needSync(op, nested);
            case MAP_SG -> mapSg(op, nested);
            case UNMAP_SG, SYNC_SG -> sgCall(op, nested);
            case SET_MASK -> setMask(op);
            case CPU_WRITE, CPU_READ, EXPECT_READ -> cpuAccess(op, nested);
            case DEV_WRITE, DEV_READ -> deviceAccess(op, nested);
            case HW_EVENT -> hardwareEvent(op, nested);
            case PRINT -> print(op, nested);
            case REPORTS -> new Code.Eval(new Code.Call("print", new Code.Call("reports")));
            case HEAP_ALLOC, EXPORT, FD, GET, PUT, ATTACH, MAP_ATTACHMENT, UNMAP_ATTACHMENT, DETACH, CPU_ACCESS, VMAP,
                    VUNMAP, MMAP, MUNMAP, BUF_SYNC, PRIME_IMPORT, GEM_MAP, VRAM_ALLOC, MAP_RESOURCE, UNMAP_RESOURCE,
                    IO_WRITE, IO_READ, PIN -> sharing.step(op, nested);
            case LOOP, WHILE, IF, FN, RECURSE, EXPECT_REPORT, LIBRARY, ASSIGN, EXPECT_CLEAN -> control.step(op, nested);
            case ASYNC, WAIT, FENCE, RESV -> concurrency.step(op, nested);
            case POOL -> pools.step(op, nested);
        };
    }

    /** {@code let NAME = value} binding {@code type}; inside a block, just the expression. */
    Code.S bind(boolean nested, String prefix, Type type, long size, String device, int dir, Obj of, Code.E value) {
        if (nested) {
            return new Code.Eval(value);
        }
        String name = w.fresh(prefix);
        w.add(name, type, size, device, dir, of);
        return new Code.Let(name, value);
    }

    private Code.S allocate(Op op, boolean nested) {
        long size = o.size(op, op.x());
        Code.E gfp = switch (op.variant(0, 3)) {
            case 1 -> new Code.Const("GFP_DMA32");
            case 2 -> new Code.Const("GFP_DMA");
            case 3 -> new Code.Const("GFP_KERNEL");
            case 4 -> o.extreme(op, 1) ? o.number(op.y(), op) : null;
            default -> null;
        };
        return switch (op.kind()) {
            case KMALLOC -> {
                long small = o.extreme(op, 2) ? size : new long[] {8, 16, 64, 100, 128, 288, 2048, 8192, 10000}[
                        Math.floorMod(op.x(), 9)];
                yield bind(nested, "k", Type.KMALLOC, small, null, -1, null, gfp == null
                        ? o.call(op, "kmalloc", o.number(small, op)) : o.call(op, "kmalloc", o.number(small, op), gfp));
            }
            // the kernel stack is 16 KiB (THREAD_SIZE); a constant table is mostly small
            case STACK_BUF, RODATA -> {
                boolean stack = op.kind() == Op.Kind.STACK_BUF;
                long small = o.extreme(op, 2) ? size : (stack ? new long[] {8, 64, 100, 512, 4096, 16384}
                        : new long[] {16, 256, 4096, 10000, 65536, 4})[Math.floorMod(op.x(), 6)];
                yield bind(nested, stack ? "st" : "ro", stack ? Type.STACK : Type.RODATA, small, null, -1, null,
                        o.call(op, stack ? "stack_buf" : "rodata", o.number(small, op)));
            }
            case VMALLOC -> bind(nested, "v", Type.VMALLOC, pages(size), null, -1, null, o.call(op, "vmalloc",
                    o.number(size, op)));
            case SHMEM -> bind(nested, "s", Type.SHMEM, size, null, -1, null, gfp == null
                    ? o.call(op, "shmem", o.number(size, op)) : o.call(op, "shmem", o.number(size, op), gfp));
            default -> bind(nested, "b", Type.PAGES, pages(size), null, -1, null, gfp == null
                    ? o.call(op, "alloc_pages", o.number(size, op)) : o.call(op, "alloc_pages", o.number(size, op), gfp));
        };
    }

    static long pages(long size) {
        return size; // the buffer has the size asked for (the allocator rounds its pages, not the view)
    }

    private Code.S shmemPin(Op op, boolean nested) {
        Obj s = w.pick(op.a(), Type.SHMEM);
        if (s == null) {
            return allocate(new Op(Op.Kind.SHMEM, op.a(), op.b(), op.c(), op.x(), op.y(), op.v()), nested);
        }
        String fn = new String[] {"shmem_pin", "shmem_unpin", "shmem_swap_out"}[Math.floorMod(op.variant(0, 4), 3)];
        return new Code.Eval(o.call(op, fn, new Code.Name(s.name())));
    }

    private Code.S sgTable(Op op, boolean nested) {
        List<Obj> bufs = w.of(Operands.BUFFERS);
        if (bufs.isEmpty()) {
            return allocate(new Op(Op.Kind.ALLOC_PAGES, op.a(), op.b(), op.c(), op.x(), op.y(), op.v()), nested);
        }
        Obj first = bufs.get(Math.floorMod(op.a(), bufs.size()));
        if (op.variant(0, 2) == 3 && bufs.size() > 1) {
            Obj second = bufs.get(Math.floorMod(op.b(), bufs.size()));
            return bind(nested, "g", Type.SG, first.size() + second.size(), null, -1, first, o.call(op, "sg_table",
                    new Code.ListOf(List.of(new Code.Name(first.name()), new Code.Name(second.name())))));
        }
        return bind(nested, "g", Type.SG, first.size(), null, -1, first, o.call(op, "sg_table", new Code.Name(first.name())));
    }

    private Code.S coherent(Op op, boolean nested) {
        Obj dev = w.device(op.b());
        String d = dev == null ? "cpu" : dev.name();
        long size = o.size(op, op.x());
        Code.E n = o.number(size, op);
        return switch (op.variant(0, 2)) {
            case 1 -> bind(nested, "c", Type.COHERENT, pages(size), d, 2, null, o.call(op, "dma_alloc_attrs", new Code.Name(d),
                    n, new Code.Const(op.variant(2, 1) == 0 ? "DMA_ATTR_WRITE_COMBINE" : "DMA_ATTR_NO_KERNEL_MAPPING")));
            case 2 -> {
                Code.E dir = o.dir(op, 8);
                yield bind(nested, "c", Type.NONCOHERENT, pages(size), d, Operands.dirIndex(dir), null,
                        o.call(op, "dma_alloc_noncoherent", new Code.Name(d), n, dir));
            }
            default -> bind(nested, "c", Type.COHERENT, pages(size), d, 2, null,
                    o.call(op, "dma_alloc_coherent", new Code.Name(d), n));
        };
    }

    private Code.S free(Op op, boolean nested) {
        Obj b = w.pick(op.a(), Operands.BUFFERS);
        if (b == null) {
            return allocate(new Op(Op.Kind.KMALLOC, op.a(), op.b(), op.c(), op.x(), op.y(), op.v()), nested);
        }
        String fn = switch (b.type()) {
            case KMALLOC -> "kfree";
            case VMALLOC -> "vfree";
            case PAGES -> "free_pages";
            default -> "kfree";
        };
        if (op.variant(0, 3) == 7) {
            fn = new String[] {"kfree", "vfree", "free_pages"}[Math.floorMod(op.c(), 3)];
        }
        return new Code.Eval(o.call(op, fn, new Code.Name(b.name())));
    }

    private Code.S freeCoherent(Op op, boolean nested) {
        Obj c = w.pick(op.a(), Type.COHERENT, Type.NONCOHERENT);
        if (c == null) {
            return coherent(op, nested);
        }
        String fn = (c.type() == Type.NONCOHERENT) == (op.variant(0, 3) != 7) ? "dma_free_noncoherent" : "dma_free_coherent";
        Code.E dev = op.variant(3, 3) == 7 ? o.device(op) : new Code.Name(c.device());
        return new Code.Eval(o.call(op, fn, dev, new Code.Name(c.name())));
    }

    private Code.S getSgtable(Op op, boolean nested) {
        Obj c = w.pick(op.a(), Type.COHERENT, Type.NONCOHERENT);
        if (c == null) {
            return coherent(op, nested);
        }
        return bind(nested, "g", Type.SG, c.size(), null, -1, c, o.call(op, "dma_get_sgtable", new Code.Name(c.device()),
                new Code.Name(c.name())));
    }

    private Code.S map(Op op, boolean nested) {
        Target t = o.view(op.a());
        if (t == null) {
            return allocate(new Op(Op.Kind.ALLOC_PAGES, op.a(), op.b(), op.c(), op.x(), op.y(), op.v()), nested);
        }
        Obj dev = w.device(op.b());
        String d = dev == null ? "cpu" : dev.name();
        Code.E dir = o.dir(op, 8);
        Code.E attrs = switch (op.variant(16, 3)) {
            case 1 -> new Code.Const("DMA_ATTR_SKIP_CPU_SYNC");
            case 2 -> new Code.Const("DMA_ATTR_REQUIRE_COHERENT");
            case 3 -> o.extreme(op, 4) ? o.number(op.y(), op) : null;
            default -> null;
        };
        if (op.kind() == Op.Kind.MAP_PAGE) {
            long off = Numbers.offset(op.x());
            long size = o.extreme(op, 5) ? Numbers.size(op.y(), 100) : Math.max(1, Math.min(t.size() - off, 4096));
            List<Code.E> args = new ArrayList<>(List.of(new Code.Name(d), t.expr(), o.number(off, op), o.number(size, op), dir));
            if (attrs != null) {
                args.add(attrs);
            }
            return bind(nested, "m", Type.MAPPING, size, d, Operands.dirIndex(dir), t.obj(),
                    new Code.Call("dma_map_page", o.maybeWrong(op, args), java.util.Map.of()));
        }
        Code.E target = o.js ? t.expr() : o.slice(t, op);
        long size = target instanceof Code.Slice s && s.lo() instanceof Code.Int lo && s.hi() instanceof Code.Int hi
                ? hi.value() - lo.value() : t.size();
        List<Code.E> args = new ArrayList<>(List.of(new Code.Name(d), target, dir));
        if (attrs != null) {
            args.add(attrs);
        }
        return bind(nested, "m", Type.MAPPING, size, d, Operands.dirIndex(dir), t.obj(),
                new Code.Call("dma_map_single", o.maybeWrong(op, args), java.util.Map.of()));
    }

    private Code.S mappingError(Op op, boolean nested) {
        Target h = o.handle(op.a());
        if (h == null) {
            return map(op, nested);
        }
        Code.E dev = h.obj().device() == null || op.variant(0, 3) == 7 ? o.device(op) : new Code.Name(h.obj().device());
        Code.E call = o.call(op, "dma_mapping_error", dev, h.expr());
        if (o.js || op.variant(3, 1) == 0) {
            return new Code.Eval(call);
        }
        return new Code.Expect(null, new Code.Not(call));
    }

    private Code.S unmap(Op op, boolean nested) {
        Obj m = w.pick(op.a(), Type.MAPPING);
        if (m == null) {
            return map(op, nested);
        }
        String fn = op.variant(4, 3) == 7 ? "dma_unmap_page" : "dma_unmap_single";
        if (op.variant(0, 2) == 0) {
            return new Code.Eval(o.call(op, fn, new Code.Name(m.name())));
        }
        Code.E dev = op.variant(2, 2) == 3 ? o.device(op) : new Code.Name(m.device());
        long size = op.variant(7, 3) == 7 ? Numbers.size(op.y(), 100) : m.size();
        Code.E handle = op.variant(10, 2) == 3 ? new Code.Field(new Code.Name(m.name()), "dma") : new Code.Name(m.name());
        return new Code.Eval(o.call(op, fn, dev, handle, o.number(size, op), o.sameDir(m, op)));
    }

    private Code.S sync(Op op, boolean nested) {
        Obj m = w.pick(op.a(), Type.MAPPING, Type.NONCOHERENT, Type.COHERENT);
        if (m == null) {
            return map(op, nested);
        }
        boolean cpu = op.variant(0, 1) == 0;
        Code.E handle = m.type() == Type.MAPPING ? new Code.Name(m.name()) : new Code.Field(new Code.Name(m.name()), "dma");
        Code.E dev = m.device() == null || op.variant(2, 3) == 7 ? o.device(op) : new Code.Name(m.device());
        if (op.kind() == Op.Kind.SYNC_RANGE) {
            long off = o.extreme(op, 6) ? Numbers.size(op.x(), 100) : Numbers.offset(op.x()) % Math.max(1, m.size());
            long size = o.extreme(op, 7) ? Numbers.size(op.y(), 100) : Math.max(1, Math.min(64, m.size() - off));
            return new Code.Eval(o.call(op, cpu ? "dma_sync_single_range_for_cpu" : "dma_sync_single_range_for_device",
                    dev, handle, o.number(off, op), o.number(size, op), o.sameDir(m, op)));
        }
        String fn = cpu ? "dma_sync_single_for_cpu" : "dma_sync_single_for_device";
        if (op.variant(5, 2) == 0 && m.type() == Type.MAPPING) {
            return new Code.Eval(o.call(op, fn, handle));
        }
        long size = op.variant(7, 3) == 7 ? Numbers.size(op.y(), 100) : m.size();
        return new Code.Eval(o.call(op, fn, dev, handle, o.number(size, op), o.sameDir(m, op)));
    }

    private Code.S needSync(Op op, boolean nested) {
        Target h = o.handle(op.a());
        if (h == null) {
            return map(op, nested);
        }
        Code.E dev = h.obj().device() == null ? o.device(op) : new Code.Name(h.obj().device());
        return new Code.Eval(new Code.Call("print", o.call(op, "dma_need_sync", dev, h.expr())));
    }

    private Code.S mapSg(Op op, boolean nested) {
        Obj g = w.pick(op.a(), Type.SG);
        if (g == null) {
            return sgTable(op, nested);
        }
        Obj dev = w.device(op.b());
        String d = dev == null ? "cpu" : dev.name();
        Code.E dir = o.dir(op, 8);
        boolean table = op.variant(0, 1) == 1;
        Code.E call = o.call(op, table ? "dma_map_sgtable" : "dma_map_sg", new Code.Name(d), new Code.Name(g.name()), dir);
        if (!nested) {
            w.replace(g, new Obj(g.name(), Type.SG, g.size(), d, Operands.dirIndex(dir), g.of(), false));
        }
        return nested ? new Code.Eval(call) : new Code.Let(w.fresh("n"), call);
    }

    private Code.S sgCall(Op op, boolean nested) {
        Obj g = w.pick(op.a(), Type.SG);
        if (g == null) {
            return sgTable(op, nested);
        }
        Code.E dev = g.device() == null || op.variant(0, 3) == 7 ? o.device(op) : new Code.Name(g.device());
        Code.E nents = switch (op.variant(3, 3)) {
            case 0, 1, 2 -> new Code.Field(new Code.Name(g.name()), "orig_nents");
            case 3 -> new Code.Field(new Code.Name(g.name()), "nents");
            case 4 -> new Code.Int(1, 0);
            case 5 -> new Code.Int(0, 0);
            default -> o.number(new long[] {4095, 2, -1, Long.MAX_VALUE, 1L << 32}[Math.floorMod(op.y(), 5)], op);
        };
        boolean table = op.variant(6, 2) == 3;
        boolean cpu = op.variant(8, 1) == 0;
        String fn = op.kind() == Op.Kind.UNMAP_SG ? (table ? "dma_unmap_sgtable" : "dma_unmap_sg")
                : table ? (cpu ? "dma_sync_sgtable_for_cpu" : "dma_sync_sgtable_for_device")
                : cpu ? "dma_sync_sg_for_cpu" : "dma_sync_sg_for_device";
        Code.E sgt = new Code.Name(g.name());
        return new Code.Eval(table ? o.call(op, fn, dev, sgt, o.sameDir(g, op)) : o.call(op, fn, dev, sgt, nents, o.sameDir(g, op)));
    }

    private Code.S setMask(Op op) {
        String fn = new String[] {"dma_set_mask", "dma_set_coherent_mask", "dma_set_mask_and_coherent"}[
                Math.floorMod(op.variant(0, 2), 3)];
        long bits = o.extreme(op, 8) ? Numbers.size(op.x(), 100) : new long[] {24, 30, 32, 40, 48, 64}[Math.floorMod(op.x(), 6)];
        Code.E mask = op.variant(2, 1) == 1 ? o.call(op, "DMA_BIT_MASK", o.number(bits, op)) : o.number(bits, op);
        return new Code.Eval(new Code.Call("print", o.call(op, fn, o.device(op), mask)));
    }

    private Code.S cpuAccess(Op op, boolean nested) {
        Target t = o.view(op.a());
        if (t == null) {
            return allocate(new Op(Op.Kind.ALLOC_PAGES, op.a(), op.b(), op.c(), op.x(), op.y(), op.v()), nested);
        }
        Code.E target = o.slice(t, op);
        return switch (op.kind()) {
            case CPU_WRITE -> new Code.Write("cpu", target, o.value(op));
            case EXPECT_READ -> expectRead("cpu", target, op);
            default -> new Code.Eval(new Code.Read("cpu", target));
        };
    }

    Code.S expectRead(String actor, Code.E target, Op op) {
        String q = new String[] {null, null, "sometimes", "never", "always", null, null, null}[op.variant(16, 3)];
        Code.E read = new Code.Read(actor, target);
        return new Code.Expect(q, q == null && op.variant(19, 2) == 3 ? new Code.Field(read, "certain") : new Code.Binary(op.variant(21, 1) == 0 ? "==" : "!=",
                read, o.value(op)));
    }

    private Code.S deviceAccess(Op op, boolean nested) {
        Target h = o.handle(op.a());
        if (h == null) {
            return map(op, nested);
        }
        Obj dev = h.obj().device() != null && op.variant(0, 3) != 7 ? w.device(h.obj().device()) : w.device(op.b());
        String actor = dev == null ? "cpu" : dev.name();
        Code.E target = o.slice(h, op);
        if (op.kind() == Op.Kind.DEV_WRITE) {
            return new Code.Write(actor, target, o.value(op));
        }
        if (!o.js && op.variant(8, 2) == 3) {
            return expectRead(actor, target, op);
        }
        return new Code.Eval(new Code.Read(actor, target));
    }

    private Code.S hardwareEvent(Op op, boolean nested) {
        int k = op.variant(0, 3);
        if (k == 0) {
            return new Code.Eval(new Code.Call("wmb"));
        }
        Target t = o.view(op.a());
        if (t == null) {
            return new Code.Eval(new Code.Call("wmb"));
        }
        String fn = new String[] {"clflush", "evict", "prefetch", "writeback"}[k % 4];
        return new Code.Eval(o.call(op, fn, o.js ? t.expr() : o.slice(t, op)));
    }

    private Code.S print(Op op, boolean nested) {
        Obj any = w.any(op.a());
        if (any == null) {
            return new Code.Eval(new Code.Call("print", new Code.Int(op.x(), 1)));
        }
        String[] fields = switch (any.type()) {
            case MAPPING -> new String[] {"dma", "size", "dir", "bounced", "iommu", "failed"};
            case SG -> new String[] {"nents", "orig_nents", "dma", "size"};
            case COHERENT, NONCOHERENT -> new String[] {"size", "cpu", "dma"};
            case DMABUF -> new String[] {"refs", "attachments", "size", "exporter", "vmaps"};
            case DEVICE -> new String[] {"dma_mask", "coherent", "coherent_dma_mask", "name"};
            case PAGES, KMALLOC, VMALLOC, STACK, RODATA -> new String[] {"phys", "size"};
            default -> new String[] {"size"};
        };
        Code.E target = new Code.Name(any.name());
        int k = op.variant(0, 3);
        return new Code.Eval(new Code.Call("print", k == 7 ? target : new Code.Field(target, fields[k % fields.length])));
    }
}
