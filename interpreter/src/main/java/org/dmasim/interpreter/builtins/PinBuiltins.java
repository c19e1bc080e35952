package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.ANY;
import static org.dmasim.interpreter.builtins.ParamType.INT;
import static org.dmasim.interpreter.builtins.ParamType.VIEW;

import java.util.List;
import org.dmasim.engine.memory.ShmemObject;
import org.dmasim.interpreter.eval.Value;

/**
 * Pinning by dynamic importers and the exporter-initiated move it prevents (drivers/dma-buf/
 * dma-buf.c dma_buf_pin/dma_buf_unpin, dma_buf_move_notify; TTM eviction), and the udmabuf
 * exporter (drivers/dma-buf/udmabuf.c).
 */
final class PinBuiltins {
    private PinBuiltins() {
    }

    static List<Builtin> all() {
        return List.of(
                new Builtin("dma_buf_pin", "dma-buf",
                        List.of(Param.required("att", ANY, "a dynamic attachment (dma_buf_dynamic_attach)")),
                        "0, or -errno",
                        "a dynamic importer pins the buffer where it is, under dma_resv_lock: the exporter will not "
                                + "move it (ttm: VRAM when every attachment is peer2peer, else it moves to system "
                                + "memory first); other exporters have no pin op and return 0",
                        (ctx, args) -> new Value.Int(ctx.kernel().dmaBuf().pins().pin(DmaBufArgs.attachment(args,
                                "att"), ctx.site()))),
                new Builtin("dma_buf_unpin", "dma-buf",
                        List.of(Param.required("att", ANY, "the attachment that pinned it")),
                        "nothing",
                        "drops the pin, under dma_resv_lock; the exporter may move the buffer again",
                        (ctx, args) -> {
                            ctx.kernel().dmaBuf().pins().unpin(DmaBufArgs.attachment(args, "att"), ctx.site());
                            return Value.Null.NULL;
                        }),
                new Builtin("ttm_bo_evict", "dma-buf",
                        List.of(Param.required("dmabuf", ANY, "a dma-buf exported from VRAM (driver: ttm)")),
                        "0, or -EBUSY (-16) when pinned or vmapped",
                        "memory pressure: TTM moves the buffer object out of VRAM to system pages and the exporter "
                                + "calls dma_buf_move_notify, so every dynamic importer's mapping is stale until it "
                                + "maps again; a pinned (dma_buf_pin, or vmapped) buffer stays",
                        (ctx, args) -> new Value.Int(ctx.kernel().dmaBuf().pins().evict(DmaBufArgs.dmabuf(args,
                                "dmabuf"), ctx.site()))),
                new Builtin("udmabuf_create", "dma-buf",
                        List.of(Param.required("memfd", VIEW, "a shmem object (the memfd)"),
                                Param.withDefault("offset", INT, Value.Int.ZERO, "0", "page-aligned offset into it"),
                                Param.withDefault("size", INT, Value.Int.ZERO, "0", "page-aligned size; 0 for the rest "
                                        + "of the memfd")),
                        "a dma-buf, or -EINVAL (-22)",
                        "UDMABUF_CREATE (drivers/dma-buf/udmabuf.c): a dma-buf over the memfd's pages, which it pins; "
                                + "importers are mapped with full maintenance, but DMA_BUF_SYNC START/END sync the "
                                + "udmabuf misc device (the first START only maps it: on arm64 a clean, no "
                                + "invalidate) and END before any START is -EINVAL",
                        (ctx, args) -> {
                            ViewRange v = args.view("memfd");
                            if (!(v.view() instanceof ShmemObject memfd) || v.offset() != 0) {
                                throw new CallError("memfd", "'memfd' must be a shmem object (a memfd), not "
                                        + v.view().label(), "shmem(size) makes one");
                            }
                            long size = args.integer("size") == 0 ? memfd.size() - args.integer("offset")
                                    : args.integer("size");
                            return DmaBufArgs.result(ctx.kernel().dmaBuf().udmabufCreate(memfd, args.integer("offset"),
                                    size, ctx.site()), DmaBufArgs::dmabuf);
                        }));
    }
}
