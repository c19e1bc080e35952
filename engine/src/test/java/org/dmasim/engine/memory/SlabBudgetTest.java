package org.dmasim.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dmasim.engine.ScriptFault;
import org.junit.jupiter.api.Test;

/**
 * The budget charges the page-frame slabs when they hold more than the stores' pages; the frames
 * freed pages leave are room for pages again, and for nothing else.
 */
class SlabBudgetTest {
    private static final int PAGE = SparseBytes.PAGE;

    @Test
    void freedFramesStayChargedAndArePagesRoomOnly() {
        MemoryBudget budget = new MemoryBudget(64L * PAGE);
        SparseBytes dram = new SparseBytes(budget, "DRAM");
        byte[] bytes = new byte[48 * PAGE];
        java.util.Arrays.fill(bytes, (byte) 0x5A);
        dram.write(0, bytes, 0, bytes.length);
        long slabs = budget.shared.frames.bytes();
        assertTrue(slabs >= 48L * PAGE, "slabs " + slabs);
        assertEquals(slabs, budget.used());

        dram.zero(0, 48L * PAGE);
        assertEquals(slabs, budget.used(), "the freed frames are still in the slabs");

        // pages reuse the freed frames: the same 48 pages fit again
        dram.write(0, bytes, 0, bytes.length);
        assertEquals(slabs, budget.used());
        dram.zero(0, 48L * PAGE);

        // anything else needs room beside the slabs
        long room = budget.limit() - budget.used();
        budget.require(room, "room");
        assertThrows(ScriptFault.class, () -> budget.require(room + 1, "more than the room"));
        budget.charge(room);
        assertTrue(budget.used() <= budget.limit());
        assertThrows(ScriptFault.class, () -> budget.require(1, "anything"));
    }
}
