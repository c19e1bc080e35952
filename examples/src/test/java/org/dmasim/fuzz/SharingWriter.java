package org.dmasim.fuzz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.fuzz.Operands.Target;
import org.dmasim.fuzz.World.Obj;
import org.dmasim.fuzz.World.Type;

/**
 * Steps that share buffers: dma-buf heaps (system, CMA, udmabuf), export, fds, attachments and
 * their pins, CPU access brackets, mmap, vmap, VRAM, I/O memory.
 */
final class SharingWriter {
    private final ProgramWriter p;
    private final Operands o;
    private final World w;

    SharingWriter(ProgramWriter p) {
        this.p = p;
        this.o = p.o;
        this.w = p.w;
    }

    Code.S step(Op op, boolean nested) {
        return switch (op.kind()) {
            case HEAP_ALLOC -> heapAlloc(op, nested);
            case EXPORT -> export(op, nested);
            case FD -> withBuf(op, nested, x -> p.bind(nested, "f", Type.FD, x.size(), null, -1, x,
                    o.call(op, "dma_buf_fd", name(x))));
            case GET -> withFd(op, nested, f -> p.bind(nested, "x", Type.DMABUF, f.size(), null, -1, f.of(),
                    o.call(op, "dma_buf_get", name(f))));
            case PUT -> withBuf(op, nested, x -> new Code.Eval(o.call(op, "dma_buf_put", name(x))));
            case ATTACH -> withBuf(op, nested, x -> attach(op, nested, x));
            case MAP_ATTACHMENT -> mapAttachment(op, nested);
            case UNMAP_ATTACHMENT -> unmapAttachment(op, nested);
            case DETACH -> detach(op, nested);
            case CPU_ACCESS -> withBuf(op, nested, x -> new Code.Eval(o.call(op,
                    op.variant(0, 1) == 0 ? "dma_buf_begin_cpu_access" : "dma_buf_end_cpu_access", name(x), o.dir(op, 8))));
            case VMAP -> withBuf(op, nested, x -> p.bind(nested, "vm", Type.VMAP, x.size(), null, -1, x,
                    o.call(op, "dma_buf_vmap", name(x))));
            case VUNMAP -> vunmap(op, nested);
            case MMAP -> withFd(op, nested, f -> mmap(op, nested, f));
            case MUNMAP -> {
                Obj u = w.pick(op.a(), Type.MMAP);
                yield u == null ? withFd(op, nested, f -> mmap(op, nested, f)) : new Code.Eval(o.call(op, "munmap", name(u)));
            }
            case BUF_SYNC -> withFd(op, nested, f -> new Code.Eval(new Code.Call("print", o.call(op, "dma_buf_sync",
                    name(f), syncFlags(op)))));
            case PRIME_IMPORT -> withFd(op, nested, f -> p.bind(nested, "o", Type.GEM, f.size(), o.device(op) instanceof
                    Code.Name n ? n.name() : null, -1, f, o.call(op, "drm_gem_prime_import", o.device(op), name(f))));
            case GEM_MAP -> gemMap(op, nested);
            case VRAM_ALLOC -> vramAlloc(op, nested);
            case MAP_RESOURCE -> mapResource(op, nested);
            case UNMAP_RESOURCE -> unmapResource(op, nested);
            case IO_WRITE, IO_READ -> io(op, nested);
            case PIN -> pin(op, nested);
            default -> throw new IllegalArgumentException(op.kind().name());
        };
    }

    private static Code.Name name(Obj x) {
        return new Code.Name(x.name());
    }

    private Code.S withBuf(Op op, boolean nested, java.util.function.Function<Obj, Code.S> then) {
        Obj x = w.pick(op.a(), Type.DMABUF);
        return x == null ? heapAlloc(op, nested) : then.apply(x);
    }

    private Code.S withFd(Op op, boolean nested, java.util.function.Function<Obj, Code.S> then) {
        Obj f = w.pick(op.a(), Type.FD);
        if (f == null) {
            return withBuf(op, nested, x -> p.bind(nested, "f", Type.FD, x.size(), null, -1, x,
                    o.call(op, "dma_buf_fd", name(x))));
        }
        return then.apply(f);
    }

    /**
     * A dma-buf from a heap: the system heap, the CMA heap (drivers/dma-buf/heaps/cma_heap.c), or
     * udmabuf over a shmem object (drivers/dma-buf/udmabuf.c).
     */
    private Code.S heapAlloc(Op op, boolean nested) {
        long size = o.size(op, op.x());
        int k = op.variant(20, 3);
        Obj memfd = k == 6 || k == 7 ? w.pick(op.c(), Type.SHMEM) : null;
        if (memfd != null) {
            Code.E call = k == 6 ? o.call(op, "udmabuf_create", name(memfd))
                    : o.call(op, "udmabuf_create", name(memfd), o.number(Numbers.offset(op.y()), op), o.number(size, op));
            return p.bind(nested, "x", Type.DMABUF, k == 6 ? memfd.size() : size, null, -1, memfd, call);
        }
        Code.E call = k == 4 || k == 5 ? o.call(op, "dma_heap_alloc", o.number(size, op), new Code.Text("default_cma_region"))
                : o.call(op, "dma_heap_alloc", o.number(size, op));
        return p.bind(nested, "x", Type.DMABUF, ProgramWriter.pages(size), null, -1, null, call);
    }

