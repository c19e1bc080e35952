package org.dmasim.engine.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code struct dma_resv} (drivers/dma-buf/dma-resv.c): the fences of the operations that use a
 * buffer, each with its {@link DmaResvUsage}. Every dma-buf has one. Callers see only the
 * fences that have not signalled yet, as the kernel's unlocked iterator does.
 */
public final class DmaResv {
    /** One slot of {@code dma_resv_list}: the fence and its usage (the kernel packs both in a pointer). */
    private record Entry(DmaFence fence, DmaResvUsage usage) {
    }

    private final List<Entry> entries = new ArrayList<>();
    /** {@code obj->lock}'s owner: null when unlocked, {@link #NO_CONTEXT}, or the {@link WwAcquireCtx}. */
    private Object holder;
    /** {@code fences->max_fences}; -1 while {@code obj->fences} is NULL (nothing was ever reserved). */
    private int maxFences = -1;
    /**
     * Entries {@code [0, clean)} had not signalled when {@link DmaFence#signals()} read
     * {@code cleanAt}: while no fence signalled since, the search for a signalled entry starts at
     * {@code clean}, so adding many pending fences is linear, not quadratic.
     */
    private int clean;
    private long cleanAt = -1;

    /**
     * What one appended entry holds in the heap, charged to the memory budget: the entry, its
     * slot in the list, and the fence it keeps alive (with its label).
     */
    public static final long ENTRY_BYTES = 192;

    /** The owner of a lock taken with a NULL ww_acquire_ctx. */
    public static final Object NO_CONTEXT = new Object() {
        @Override
        public String toString() {
            return "no ww_acquire_ctx";
        }
    };

    /** Who holds {@code obj->lock}: null, {@link #NO_CONTEXT} or a {@link WwAcquireCtx}. */
    public Object holder() {
        return holder;
    }

    public boolean held() {
        return holder != null;
    }

    /** Takes the lock for {@code owner}; the caller has checked that it is free. */
    public void lock(Object owner) {
        holder = owner;
    }

    /**
     * {@code dma_resv_unlock()}: include/linux/dma-resv.h calls dma_resv_reset_max_fences() first,
     * which under CONFIG_DEBUG_MUTEXES (every lockdep kernel) forgets the slots reserved but not
     * used, "to test that drivers do correct slot allocation".
     */
    public void unlock() {
        holder = null;
        resetMaxFences();
    }

    /** {@code dma_resv_reset_max_fences()}: the slots reserved but not used are gone. */
    public void resetMaxFences() {
        if (maxFences >= 0) {
            maxFences = entries.size();
        }
    }

    /**
     * {@code dma_resv_reserve_fences(obj, n)} after its checks: room for {@code n} more fences
     * (dma-resv.c: {@code max(num + n, 2 * max)}, or {@code max(4, roundup_pow_of_two(n))} for
     * the first list).
     */
    public void reserve(int n) {
        if (maxFences >= 0 && entries.size() + n <= maxFences) {
            return;
        }
        int pow = 1;
        while (pow < n) {
            pow <<= 1;
        }
        maxFences = maxFences >= 0 ? Math.max(entries.size() + n, maxFences * 2) : Math.max(4, pow);
    }

    /**
     * Whether {@code dma_resv_add_fence} finds a slot for {@code fence}: an entry it replaces (one
     * that has signalled), or a reserved one. Without, the kernel dereferences a NULL list (never
     * reserved) or hits {@code BUG_ON(fobj->num_fences >= fobj->max_fences)}.
     */
    public boolean hasSlotFor(DmaFence fence) {
        if (maxFences < 0) {
            return false;
        }
        return firstSignalled() >= 0 || entries.size() < maxFences;
    }

    /** The first entry whose fence has signalled, or -1. */
    private int firstSignalled() {
        long now = DmaFence.signals();
        int from = now == cleanAt ? clean : 0;
        for (int i = from; i < entries.size(); i++) {
            if (entries.get(i).fence().isSignaled()) {
                clean = i;
                cleanAt = now;
                return i;
            }
        }
        clean = entries.size();
        cleanAt = now;
        return -1;
    }

    /**
     * Check, then act: throws unless {@code budget} has room for {@code n} more entries, when
     * {@link #addFence} would append them (no signalled entry to take the place of).
     */
    public void requireRoom(int n, org.dmasim.engine.memory.MemoryBudget budget) {
        if (firstSignalled() < 0) {
            budget.require(n * ENTRY_BYTES, () -> n + " more fence" + (n == 1 ? "" : "s") + " in a dma_resv ("
                    + entries.size() + " pending)");
        }
    }

    /** Whether a fence list was ever allocated ({@code obj->fences != NULL}). */
    public boolean hasList() {
        return maxFences >= 0;
    }

    
    /**
     * {@code dma_resv_add_fence()} (after {@code dma_resv_lock} and {@code dma_resv_reserve_fences}).
     * dma-resv.c dma_resv_add_fence(): the fence takes the slot of the first entry that has
     * signalled, or that it supersedes (same context, old usage &gt;= new usage and
     * {@code dma_fence_is_later}); otherwise it is appended. In this model every fence has a fence
     * context of its own (a job's fence, vgem's and sw_sync-style CPU fences; steps of different
     * jobs are not ordered), so the same-context rule never applies. Adding a fence again with
     * another usage therefore keeps both entries: that is how the kernel "promotes" a BOOKKEEP
     * fence to READ, and why a WRITE fence can never be degraded to READ.
     */
    public void addFence(DmaFence fence, DmaResvUsage usage, org.dmasim.engine.memory.MemoryBudget budget) {
        int i = firstSignalled();
        if (i >= 0) {
            entries.set(i, new Entry(fence, usage));
            return;
        }
        budget.require(ENTRY_BYTES, () -> "a fence in a dma_resv (" + entries.size() + " pending)");
        budget.charge(ENTRY_BYTES);
        entries.add(new Entry(fence, usage));
        // a fence added without a slot (reported by the caller) still lands, so the rest of the
        // scenario shows what the driver meant
        maxFences = Math.max(maxFences, entries.size());
    }

    /**
     * {@code dma_resv_get_fences(obj, usage)}: every fence with this usage or a lower one that has
     * not signalled, in slot order (dma-resv.c dma_resv_iter_walk_unlocked() skips signalled
     * fences and those with {@code fence_usage > usage}). A fence added twice is returned twice,
     * as the kernel does.
     */
    public List<DmaFence> getFences(DmaResvUsage usage) {
        List<DmaFence> out = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.fence().isSignaled() && e.usage().compareTo(usage) <= 0) {
                out.add(e.fence());
            }
        }
        return out;
    }

    /**
     * What a wait on {@code usage} goes through: every fence with this usage or a lower one, once
     * each, including those that have signalled. The kernel's iterator skips the signalled ones;
     * waiting on them is no wait either, but the waiter has then seen them signalled (their work
     * is known complete) and its outcome depends on them.
     */
    public List<DmaFence> waitFences(DmaResvUsage usage) {
        List<DmaFence> out = new ArrayList<>();
        java.util.Set<DmaFence> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Entry e : entries) {
            if (e.usage().compareTo(usage) <= 0 && seen.add(e.fence())) {
                out.add(e.fence());
            }
        }
        return out;
    }

    /** {@code dma_resv_test_signaled(obj, usage)}: true when no fence up to {@code usage} is pending. */
    public boolean testSignaled(DmaResvUsage usage) {
        return getFences(usage).isEmpty();
    }
}
