package org.dmasim.engine.dmabuf;

import java.util.List;
import org.dmasim.engine.Site;
import org.dmasim.engine.check.Report;
import org.dmasim.engine.check.ReportCode;
import org.dmasim.engine.check.Severity;
import org.dmasim.engine.sync.DmaFence;
import org.dmasim.engine.sync.DmaResv;
import org.dmasim.engine.sync.DmaResvUsage;
import org.dmasim.engine.sync.WwAcquireCtx;

/**
 * The locking rules of a dma-buf's reservation object (include/linux/dma-resv.h,
 * drivers/dma-buf/dma-resv.c, kernel/locking/ww_mutex.h), as a lockdep kernel checks them:
 * {@code dma_resv_add_fence} and {@code dma_resv_reserve_fences} call
 * {@code dma_resv_assert_held(obj)} (a lockdep WARN when the lock is not held), an add needs a
 * slot that {@code dma_resv_reserve_fences} reserved under the same lock (unlock forgets unused
 * slots under CONFIG_DEBUG_MUTEXES), and the lock is a ww_mutex: taken twice without a context it
 * deadlocks, with the same context it is -EALREADY.
 */
public final class ResvLocks {
    /** include/uapi/asm-generic/errno.h */
    public static final int EALREADY = -114;
    public static final int EINVAL = -22;

    private final DmaBufLayer layer;

    ResvLocks(DmaBufLayer layer) {
        this.layer = layer;
    }

    /**
     * {@code dma_resv_lock(obj, ctx)} ({@code ctx} null: NULL): 0, or -EALREADY when {@code ctx}
     * already holds it. The lock held by this CPU without that context is a deadlock: reported as
     * an error, and the scenario goes on as if the call had returned.
     */
    public int lock(DmaBuf b, WwAcquireCtx ctx, Site site) {
        if (!layer.alive(b, "dma_resv_lock", site)) {
            return 0;
        }
        DmaResv resv = b.resv();
        Object owner = ctx == null ? DmaResv.NO_CONTEXT : ctx;
        if (ctx != null && resv.holder() == ctx) {
            // ww_mutex.h __ww_mutex_lock(): "if (ww_ctx->contending_lock == ...)"; the same context
            // locking again returns -EALREADY (ww_mutex_lock's documented return)
            return EALREADY;
        }
        if (ctx != null && (ctx.finished() || ctx.done())) {
            layer.report(ReportCode.DMA_RESV_NOT_HELD, "DEBUG_LOCKS_WARN_ON(ctx->" + (ctx.finished() ? "acquired"
                    : "done_acquire") + "): dma_resv_lock of " + b + " with " + ctx + " after ww_acquire_"
                    + (ctx.finished() ? "fini" : "done"), site, "take every lock of a context before ww_acquire_done");
        }
        if (resv.held()) {
            layer.report(new Report(ReportCode.DMA_RESV_DEADLOCK, Severity.ERROR, "dma_resv_lock of " + b
                    + ", which this CPU already holds (" + (resv.holder() == DmaResv.NO_CONTEXT
                            ? "locked without a ww_acquire_ctx" : "locked with " + resv.holder())
                    + "): lockdep's \"possible recursive locking detected\", then the task waits for itself "
                    + "forever", site, "dma_resv_unlock(" + b + ") first, or take every lock in one "
                    + "ww_acquire_ctx (a second dma_resv_lock with it returns -EALREADY)", List.of(),
                    List.of("the kernel hangs here; dmasim goes on as if the lock had been taken")));
            return 0;
        }
        resv.lock(owner);
        if (ctx != null) {
            ctx.acquire();
        }
        return 0;
    }

    /**
     * A dma-buf call that takes the reservation lock itself, made while this CPU holds it. In
     * drivers/dma-buf/dma-buf.c dma_buf_dynamic_attach() (and dma_buf_attach, its wrapper) and
     * dma_buf_detach() take dma_resv_lock(dmabuf->resv, NULL) around the attachment list: the task
     * waits for itself. dma_buf_begin_cpu_access() and dma_buf_end_cpu_access() call
     * might_lock(&dmabuf->resv->lock.base), which lockdep checks as a lock taken: its report, and
     * a real hang with an exporter that locks in its hook (amdgpu_dma_buf_begin_cpu_access reserves
     * the BO). Reported as dma_resv_lock's recursion is, and the call goes on.
     */
    void takenInside(DmaBuf b, String fn, boolean mightLock, Site site) {
        DmaResv resv = b.resv();
        if (!resv.held()) {
            return;
        }
        String held = resv.holder() == DmaResv.NO_CONTEXT ? "locked without a ww_acquire_ctx"
                : "locked with " + resv.holder();
        String what = mightLock
                ? fn + " of " + b + " while this CPU holds its reservation lock (" + held + "): its might_lock() "
                        + "makes lockdep report \"possible recursive locking detected\", and an exporter that locks "
                        + "the reservation object in its CPU-access hook (amdgpu) waits for itself forever"
                : fn + " of " + b + " while this CPU holds its reservation lock (" + held + "): " + fn + " takes "
                        + "dma_resv_lock(dmabuf->resv, NULL) itself around the attachment list, lockdep's \"possible "
                        + "recursive locking detected\", then the task waits for itself forever";
        layer.report(new Report(ReportCode.DMA_RESV_DEADLOCK, Severity.ERROR, what, site,
                "dma_resv_unlock(" + b + ") before " + fn + ": it is one of the calls that lock the reservation "
                        + "object themselves", List.of(),
                List.of(mightLock ? "lockdep warns here; dmasim goes on as if the lock had been free"
                        : "the kernel hangs here; dmasim goes on as if the lock had been free")));
    }

