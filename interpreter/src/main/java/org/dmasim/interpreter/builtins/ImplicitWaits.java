package org.dmasim.interpreter.builtins;

import org.dmasim.engine.dmabuf.Attachment;
import org.dmasim.engine.dmabuf.DmaBuf;
import org.dmasim.engine.dmabuf.DmaBufLayer;
import org.dmasim.engine.dmabuf.GemObject;
import org.dmasim.engine.dmabuf.Ret;
import org.dmasim.engine.dmabuf.SgTable;
import org.dmasim.engine.machine.Direction;
import org.dmasim.interpreter.eval.Value;

/**
 * The dma-buf calls that wait on the reservation object by themselves (implicit
 * synchronisation, drivers/dma-buf/dma-buf.c). In each the kernel first lets the exporter act
 * and only then waits, so the engine call comes first and the wait ({@link
 * CallContext#awaitFences}, which blocks the CPU while the devices run) after it, on the fences
 * the reservation object holds at that moment.
 */
final class ImplicitWaits {
    private ImplicitWaits() {
    }

    /**
     * dma-buf.c dma_buf_begin_cpu_access(): the exporter's {@code begin_cpu_access} (its cache
     * maintenance) runs first; "if (ret == 0) ret = __dma_buf_begin_cpu_access()", which waits
     * for {@code dma_resv_usage_rw(write)}.
     */
    static Value beginCpuAccess(CallContext ctx, Arguments args) {
        DmaBuf b = DmaBufArgs.dmabuf(args, "dmabuf");
        Direction dir = args.direction("dir");
        DmaBufLayer layer = ctx.kernel().dmaBuf();
        int rc = layer.dmaBufBeginCpuAccess(b, dir, ctx.site());
        if (rc == 0) {
            ctx.awaitFences(layer.implicitSync().beginCpuAccessFences(b, dir),
                    ctx.sourceText("dmabuf") == null ? "dma_buf_begin_cpu_access"
                            : "dma_buf_begin_cpu_access(" + ctx.sourceText("dmabuf") + ", " + dir + ")");
        }
        return new Value.Int(rc);
    }

    /**
     * dma-buf.c dma_buf_ioctl() DMA_BUF_IOCTL_SYNC: START is dma_buf_begin_cpu_access(), so a
     * START that passed the flag checks waits as it does; END waits for nothing.
     */
    static Value syncIoctl(CallContext ctx, Arguments args) {
        int fd = DmaBufArgs.fd(args, "fd");
        long flags = args.integer("flags");
        DmaBufLayer layer = ctx.kernel().dmaBuf();
        int rc = layer.dmaBufSync(fd, flags, ctx.site());
        if (rc == 0) {
            ctx.awaitFences(layer.implicitSync().syncIoctlFences(fd, flags),
                    ctx.callText("dma_buf_sync", "fd", "flags"));
        }
        return new Value.Int(rc);
    }

    /**
     * dma-buf.c dma_buf_map_attachment(): after the exporter's {@code map_dma_buf}, a static
     * importer waits for the DMA_RESV_USAGE_KERNEL fences.
     */
    static Value mapAttachment(CallContext ctx, Arguments args) {
        Attachment a = DmaBufArgs.attachment(args, "att");
        DmaBufLayer layer = ctx.kernel().dmaBuf();
        Ret<SgTable> sgt = layer.dmaBufMapAttachment(a, args.direction("dir"), ctx.site());
        if (!sgt.failed()) {
            ctx.awaitFences(layer.implicitSync().mapAttachmentFences(a),
                    ctx.callText("dma_buf_map_attachment", "att", "dir"));
        }
        return DmaBufArgs.result(sgt, Value.Handle::new);
    }

    /**
     * drm_prime.c drm_gem_prime_import_dev(): a foreign import maps its static attachment with
     * dma_buf_map_attachment_unlocked(), which waits for the kernel fences as above.
     */
    static Ret<Object> primeImport(CallContext ctx, Arguments args) {
        DmaBufLayer layer = ctx.kernel().dmaBuf();
        Ret<Object> obj = layer.prime().drmGemPrimeImport(args.device("dev"), DmaBufArgs.fd(args, "fd"), ctx.site());
        if (!obj.failed() && obj.value() instanceof GemObject g) {
            ctx.awaitFences(layer.implicitSync().mapAttachmentFences(g.attachment()),
                    ctx.callText("drm_gem_prime_import", "dev", "fd"));
        }
        return obj;
    }
}
