package org.dmasim.engine.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The stores of one machine (DRAM, the cache overlay, the shadow; they share a
 * {@link MemoryBudget}) and the page arrays they share copy-on-write. An array is only ever
 * shared between slots of the same page index (a write-back hands a page over at its address;
 * DRAM and the shadow share equal pages at the same address), so whether an array is shared is
 * a lookup of that index in the other stores, and no count is kept. Arrays no slot holds any
 * more are kept for reuse, so bulk writes and write-backs recycle pages instead of churning the
 * heap.
 */
final class SharedPages {
    private static final int POOL = 2048;
    private final List<SparseBytes> stores = new ArrayList<>(3);
    private final byte[][] free = new byte[POOL][];
    private int freeCount;

    void register(SparseBytes store) {
        stores.add(store);
    }

    /** Whether a store other than {@code holder} holds {@code page} at {@code index}. */
    boolean heldElsewhere(SparseBytes holder, long index, byte[] page) {
        for (int i = 0; i < stores.size(); i++) {
            SparseBytes s = stores.get(i);
            if (s != holder && s.pageAt(index) == page) {
                return true;
            }
        }
        return false;
    }

    /**
     * Another store's array at {@code index} with the same bytes as {@code page}, or null
     * (also null when one already holds {@code page} itself: nothing to gain).
     */
    byte[] equalPage(SparseBytes holder, long index, byte[] page) {
        for (int i = 0; i < stores.size(); i++) {
            SparseBytes s = stores.get(i);
            if (s != holder) {
                byte[] other = s.pageAt(index);
                if (other == page) {
                    return null;
                }
                if (other != null && Arrays.equals(other, page)) {
                    return other;
                }
            }
        }
        return null;
    }

    /** Another store's page at {@code index} that its last fill wrote with these very bytes, or null. */
    byte[] filledAlike(SparseBytes holder, long phys, long index, byte[] pattern, long start) {
        for (int i = 0; i < stores.size(); i++) {
            SparseBytes s = stores.get(i);
            if (s != holder && s.filledAlike(phys, pattern, start)) {
                byte[] page = s.pageAt(index);
                if (page != null) {
                    return page;
                }
            }
        }
        return null;
    }

    /** {@code holder} dropped {@code page} from slot {@code index}; unless another holds it, it may be reused. */
    void dropped(SparseBytes holder, long index, byte[] page) {
        if (freeCount < POOL && !heldElsewhere(holder, index, page)) {
            free[freeCount++] = page;
        }
    }

    /** A page array with any contents (the caller overwrites all of it). */
    byte[] take(int size) {
        if (freeCount > 0) {
            byte[] page = free[--freeCount];
            free[freeCount] = null;
            return page;
        }
        return new byte[size];
    }
}
