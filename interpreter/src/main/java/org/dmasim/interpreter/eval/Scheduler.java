package org.dmasim.interpreter.eval;

import java.util.List;
import java.util.Set;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.dma.DmaHandle;
import org.dmasim.engine.machine.MemoryOrdering;
import org.dmasim.engine.memory.CpuView;
import org.dmasim.engine.sync.DmaFence;

/**
 * Where the evaluator meets concurrency (docs/concurrency.md): the points before each CPU event where
 * device jobs may run first, jobs starting and being waited for, waits on fences, polls, and
 * reads an explorer may restrict to one branch of a condition. {@link #NONE} runs one sequence:
 * no jobs, and a condition on a read with several outcomes is an error.
 */
public interface Scheduler {
    /** One sequence, as the REPL and the polyglot bindings run: no device jobs, no forks. */
    Scheduler NONE = new Scheduler() {
    };

    /** Whether conditions on uncertain reads fork (each branch explored in its own executions). */
    default boolean explores() {
        return false;
    }

    /**
     * A scheduling point before the CPU's next event (a read, a write, a kernel call): running
     * jobs may take steps first. Returns when the CPU may go on.
     */
    default void beforeCpuEvent(SourceSite site) {
    }

    /**
     * A CPU store (docs/concurrency.md, "Ordering"): a scheduling point, then the store. An explorer
     * may put it in the CPU's store buffer and {@code perform} it later, as a step of its own.
     */
    default void cpuStore(SourceSite site, CpuView view, long offset, long length, Runnable perform) {
        beforeCpuEvent(site);
        perform.run();
    }

    /**
     * What a CPU load returns: {@code result}, the value at its place in the program, or under a
     * weak load order another value its bytes held while nothing ordered the load.
     */
    default ReadResult cpuLoaded(CpuView view, long offset, long length, ReadResult result, SourceSite site,
            boolean judged) {
        return result;
    }

    /** A device write through {@code handle} (inside a job's step): {@code perform} does it. */
    default void deviceWrite(DmaHandle handle, long offset, long length, SourceSite site, Runnable perform) {
        perform.run();
    }

    /** A device read through {@code handle} (inside a job's step) happened; {@code judged} inside an expect. */
    default void deviceLoaded(DmaHandle handle, long offset, long length, SourceSite site, boolean judged) {
    }

    /** A condition is evaluated: a value it uses can no longer change (its load is satisfied). */
    default void valueUsed() {
    }

    /** A CPU load of {@code view[offset, offset+length)} is about to happen (after its scheduling point). */
    default void beforeCpuLoad(CpuView view, long offset, long length, SourceSite site) {
    }

    /**
     * A kernel call other than a barrier is about to run (after its scheduling point): the DMA API's
     * own barriers and cache maintenance order the CPU's earlier accesses before it.
     */
    default void beforeKernelCall(SourceSite site) {
    }

    /** Barrier {@code name} ({@code dma_wmb}, ...) orders the access pairs {@code orders}. */
    default void barrier(String name, Set<MemoryOrdering.Pair> orders, SourceSite site) {
    }

    /**
     * The next {@code async} rings its doorbell with {@code via} ({@code writel}, {@code writel_relaxed}, ...):
     * a relaxed doorbell does not wait for the CPU's earlier stores.
     */
    default void doorbell(String via) {
    }

    /** After a kernel call of the CPU: what it did to memory running jobs still access. */
    default void afterCpuCall(SourceSite site) {
    }

    /**
     * While on, the CPU's engine accesses are one event with no scheduling point inside (the
     * condition of a {@code wait until}).
     */
    default void atomic(boolean on) {
    }

    /**
     * One evaluation of a {@code wait until} condition is over: {@code held} says whether it ends
     * the wait. What a failed evaluation showed is not shown.
     */
    default void pollDone(boolean held) {
    }

    /** Logical read number {@code id} of the run starts (an explorer may restrict it). */
    default void openRead(int id) {
    }

    default void closeRead(int id) {
    }

    /** Logical read {@code id} did happen (a builtin opened one and may not read). */
    default void readHappened(int id) {
    }

    /** {@code async}: the job is created; it runs from the next scheduling point on. */
    default void startJob(JobRun job) {
        throw new UnsupportedOperationException();
    }

    /** {@code wait j}: returns once the job has completed (its completion interrupt). */
    default void waitJob(JobRun job, SourceSite site) {
        throw new UnsupportedOperationException();
    }

    /**
     * Blocks the running agent until every fence has signalled. False when there is no one who
     * could signal them (no scheduler): the caller then reports the wait as endless.
     */
    default boolean awaitFences(List<DmaFence> fences, String what, SourceSite site) {
        return false;
    }

    /** The CPU saw {@code fence} signalled ({@code dma_fence_is_signaled}): its job is known complete. */
    default void sawSignalled(DmaFence fence) {
    }

    /** A loop of the CPU starts: each iteration that changes nothing waits for another agent. */
    default LoopWatch watchLoop(SourceSite site, boolean conditionOnly) {
        return LoopWatch.NONE;
    }

    /** The CPU's program is over: remaining job steps run before the end-of-run checks. */
    default void finishing() {
    }

    /** The running CPU event reads the report log ({@code expect clean}, {@code reports()}). */
    default void observesReports() {
    }

    /**
     * Every agent waits and none can make progress: a HANG report was raised at the wait, and the
     * waiting statement is abandoned. An {@code expect report HANG} block around it catches this
     * (as a wait with a timeout returns); otherwise the execution ends here.
     */
    final class Hung extends ExplorationSignal {
        public Hung() {
            super("hang");
        }
    }

    /** Watches the iterations of one loop for polls that cannot make progress alone. */
    interface LoopWatch {
        LoopWatch NONE = new LoopWatch() {
            @Override
            public void iteration(long assignments) {
            }

            @Override
            public void end() {
            }
        };

        /**
         * The next iteration starts; {@code assignments} counts the CPU's assignments so far. An
         * iteration that changed nothing blocks the CPU until another agent writes what it read.
         */
        void iteration(long assignments);

        void end();
    }
}
