package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.ANY;
import static org.dmasim.interpreter.builtins.ParamType.INT;

import java.util.List;
import org.dmasim.engine.dmabuf.DmaBuf;
import org.dmasim.engine.dmabuf.ImplicitSync;
import org.dmasim.engine.sync.DmaFence;
import org.dmasim.engine.sync.DmaResvUsage;
import org.dmasim.engine.sync.SyncFile;
import org.dmasim.interpreter.eval.Value;

/**
 * The reservation object and sync files (drivers/dma-buf/dma-resv.c, sync_file.c, dma-buf.c):
 * implicit synchronisation through a dma-buf's fences, and the explicit synchronisation of user
 * space that the EXPORT/IMPORT_SYNC_FILE ioctls connect it to.
 */
final class SyncBuiltins {
    /** include/linux/sched.h: {@code LONG_MAX}, "wait until the fences signal". */
    static final long MAX_SCHEDULE_TIMEOUT = Long.MAX_VALUE;

    private SyncBuiltins() {
    }

    private static Param resvParam() {
        return Param.required("dmabuf", ANY, "a dma-buf (or a GEM object imported from one: they share the "
                + "reservation object)");
    }

    private static Param usageParam() {
        return Param.required("usage", INT, "DMA_RESV_USAGE_KERNEL, _WRITE, _READ or _BOOKKEEP");
    }

    private static ImplicitSync sync(CallContext ctx) {
        return ctx.kernel().dmaBuf().implicitSync();
    }

    static List<Builtin> all() {
        return List.of(
                new Builtin("dma_resv_add_fence", "dma_resv",
                        List.of(resvParam(), Param.required("fence", ANY, "a dma_fence (a job's j.fence, or "
                                + "dma_fence_create())"), usageParam()),
                        "nothing",
                        "adds a fence to the buffer's reservation object; the driver must hold dma_resv_lock "
                                + "(DMA_RESV_NOT_HELD) and have a slot from dma_resv_reserve_fences (DMA_RESV_NO_SLOT); "
                                + "a fence added again with another usage keeps both",
                        (ctx, args) -> {
                            sync(ctx).dmaResvAddFence(SyncArgs.resvOwner(args, "dmabuf"), SyncArgs.fence(args, "fence"),
                                    SyncArgs.usage(args, "usage"), ctx.site());
                            return Value.Null.NULL;
                        }),
                new Builtin("dma_resv_get_fences", "dma_resv", List.of(resvParam(), usageParam()),
                        "a list of dma_fences (usable in a job's after list)",
                        "the fences of the reservation object that have not signalled, with this usage or a lower one "
                                + "(KERNEL < WRITE < READ < BOOKKEEP)",
                        (ctx, args) -> SyncArgs.fences(sync(ctx).dmaResvGetFences(SyncArgs.resvOwner(args, "dmabuf"),
                                SyncArgs.usage(args, "usage"), ctx.site()))),
                new Builtin("dma_resv_test_signaled", "dma_resv", List.of(resvParam(), usageParam()),
                        "a boolean",
                        "true when every fence up to this usage has signalled; orders nothing by itself (a test_bit)",
                        (ctx, args) -> Value.Bool.of(sync(ctx).dmaResvTestSignaled(SyncArgs.resvOwner(args, "dmabuf"),
                                SyncArgs.usage(args, "usage"), ctx.site()))),
                new Builtin("dma_resv_wait_timeout", "dma_resv",
                        List.of(resvParam(), usageParam(),
                                Param.withDefault("timeout", INT, new Value.Int(MAX_SCHEDULE_TIMEOUT),
                                        "MAX_SCHEDULE_TIMEOUT", "jiffies")),
                        "the time left (positive: dmasim has no clock, so the whole timeout), or 0 when it timed out",
                        "waits until every fence up to this usage has signalled; the CPU's later accesses come after "
                                + "the devices' work. A finite timeout may expire while a fence is pending",
                        SyncBuiltins::waitTimeout),
                new Builtin("sync_file_create", "sync_file",
                        List.of(Param.required("fence", ANY, "a dma_fence, or a list of them (a dma_fence_array)")),
                        "a sync_file (usable in a job's after list)",
                        "a sync file carrying the fence to user space (sync_file.c sync_file_create)",
                        (ctx, args) -> SyncArgs.syncFile(new SyncFile(SyncArgs.fenceList(args, "fence"),
                                ctx.sourceText("fence") == null ? "a sync_file"
                                        : "sync_file of " + ctx.sourceText("fence")))),
                new Builtin("sync_file_merge", "sync_file",
                        List.of(Param.required("a", ANY, "a sync_file"), Param.required("b", ANY, "a sync_file")),
                        "a sync_file",
                        "SYNC_IOC_MERGE: the pending fences of both, once each (a signalled stub when none is "
                                + "pending)",
                        (ctx, args) -> SyncArgs.syncFile(SyncFile.merge(SyncArgs.syncFile(args, "a"),
                                SyncArgs.syncFile(args, "b"), ctx.sourceText("a") == null ? "a merged sync_file"
                                        : "merge of " + ctx.sourceText("a") + " and " + ctx.sourceText("b")))),
                new Builtin("sync_file_wait", "sync_file", List.of(Param.required("sf", ANY, "a sync_file")),
                        "0",
                        "user space's poll() on a sync file until it signals (libsync sync_wait(fd, -1))",
                        (ctx, args) -> {
                            ctx.awaitFences(SyncArgs.syncFile(args, "sf").fences(),
                                    ctx.callText("sync_file_wait", "sf"));
                            return Value.Int.ZERO;
                        }),
                new Builtin("dma_buf_export_sync_file", "sync_file",
                        List.of(Param.required("fd", INT, "a dma-buf fd"),
                                Param.required("flags", INT, "DMA_BUF_SYNC_READ, _WRITE or _RW")),
                        "a sync_file, or -errno",
                        "DMA_BUF_IOCTL_EXPORT_SYNC_FILE: the fences a CPU access of that kind would wait for (READ: "
                                + "the writers; WRITE: the readers too); flags outside DMA_BUF_SYNC_RW or empty are -EINVAL",
                        (ctx, args) -> DmaBufArgs.result(sync(ctx).dmaBufExportSyncFile(DmaBufArgs.fd(args, "fd"),
                                args.integer("flags"), ctx.site()), SyncArgs::syncFile)),
                new Builtin("dma_buf_import_sync_file", "sync_file",
                        List.of(Param.required("fd", INT, "a dma-buf fd"),
                                Param.required("flags", INT, "DMA_BUF_SYNC_READ, _WRITE or _RW"),
                                Param.required("sf", ANY, "the sync_file to import")),
                        "0, or -errno",
                        "DMA_BUF_IOCTL_IMPORT_SYNC_FILE: adds the sync file's fences to the reservation object, as "
                                + "writers (DMA_BUF_SYNC_WRITE) or readers; bad flags or no sync file are -EINVAL",
                        (ctx, args) -> {
                            // An integer (an fd that is no sync file, an errno) is the kernel's -EINVAL path.
                            SyncFile sf = args.value("sf") instanceof Value.Int ? null : SyncArgs.syncFile(args, "sf");
                            return new Value.Int(sync(ctx).dmaBufImportSyncFile(DmaBufArgs.fd(args, "fd"),
                                    args.integer("flags"), sf, ctx.site()));
                        }));
    }