    /** {@code dma_resv_trylock(obj)}: false when held, by anyone (this CPU included). */
    public boolean trylock(DmaBuf b, Site site) {
        if (!layer.alive(b, "dma_resv_trylock", site) || b.resv().held()) {
            return false;
        }
        b.resv().lock(DmaResv.NO_CONTEXT);
        return true;
    }

    /** {@code dma_resv_unlock(obj)}: an unlock of a free lock is lockdep's "bad unlock balance". */
    public void unlock(DmaBuf b, Site site) {
        if (!layer.alive(b, "dma_resv_unlock", site)) {
            return;
        }
        DmaResv resv = b.resv();
        if (!resv.held()) {
            layer.report(ReportCode.DMA_RESV_NOT_HELD, "WARNING: bad unlock balance detected! dma_resv_unlock of "
                    + b + ", which is not locked", site, "unlock only what dma_resv_lock took, once");
            return;
        }
        if (resv.holder() instanceof WwAcquireCtx ctx) {
            ctx.release();
        }
        resv.unlock();
    }

    /**
     * {@code dma_resv_reserve_fences(obj, num)}: 0, or -EINVAL for 0 ("WARN_ON(!num_fences)":
     * "usually points to bugs when calculating the number of needed fences").
     */
    public int reserveFences(DmaBuf b, long num, Site site) {
        if (!layer.alive(b, "dma_resv_reserve_fences", site)) {
            return EINVAL;
        }
        assertHeld(b, "dma_resv_reserve_fences", site);
        if (num <= 0 || num > Integer.MAX_VALUE) {
            layer.report(ReportCode.DMABUF_EINVAL, "WARN_ON(!num_fences) in dma_resv_reserve_fences(" + b + ", "
                    + num + "): -EINVAL", site, "reserve as many slots as fences you will add, at least 1");
            return EINVAL;
        }
        b.resv().reserve((int) num);
        return 0;
    }

    /**
     * {@code dma_resv_add_fence(obj, fence, usage)}: the lock must be held, and the fence needs a
     * slot (a signalled entry it replaces, or one reserved since the lock was taken). Without a
     * slot the kernel oopses; dmasim reports it and adds the fence, so the rest of the scenario
     * shows what the driver meant.
     */
    public void addFence(DmaBuf b, DmaFence f, DmaResvUsage usage, Site site) {
        if (!layer.alive(b, "dma_resv_add_fence", site)) {
            return;
        }
        DmaResv resv = b.resv();
        resv.requireRoom(1, layer.machine().budget()); // before the reports: a failing call changes nothing
        assertHeld(b, "dma_resv_add_fence", site);
        if (!resv.hasSlotFor(f)) {
            String what = resv.hasList()
                    ? "kernel BUG at drivers/dma-buf/dma-resv.c: BUG_ON(fobj->num_fences >= fobj->max_fences) in "
                            + "dma_resv_add_fence of " + b + ": no slot reserved"
                    : "BUG: kernel NULL pointer dereference in dma_resv_add_fence of " + b + ": its fence list was "
                            + "never allocated (no dma_resv_reserve_fences)";
            layer.report(new Report(ReportCode.DMA_RESV_NO_SLOT, Severity.ERROR, what, site,
                    "call dma_resv_reserve_fences(" + b + ", 1) after dma_resv_lock and before each "
                            + "dma_resv_add_fence; a dma_resv_unlock forgets the slots not used",
                    List.of(), List.of("the kernel oopses here; dmasim adds the fence and goes on")));
        }
        resv.addFence(f, usage, layer.machine().budget());
    }

    /** {@code ww_acquire_fini(ctx)}: with locks still held, DEBUG_LOCKS_WARN_ON(ctx->acquired). */
    public void acquireFini(WwAcquireCtx ctx, Site site) {
        if (ctx.acquired() > 0) {
            layer.report(ReportCode.DMA_RESV_NOT_HELD, "DEBUG_LOCKS_WARN_ON(ctx->acquired): ww_acquire_fini of "
                    + ctx + " with " + ctx.acquired() + " lock" + (ctx.acquired() == 1 ? "" : "s") + " still held",
                    site, "dma_resv_unlock every object the context locked before ww_acquire_fini");
        }
        ctx.markFinished();
    }

    /** {@code dma_resv_assert_held(obj)}: lockdep_assert_held(&obj->lock.base), a WARN_ON. */
    void assertHeld(DmaBuf b, String fn, Site site) {
        if (!b.resv().held()) {
            layer.report(ReportCode.DMA_RESV_NOT_HELD, "WARNING in " + fn + ": dma_resv_assert_held(" + b
                    + ") failed, the reservation object is not locked (lockdep)",
                    site, "dma_resv_lock(" + b + ") before " + fn + ", dma_resv_unlock after");
        }
    }
}
