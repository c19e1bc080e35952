package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.ANY;
import static org.dmasim.interpreter.builtins.ParamType.BOOL;
import static org.dmasim.interpreter.builtins.ParamType.DEVICE;
import static org.dmasim.interpreter.builtins.ParamType.DIRECTION;
import static org.dmasim.interpreter.builtins.ParamType.HANDLE;
import static org.dmasim.interpreter.builtins.ParamType.INT;
import static org.dmasim.interpreter.builtins.ParamType.STRING;
import static org.dmasim.interpreter.builtins.ParamType.VIEW;

import java.util.List;
import org.dmasim.engine.dma.CoherentBuffer;
import org.dmasim.engine.dma.NoncoherentBuffer;
import org.dmasim.engine.dmabuf.DmaBuf;
import org.dmasim.engine.dmabuf.SgTable;
import org.dmasim.interpreter.eval.Value;

/** The dma-buf API: docs/reference.md "dma-buf" (drivers/dma-buf/dma-buf.c). */
final class DmaBufBuiltins {
    private DmaBufBuiltins() {
    }

    private static Param dmabufParam() {
        return Param.required("dmabuf", ANY, "a dma-buf");
    }

    static List<Builtin> all() {
        return List.of(
                new Builtin("dma_heap_alloc", "dma-buf",
                        List.of(Param.required("size", INT, "bytes, rounded up to pages"),
                                Param.withDefault("heap", STRING, new Value.Str("system"), "\"system\"",
                                        "the heap: \"system\", or \"default_cma_region\" (\"linux,cma\") for the CMA "
                                                + "heap")),
                        "a dma-buf, or null when memory runs out",
                        "a dma-buf from a heap: the system heap's cacheable pages in 1MiB/64KiB/4KiB chunks, or the "
                                + "CMA heap's one contiguous run below 4 GiB (zeroed through the cache); both map "
                                + "for importers with full cache maintenance and sync the mapped ones in begin/end",
                        (ctx, args) -> {
                            DmaBuf b = ctx.kernel().dmaBuf().dmaHeapAlloc(args.integer("size"), args.string("heap"),
                                    ctx.site());
                            return b == null ? Value.Null.NULL : DmaBufArgs.dmabuf(b);
                        }),
                new Builtin("dma_buf_export", "dma-buf",
                        List.of(Param.required("dev", DEVICE, "the exporting device (its driver property picks the "
                                        + "exporter)"),
                                Param.required("buf", ANY, "its buffer: shmem, a VRAM buffer, a coherent allocation")),
                        "a dma-buf",
                        "exports a buffer as a dma-buf with the behaviour of dev's driver (shmem, cma, system_heap, "
                                + "ttm), or of the buffer's kind",
                        (ctx, args) -> {
                            Value buf = args.value("buf");
                            DmaBuf b;
                            if (buf instanceof Value.Coherent c && c.allocation() instanceof CoherentBuffer cb) {
                                b = ctx.kernel().dmaBuf().dmaBufExport(args.device("dev"), cb.pages(), cb, ctx.site());
                            } else if (buf instanceof Value.Coherent c && c.allocation() instanceof NoncoherentBuffer n) {
                                // a GEM DMA object with map_noncoherent (drm_gem_dma_create)
                                b = ctx.kernel().dmaBuf().dmaBufExport(args.device("dev"), n.pages(), n, ctx.site());
                            } else if (buf instanceof Value.View v) {
                                b = ctx.kernel().dmaBuf().dmaBufExport(args.device("dev"), v.view(), null, ctx.site());
                            } else {
                                throw args.wrongType("buf", "a whole buffer or a coherent allocation");
                            }
                            return DmaBufArgs.dmabuf(b);
                        }),
                new Builtin("dma_buf_fd", "dma-buf", List.of(dmabufParam()),
                        "a file descriptor (or -EINVAL)",
                        "installs the dma-buf in the fd table for user space; the fd owns the export's reference",
                        (ctx, args) -> new Value.Int(ctx.kernel().dmaBuf().dmaBufFd(DmaBufArgs.dmabuf(args, "dmabuf"),
                                ctx.site()))),
                new Builtin("dma_buf_get", "dma-buf", List.of(Param.required("fd", INT, "a dma-buf fd")),
                        "the dma-buf (or -EBADF)", "takes a reference to the dma-buf behind an fd",
                        (ctx, args) -> DmaBufArgs.result(ctx.kernel().dmaBuf().dmaBufGet(DmaBufArgs.fd(args, "fd"),
                                ctx.site()), DmaBufArgs::dmabuf)),
                new Builtin("dma_buf_put", "dma-buf", List.of(dmabufParam()), "nothing",
                        "drops a reference; the last one releases the buffer (reported if still attached or vmapped)",
                        (ctx, args) -> {
                            ctx.kernel().dmaBuf().dmaBufPut(DmaBufArgs.dmabuf(args, "dmabuf"), ctx.site());
                            return Value.Null.NULL;
                        }),
                new Builtin("dma_buf_attach", "dma-buf",
                        List.of(dmabufParam(), Param.required("dev", DEVICE, "the importing device")),
                        "an attachment (or the exporter's -errno)",
                        "a static attachment: peer2peer is false, the exporter keeps the buffer where the importer "
                                + "reaches it",
                        (ctx, args) -> DmaBufArgs.result(ctx.kernel().dmaBuf().dmaBufAttach(
                                DmaBufArgs.dmabuf(args, "dmabuf"), args.device("dev"), false, false, ctx.site()),
                                DmaBufArgs::attachment)),
                new Builtin("dma_buf_dynamic_attach", "dma-buf",
                        List.of(dmabufParam(), Param.required("dev", DEVICE, "the importing device"),
                                Param.withDefault("peer2peer", BOOL, Value.Bool.FALSE, "false",
                                        "the importer handles peer memory without struct pages"),
                                Param.withDefault("move_notify", BOOL, Value.Bool.TRUE, "true",
                                        "the importer implements move_notify (mandatory)")),
                        "an attachment (or the exporter's -errno)",
                        "a dynamic attachment (with move_notify): the exporter may move the buffer; peer2peer lets "
                                + "it hand out a peer's VRAM",
                        (ctx, args) -> DmaBufArgs.result(ctx.kernel().dmaBuf().dmaBufAttach(
                                DmaBufArgs.dmabuf(args, "dmabuf"), args.device("dev"), true, args.bool("peer2peer"),
                                args.bool("move_notify"), ctx.site()), DmaBufArgs::attachment)),
                new Builtin("dma_buf_map_attachment", "dma-buf",
                        List.of(Param.required("att", ANY, "an attachment"),
                                Param.required("dir", DIRECTION, "the direction")),
                        "an sg table the importer reads and writes (or -errno)",
                        "the exporter maps the buffer for the importing device (dma_map_sgtable with its attrs, or "
                                + "peer-to-peer bus addresses); a static importer then waits for the kernel fences",
                        ImplicitWaits::mapAttachment),
                new Builtin("dma_buf_unmap_attachment", "dma-buf",
                        List.of(Param.required("att", ANY, "the attachment"),
                                Param.required("sgt", HANDLE, "the sg table it mapped"),
                                Param.required("dir", DIRECTION, "the direction it was mapped with")),
                        "nothing", "the exporter unmaps the importer's sg table",
                        (ctx, args) -> {
                            if (!(args.handleObject("sgt") instanceof SgTable sgt)) {
                                throw args.wrongType("sgt", "an sg table from dma_buf_map_attachment");
                            }
                            ctx.kernel().dmaBuf().dmaBufUnmapAttachment(DmaBufArgs.attachment(args, "att"), sgt,
                                    args.direction("dir"), ctx.site());
                            return Value.Null.NULL;
                        }),
                new Builtin("dma_buf_detach", "dma-buf",
                        List.of(dmabufParam(), Param.required("att", ANY, "the attachment")),
                        "nothing", "removes an attachment (unmap its sg tables first)",
                        (ctx, args) -> {
                            ctx.kernel().dmaBuf().dmaBufDetach(DmaBufArgs.dmabuf(args, "dmabuf"),
                                    DmaBufArgs.attachment(args, "att"), ctx.site());
                            return Value.Null.NULL;
                        }),
                new Builtin("dma_buf_begin_cpu_access", "dma-buf",
                        List.of(dmabufParam(), Param.required("dir", DIRECTION, "the CPU's access, DMA-style")),
                        "0 (or -errno)",
                        "the exporter makes the buffer coherent for the CPU (system heap: sync for the CPU every "
                                + "mapped attachment; DRM helpers: nothing), then the CPU waits for the fences in the "
                                + "reservation object that its access must not overtake (a read: the writers; a write: "
                                + "the readers too)",
                        ImplicitWaits::beginCpuAccess),
                new Builtin("dma_buf_end_cpu_access", "dma-buf",
                        List.of(dmabufParam(), Param.required("dir", DIRECTION, "the CPU's access, DMA-style")),
                        "0 (or -errno)",
                        "the exporter hands the buffer back to the devices (system heap: sync for the device every "
                                + "mapped attachment)",
                        (ctx, args) -> new Value.Int(ctx.kernel().dmaBuf().dmaBufEndCpuAccess(
                                DmaBufArgs.dmabuf(args, "dmabuf"), args.direction("dir"), ctx.site()))),
                new Builtin("dma_buf_vmap", "dma-buf", List.of(dmabufParam()),
                        "an iosys_map (a CPU view with is_iomem), or -errno",
                        "a kernel mapping of the buffer, refcounted: a second vmap returns the same map",
                        (ctx, args) -> DmaBufArgs.result(ctx.kernel().dmaBuf().dmaBufVmap(
                                DmaBufArgs.dmabuf(args, "dmabuf"), ctx.site()), m -> new Value.View(m))),
                new Builtin("dma_buf_vunmap", "dma-buf",
                        List.of(dmabufParam(), Param.required("map", VIEW, "the map dma_buf_vmap returned")),
                        "nothing",
                        "drops a vmap reference; a map that is not the stored one, or a counter at 0, is a kernel BUG",
                        (ctx, args) -> {
                            ctx.kernel().dmaBuf().dmaBufVunmap(DmaBufArgs.dmabuf(args, "dmabuf"),
                                    DmaBufArgs.iosysMap(args, "map"), ctx.site());
                            return Value.Null.NULL;
                        }));
    }

}
