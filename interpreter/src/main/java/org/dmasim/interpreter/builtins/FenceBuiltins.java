package org.dmasim.interpreter.builtins;

import static org.dmasim.interpreter.builtins.ParamType.ANY;

import java.util.List;
import org.dmasim.engine.sync.DmaFence;
import org.dmasim.engine.sync.FenceSource;
import org.dmasim.interpreter.eval.Value;

/**
 * {@code struct dma_fence} from the CPU's side (drivers/dma-buf/dma-fence.c, docs/concurrency.md):
 * waiting for a job's fence, testing it, and the fences the CPU signals itself (vgem and sw_sync
 * fences, as igt uses them). A job's own fence ({@code j.fence}) signals after its last step.
 */
final class FenceBuiltins {
    private FenceBuiltins() {
    }

    static List<Builtin> all() {
        return List.of(
                new Builtin("dma_fence_create", "fences", List.of(), "a dma_fence",
                        "a fence the CPU signals itself with dma_fence_signal (a vgem or sw_sync fence)",
                        (ctx, args) -> new Value.Opaque(new DmaFence("the fence made at " + ctx.site()), "a dma_fence")),
                new Builtin("dma_fence_signal", "fences", List.of(Param.required("f", ANY, "a fence")), "0, or -EINVAL",
                        "signals the fence: jobs that depend on it may start, waiters return; -EINVAL (-22) when it had"
                                + " already signalled",
                        (ctx, args) -> {
                            DmaFence f = fence(args.value("f"), "f");
                            ctx.kernel().machine().footprint().object(f, true);
                            return new Value.Int(f.signal(ctx.site().toString()) ? 0 : -22);
                        }),
                new Builtin("dma_fence_is_signaled", "fences", List.of(Param.required("f", ANY, "a fence")),
                        "a boolean",
                        "whether the fence has signalled: may differ between executions; true orders nothing by"
                                + " itself (a test_bit), so reads after it still need a barrier or a sync",
                        (ctx, args) -> {
                            DmaFence f = fence(args.value("f"), "f");
                            ctx.kernel().machine().footprint().object(f, false);
                            boolean signalled = f.isSignaled();
                            if (signalled) {
                                ctx.sawSignalled(f);
                            }
                            return Value.Bool.of(signalled);
                        }),
                new Builtin("dma_fence_wait", "fences", List.of(Param.required("f", ANY, "a fence, or a job's fence")),
                        "0",
                        "waits until the fence has signalled; the CPU's later accesses are ordered after the job's steps"
                                + " (the wait takes the fence's lock)",
                        (ctx, args) -> {
                            ctx.awaitFences(source(args.value("f"), "f").fences(), "dma_fence_wait");
                            return Value.Int.ZERO;
                        }));
    }

    private static DmaFence fence(Value v, String parameter) {
        if (v instanceof Value.Opaque o && o.object() instanceof DmaFence f) {
            return f;
        }
        throw new CallError(parameter, "'" + parameter + "' must be a dma_fence, not " + v.typeName(),
                "a job's fence is j.fence; dma_fence_create() makes one the CPU signals");
    }

    private static FenceSource source(Value v, String parameter) {
        if (v instanceof Value.Opaque o && o.object() instanceof FenceSource f) {
            return f;
        }
        throw new CallError(parameter, "'" + parameter + "' must be a dma_fence, not " + v.typeName(),
                "a job's fence is j.fence; dma_fence_create() makes one the CPU signals");
    }
}