    /** {@code dma_buf_pin}/{@code dma_buf_unpin} of an attachment (a dynamic importer's, or not). */
    private Code.S pin(Op op, boolean nested) {
        Obj a = w.pick(op.a(), Type.ATTACHMENT);
        if (a == null) {
            return withBuf(op, nested, x -> attach(op, nested, x));
        }
        return new Code.Eval(new Code.Call("print", o.call(op, op.variant(0, 2) == 3 ? "dma_buf_unpin" : "dma_buf_pin",
                name(a))));
    }

    private Code.S export(Op op, boolean nested) {
        Obj buf = w.pick(op.a(), Type.SHMEM, Type.VRAM, Type.COHERENT, Type.SHMEM, Type.PAGES);
        if (buf == null) {
            return p.step(new Op(Op.Kind.SHMEM, op.a(), op.b(), op.c(), op.x(), op.y(), op.v()), nested);
        }
        Code.E dev = buf.type() == Type.VRAM && op.variant(0, 2) != 3 ? new Code.Name(buf.device()) : o.device(op);
        return p.bind(nested, "x", Type.DMABUF, buf.size(), null, -1, buf, o.call(op, "dma_buf_export", dev, name(buf)));
    }

    private Code.S attach(Op op, boolean nested, Obj x) {
        Obj dev = w.device(op.b());
        String d = dev == null ? "cpu" : dev.name();
        Code.E call;
        if (op.variant(0, 1) == 0) {
            call = o.call(op, "dma_buf_attach", name(x), new Code.Name(d));
        } else {
            Map<String, Code.E> kw = new LinkedHashMap<>();
            if (op.variant(1, 1) == 1) {
                kw.put("peer2peer", new Code.Bool(true));
            }
            if (op.variant(2, 2) == 3) {
                kw.put("move_notify", new Code.Bool(false));
            }
            call = new Code.Call("dma_buf_dynamic_attach", o.maybeWrong(op, List.of(name(x), new Code.Name(d))), kw);
        }
        return p.bind(nested, "a", Type.ATTACHMENT, x.size(), d, -1, x, call);
    }

    private Code.S mapAttachment(Op op, boolean nested) {
        Obj a = w.pick(op.a(), Type.ATTACHMENT);
        if (a == null) {
            return withBuf(op, nested, x -> attach(op, nested, x));
        }
        Code.E dir = o.dir(op, 8);
        return p.bind(nested, "t", Type.ATT_SGT, a.size(), a.device(), Operands.dirIndex(dir), a,
                o.call(op, "dma_buf_map_attachment", name(a), dir));
    }

    private Code.S unmapAttachment(Op op, boolean nested) {
        Obj t = w.pick(op.a(), Type.ATT_SGT);
        if (t == null) {
            return mapAttachment(op, nested);
        }
        Obj a = op.variant(0, 3) == 7 ? w.pick(op.b(), Type.ATTACHMENT) : t.of();
        return new Code.Eval(o.call(op, "dma_buf_unmap_attachment", name(a), name(t), o.sameDir(t, op)));
    }

    private Code.S detach(Op op, boolean nested) {
        Obj a = w.pick(op.a(), Type.ATTACHMENT);
        if (a == null) {
            return withBuf(op, nested, x -> attach(op, nested, x));
        }
        Obj x = op.variant(0, 3) == 7 ? w.pick(op.b(), Type.DMABUF) : a.of();
        return new Code.Eval(o.call(op, "dma_buf_detach", name(x), name(a)));
    }

    private Code.S vunmap(Op op, boolean nested) {
        Obj vm = w.pick(op.a(), Type.VMAP);
        if (vm == null) {
            return withBuf(op, nested, x -> p.bind(nested, "vm", Type.VMAP, x.size(), null, -1, x,
                    o.call(op, "dma_buf_vmap", name(x))));
        }
        Obj owner = vm.of();
        Code.E buf = owner != null && owner.type() == Type.GEM ? new Code.Field(name(owner), "dmabuf") : name(owner);
        return new Code.Eval(o.call(op, "dma_buf_vunmap", buf, name(vm)));
    }

    private Code.S mmap(Op op, boolean nested, Obj f) {
        int k = op.variant(0, 2);
        long size = o.extreme(op, 10) ? Numbers.size(op.x(), 100) : Math.max(4096, Math.min(f.size(), 65536));
        long off = o.extreme(op, 11) ? Numbers.size(op.y(), 100) : 0;
        Code.E call = switch (k) {
            case 1 -> o.call(op, "mmap", name(f), o.number(size, op));
            case 2 -> o.call(op, "mmap", name(f), o.number(size, op), o.number(off, op));
            default -> o.call(op, "mmap", name(f));
        };
        return p.bind(nested, "u", Type.MMAP, k == 0 ? f.size() : size, null, -1, f, call);
    }

