package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.ANY;
import static org.dmasim.interpreter.builtins.ParamType.INT;

import java.util.List;
import org.dmasim.engine.dmabuf.ResvLocks;
import org.dmasim.engine.sync.WwAcquireCtx;
import org.dmasim.interpreter.eval.Value;

/**
 * The reservation object's lock (include/linux/dma-resv.h, drivers/dma-buf/dma-resv.c): what a
 * driver holds around dma_resv_reserve_fences and dma_resv_add_fence, as lockdep checks it.
 */
final class ResvLockBuiltins {
    private ResvLockBuiltins() {
    }

    private static Param resv() {
        return Param.required("dmabuf", ANY, "a dma-buf (or a GEM object imported from one: they share the "
                + "reservation object)");
    }

    private static ResvLocks locks(CallContext ctx) {
        return ctx.kernel().dmaBuf().resvLocks();
    }

    static List<Builtin> all() {
        return List.of(
                new Builtin("dma_resv_lock", "dma_resv",
                        List.of(resv(), Param.withDefault("ctx", ANY, Value.Null.NULL, "null",
                                "a ww_acquire_ctx (ww_acquire_init), or null")),
                        "0, or -EALREADY (-114) when ctx already holds it",
                        "takes the reservation object's ww_mutex; taking it again without a context deadlocks "
                                + "(DMA_RESV_DEADLOCK)",
                        (ctx, args) -> new Value.Int(locks(ctx).lock(SyncArgs.resvOwner(args, "dmabuf"),
                                acquireCtx(args, "ctx", true), ctx.site()))),
                new Builtin("dma_resv_trylock", "dma_resv", List.of(resv()),
                        "true when it took the lock",
                        "takes the lock if nobody (this CPU included) holds it",
                        (ctx, args) -> Value.Bool.of(locks(ctx).trylock(SyncArgs.resvOwner(args, "dmabuf"),
                                ctx.site()))),
                new Builtin("dma_resv_unlock", "dma_resv", List.of(resv()),
                        "nothing",
                        "releases the lock; with lockdep's CONFIG_DEBUG_MUTEXES the fence slots reserved and not "
                                + "used are forgotten (dma_resv_reset_max_fences)",
                        (ctx, args) -> {
                            locks(ctx).unlock(SyncArgs.resvOwner(args, "dmabuf"), ctx.site());
                            return Value.Null.NULL;
                        }),
                new Builtin("dma_resv_reserve_fences", "dma_resv",
                        List.of(resv(), Param.required("num_fences", INT, "how many fences will be added, at least 1")),
                        "0, or -EINVAL (-22) for 0",
                        "reserves slots for dma_resv_add_fence, under dma_resv_lock (dma_resv_assert_held)",
                        (ctx, args) -> new Value.Int(locks(ctx).reserveFences(SyncArgs.resvOwner(args, "dmabuf"),
                                args.integer("num_fences"), ctx.site()))),
                new Builtin("ww_acquire_init", "dma_resv", List.of(),
                        "a ww_acquire_ctx",
                        "ww_acquire_init(ctx, &reservation_ww_class): a context to take several reservation locks in",
                        (ctx, args) -> new Value.Opaque(new WwAcquireCtx("the ww_acquire_ctx of " + ctx.site()),
                                "a ww_acquire_ctx")),
                new Builtin("ww_acquire_done", "dma_resv", List.of(Param.required("ctx", ANY, "a ww_acquire_ctx")),
                        "nothing",
                        "marks the end of the acquire phase: locking more with the context is a lockdep warning",
                        (ctx, args) -> {
                            acquireCtx(args, "ctx", false).markDone();
                            return Value.Null.NULL;
                        }),
                new Builtin("ww_acquire_fini", "dma_resv", List.of(Param.required("ctx", ANY, "a ww_acquire_ctx")),
                        "nothing",
                        "releases the context; locks it still holds are a lockdep warning",
                        (ctx, args) -> {
                            locks(ctx).acquireFini(acquireCtx(args, "ctx", false), ctx.site());
                            return Value.Null.NULL;
                        }));
    }

    private static WwAcquireCtx acquireCtx(Arguments args, String name, boolean nullable) {
        Value v = args.value(name);
        if (nullable && v instanceof Value.Null) {
            return null;
        }
        if (v instanceof Value.Opaque o && o.object() instanceof WwAcquireCtx c) {
            return c;
        }
        throw new CallError(name, "'" + name + "' must be a ww_acquire_ctx" + (nullable ? " or null" : "") + ", not "
                + v.typeName(), "ww_acquire_init() makes one");
    }
}
