package org.dmasim.fuzz;

import java.lang.management.ManagementFactory;

/**
 * The memory budget's promise, checked on a sample of programs: what a run retained in the heap
 * (its interpreter, values and machine, measured after full collections as the difference between
 * the heap with the run's interpreter kept and without it) stays within what the budget charged,
 * plus a tolerance: 10% over the count (the budget charges each representation at a measured
 * cost, see BudgetCostTest) and 64 MiB flat for the program, its values and output, and the
 * unused tail of the last slab of each page store (slabs grow to 16 MiB; a machine has three
 * stores: DRAM, the cache overlay, the shadow).
 */
final class HeapCheck {
    static final double SLACK = 1.10;
    static final long FLAT = 64L << 20;

    private HeapCheck() {
    }

    /** Runs whose budget charged at least this much are always measured: they are where an under-charge shows. */
    static final long ALWAYS = 16L << 20;

    /**
     * Measures a run made with its interpreter kept, when {@code sampled} or when its budget
     * charged at least {@link #ALWAYS}; releases the interpreter. Null when the run stayed within.
     */
    static Finding check(Runs.Run run, String program, Stats stats, boolean sampled) {
        var interpreter = run.events().interpreter;
        if (interpreter == null || run.abandoned()) {
            return null;
        }
        long charged = interpreter.kernel().machine().budget().used();
        if (!sampled && charged < ALWAYS) {
            run.events().interpreter = null;
            return null;
        }
        long with = usedAfterGc();
        run.events().interpreter = null;
        interpreter = null;
        long without = usedAfterGc();
        long retained = Math.max(0, with - without);
        synchronized (stats) {
            stats.heapChecks++;
            stats.maxRetained = Math.max(stats.maxRetained, retained);
            stats.maxCharged = Math.max(stats.maxCharged, charged);
        }
        if (retained > charged * SLACK + FLAT) {
            return new Finding("heap-over-budget", String.format("the run retained %.1f MiB of heap, the budget "
                    + "charged %.1f MiB (allowed: %.0f%% of it + %d MiB)", retained / 1048576.0, charged / 1048576.0,
                    SLACK * 100, FLAT >> 20), program);
        }
        return null;
    }

    /** Used heap after full collections, once it stops shrinking. */
    static long usedAfterGc() {
        var mem = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            long used = mem.getHeapMemoryUsage().getUsed();
            if (used >= last - 64 * 1024) {
                return Math.min(used, last);
            }
            last = used;
        }
        return last;
    }
}
