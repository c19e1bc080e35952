package org.dmasim.engine.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The stores of one machine (DRAM, the cache overlay, the shadow; they share a
 * {@link MemoryBudget}) and the page frames they share copy-on-write. A frame is only ever
 * shared between slots of the same page index (a write-back hands a page over at its address;
 * DRAM and the shadow share equal pages at the same address), so whether a frame is shared is a
 * lookup of that index in the other stores, and no count is kept. Frames no slot holds any more
 * are reused, so bulk writes and write-backs recycle pages instead of churning the heap.
 */
final class SharedPages {
    private final List<SparseBytes> stores = new ArrayList<>(3);
    final PageFrames frames;

    SharedPages(MemoryBudget budget) {
        frames = new PageFrames(budget);
    }

    void register(SparseBytes store) {
        stores.add(store);
    }

    /** Whether a store other than {@code holder} holds {@code frame} at {@code index}. */
    boolean heldElsewhere(SparseBytes holder, long index, int frame) {
        for (int i = 0; i < stores.size(); i++) {
            SparseBytes s = stores.get(i);
            if (s != holder && s.frameAt(index) == frame) {
                return true;
            }
        }
        return false;
    }

    /**
     * Another store's frame at {@code index} with the same bytes as {@code frame}, or
     * {@link PageTable#NONE} (also when one already holds {@code frame} itself: nothing to gain).
     */
    int equalPage(SparseBytes holder, long index, int frame) {
        byte[] a = frames.array(frame);
        int aOff = PageFrames.offset(frame);
        for (int i = 0; i < stores.size(); i++) {
            SparseBytes s = stores.get(i);
            if (s != holder) {
                int other = s.frameAt(index);
                if (other == frame) {
                    return PageTable.NONE;
                }
                if (other != PageTable.NONE) {
                    int bOff = PageFrames.offset(other);
                    if (Arrays.equals(a, aOff, aOff + PageFrames.PAGE, frames.array(other), bOff,
                            bOff + PageFrames.PAGE)) {
                        return other;
                    }
                }
            }
        }
        return PageTable.NONE;
    }

    /** Another store's frame at {@code index} that its last fill wrote with these very bytes, or none. */
    int filledAlike(SparseBytes holder, long phys, long index, byte[] pattern, long start) {
        for (int i = 0; i < stores.size(); i++) {
            SparseBytes s = stores.get(i);
            if (s != holder && s.filledAlike(phys, pattern, start)) {
                int frame = s.frameAt(index);
                if (frame != PageTable.NONE) {
                    return frame;
                }
            }
        }
        return PageTable.NONE;
    }

    /** {@code holder} dropped {@code frame} from slot {@code index}; unless another holds it, it is free. */
    void dropped(SparseBytes holder, long index, int frame) {
        if (!heldElsewhere(holder, index, frame)) {
            frames.release(frame);
        }
    }
}
