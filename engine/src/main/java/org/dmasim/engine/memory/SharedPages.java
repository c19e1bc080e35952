package org.dmasim.engine.memory;

import java.util.IdentityHashMap;

/**
 * Page arrays that more than one {@link SparseBytes} slot holds (copy on write): DRAM taking the
 * cache's dirty page at a write-back, DRAM and the shadow holding equal bytes. Only the owner
 * count of shared arrays is kept; an array not listed has one owner and may be written in place.
 * One per machine (it hangs off the {@link MemoryBudget} all its stores share).
 */
final class SharedPages {
    private final IdentityHashMap<byte[], int[]> owners = new IdentityHashMap<>();

    boolean isShared(byte[] page) {
        return !owners.isEmpty() && owners.containsKey(page);
    }

    /** One more slot holds {@code page}. */
    void share(byte[] page) {
        int[] n = owners.get(page);
        if (n == null) {
            owners.put(page, new int[] {2});
        } else {
            n[0]++;
        }
    }

    /** A slot no longer holds {@code page}. */
    void release(byte[] page) {
        if (owners.isEmpty()) {
            return;
        }
        int[] n = owners.get(page);
        if (n != null && --n[0] <= 1) {
            owners.remove(page);
        }
    }

    int size() {
        return owners.size();
    }
}
