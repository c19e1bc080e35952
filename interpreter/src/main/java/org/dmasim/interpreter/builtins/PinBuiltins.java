package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.ANY;

import java.util.List;
import org.dmasim.interpreter.eval.Value;

/**
 * Pinning by dynamic importers and the exporter-initiated move it prevents (drivers/dma-buf/
 * dma-buf.c dma_buf_pin/dma_buf_unpin, dma_buf_move_notify; TTM eviction).
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
                                "dmabuf"), ctx.site()))));
    }
}