    private Code.E syncFlags(Op op) {
        if (o.extreme(op, 12)) {
            return o.number(new long[] {0, 8, 0xFF, -1, 4}[Math.floorMod(op.x(), 5)], op);
        }
        String start = op.variant(0, 1) == 0 ? "DMA_BUF_SYNC_START" : "DMA_BUF_SYNC_END";
        String rw = new String[] {"DMA_BUF_SYNC_READ", "DMA_BUF_SYNC_WRITE", "DMA_BUF_SYNC_RW"}[Math.floorMod(op.variant(1, 2), 3)];
        return new Code.Binary("|", new Code.Const(start), new Code.Const(rw));
    }

    private Code.S gemMap(Op op, boolean nested) {
        Obj g = w.pick(op.a(), Type.GEM);
        if (g == null) {
            return withFd(op, nested, f -> p.bind(nested, "o", Type.GEM, f.size(), null, -1, f,
                    o.call(op, "drm_gem_prime_import", o.device(op), name(f))));
        }
        if (op.variant(0, 1) == 0) {
            return p.bind(nested, "u", Type.MMAP, g.size(), null, -1, g, o.call(op, "drm_gem_mmap", name(g)));
        }
        return p.bind(nested, "vm", Type.VMAP, g.size(), null, -1, g, o.call(op, "drm_gem_vmap", name(g)));
    }

    private Code.S vramAlloc(Op op, boolean nested) {
        List<Obj> devs = w.of(Type.DEVICE);
        Obj dev = null;
        for (int i = 0; i < devs.size(); i++) {
            Obj d = devs.get(Math.floorMod(op.b() + i, devs.size()));
            if (d.vram() || op.variant(0, 3) == 7) {
                dev = d;
                break;
            }
        }
        if (dev == null) {
            return heapAlloc(op, nested);
        }
        long size = o.size(op, op.x());
        Obj made = new Obj(w.fresh("vr"), Type.VRAM, ProgramWriter.pages(size), dev.name(), -1, null, true);
        if (nested) {
            return new Code.Eval(o.call(op, "vram_alloc", name(dev), o.number(size, op)));
        }
        w.add(made);
        return new Code.Let(made.name(), o.call(op, "vram_alloc", name(dev), o.number(size, op)));
    }

    private Code.S mapResource(Op op, boolean nested) {
        Obj peer = null;
        for (Obj d : w.of(Type.DEVICE)) {
            if (d.vram()) {
                peer = d;
            }
        }
        Obj dev = w.device(op.b());
        if (peer == null || dev == null) {
            return vramAlloc(op, nested);
        }
        Code.E res = op.variant(0, 2) == 3 ? p.o.view(op.a()) instanceof Target t ? t.expr() : new Code.Name(peer.name())
                : new Code.Field(name(peer), "bar");
        Code.E dir = o.dir(op, 8);
        return p.bind(nested, "r", Type.RESOURCE, 4096, dev.name(), Operands.dirIndex(dir), peer,
                o.call(op, "dma_map_resource", name(dev), o.js && res instanceof Code.Slice s ? s.target() : res, dir));
    }

    private Code.S unmapResource(Op op, boolean nested) {
        Obj r = w.pick(op.a(), Type.RESOURCE);
        if (r == null) {
            return mapResource(op, nested);
        }
        if (op.variant(0, 1) == 0) {
            return new Code.Eval(o.call(op, "dma_unmap_resource", name(r)));
        }
        return new Code.Eval(o.call(op, "dma_unmap_resource", new Code.Name(r.device()), name(r),
                o.number(op.variant(1, 2) == 3 ? Numbers.size(op.y(), 100) : 4096, op), o.sameDir(r, op)));
    }

    private Code.S io(Op op, boolean nested) {
        Obj v = w.pick(op.a(), Type.VMAP, Type.VRAM, Type.VMAP);
        Target t = v == null ? o.view(op.a()) : new Target(name(v), v.size(), v);
        if (t == null) {
            return heapAlloc(op, nested);
        }
        long off = o.extreme(op, 13) ? Numbers.size(op.x(), 100) : Numbers.offset(op.x()) % Math.max(4, t.size() - 8);
        int k = op.variant(0, 2);
        if (op.kind() == Op.Kind.IO_WRITE) {
            return new Code.Eval(switch (k) {
                case 0 -> o.call(op, "memcpy_toio", o.js ? t.expr() : o.slice(t, op), o.value(op));
                case 1 -> o.call(op, "iowrite32", t.expr(), o.number(off, op), new Code.Int(Math.floorMod(op.y(), 1L << 32), 1));
                default -> o.call(op, "iosys_map_memcpy_to", t.expr(), o.number(off, op), o.value(op));
            });
        }
        return new Code.Eval(new Code.Call("print", switch (k) {
            case 0 -> o.call(op, "memcpy_fromio", o.js ? t.expr() : o.slice(t, op));
            case 1 -> o.call(op, "ioread32", t.expr(), o.number(off, op));
            default -> o.call(op, "iosys_map_rd", t.expr(), o.number(off, op),
                    o.number(new long[] {1, 2, 4, 8, 3, 16}[Math.floorMod(op.y(), 6)], op));
        }));
    }
}
