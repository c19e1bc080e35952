package org.dmasim.interpreter.builtins;

import java.util.List;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.Site;
import org.dmasim.engine.sync.DmaFence;
import org.dmasim.interpreter.eval.Value;

/** What a builtin may use: the machine, the call's site, and the run's output. */
public interface CallContext {
    Kernel kernel();

    Site site();

    /** Prints one line of the run's output. */
    void print(String line);

    /** The printed form of a value, as {@code print} shows it. */
    String describe(Value value);

    /** The source text of the argument bound to {@code parameter}, for labels and help lines. */
    String sourceText(String parameter);

    /**
     * The call as the script wrote it, {@code name(a, b)} with the arguments bound to
     * {@code parameters}, for messages; the bare name where the source is not known (a call from
     * JavaScript or Python).
     */
    default String callText(String name, String... parameters) {
        java.util.StringJoiner call = new java.util.StringJoiner(", ", name + "(", ")");
        for (String p : parameters) {
            String text = sourceText(p);
            if (text == null) {
                return name;
            }
            call.add(text);
        }
        return call.toString();
    }

    /**
     * Barrier {@code name} ({@code dma_wmb}, {@code mb}, ...): what it orders comes from the arch
     * profile; a run of one sequence has nothing to order.
     */
    default void barrier(String name) {
    }

    /** The CPU saw {@code fence} signalled ({@code dma_fence_is_signaled}): what it guarded is known complete. */
    default void sawSignalled(DmaFence fence) {
    }

    /**
     * Blocks the calling agent (the CPU, or a device job) until every fence has signalled, as the
     * kernel's wait paths do ({@code dma_fence_wait}, {@code dma_resv_wait_timeout}, a START sync).
     * The scheduler of concurrent executions overrides this: other agents run meanwhile, and an
     * execution where the fences can never signal is a HANG. Without one, nothing else can run, so
     * an unsignalled fence is a script error. {@code what} names the wait in messages.
     * Some calls wait after their engine work, as the kernel does (dma_buf_begin_cpu_access runs
     * the exporter's hook, then waits), so the wait blocks in place: it never restarts the call.
     */
    default void awaitFences(List<DmaFence> fences, String what) {
        for (DmaFence f : fences) {
            if (!f.isSignaled()) {
                throw CallError.waitsForever(what + " would wait forever: " + f.label() + " has not signalled");
            }
        }
    }

    /**
     * A wait with a finite timeout ({@code dma_resv_wait_timeout} with a timeout in jiffies): true
     * when every fence signalled, false when it timed out. dmasim has no clock, so while a fence is
     * pending both can happen: the wait may give up at any point before the fences signal. The
     * scheduler of concurrent executions overrides this with that choice. Without one it refuses,
     * rather than pick one outcome and hide the other.
     */
    default boolean awaitFencesWithTimeout(List<DmaFence> fences, String what) {
        for (DmaFence f : fences) {
            if (!f.isSignaled()) {
                throw new CallError(null, -1, what + " with a finite timeout is not modelled yet while "
                        + f.label() + " has not signalled: the wait may time out or succeed, and this run "
                        + "cannot explore both", "pass MAX_SCHEDULE_TIMEOUT to wait until the fences signal, or "
                        + "test them with dma_resv_test_signaled");
            }
        }
        return true;
    }
}