    /**
     * dma-resv.c dma_resv_wait_timeout(): "ret = timeout ? timeout : 1", then each pending fence
     * is waited for with what is left (so a timeout of 0 still lets each wait sleep one jiffy: it
     * is a finite timeout like any other, and returns 1 when nothing was pending).
     */
    private static Value waitTimeout(CallContext ctx, Arguments args) {
        DmaBuf b = SyncArgs.resvOwner(args, "dmabuf");
        DmaResvUsage usage = SyncArgs.usage(args, "usage");
        long timeout = args.integer("timeout");
        if (timeout < 0) {
            throw new CallError("timeout", "'timeout' is " + Long.toUnsignedString(timeout)
                    + ", above MAX_SCHEDULE_TIMEOUT: the kernel's signed jiffies turn it negative (-EINVAL)",
                    "pass a timeout in jiffies, or MAX_SCHEDULE_TIMEOUT to wait until the fences signal");
        }
        List<DmaFence> fences = sync(ctx).dmaResvWaitTimeout(b, usage, ctx.site());
        String what = ctx.sourceText("dmabuf") == null ? "dma_resv_wait_timeout"
                : "dma_resv_wait_timeout(" + ctx.sourceText("dmabuf") + ", " + usage.kernelName() + ")";
        if (timeout == MAX_SCHEDULE_TIMEOUT) {
            ctx.awaitFences(fences, what);
            return new Value.Int(MAX_SCHEDULE_TIMEOUT);
        }
        return new Value.Int(ctx.awaitFencesWithTimeout(fences, what) ? Math.max(timeout, 1) : 0);
    }
}
