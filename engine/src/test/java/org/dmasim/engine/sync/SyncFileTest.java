package org.dmasim.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** drivers/dma-buf/sync_file.c and dma-fence-unwrap.c as the model keeps them. */
class SyncFileTest {
    private final DmaFence a = new DmaFence("a");
    private final DmaFence b = new DmaFence("b");
    private final DmaFence c = new DmaFence("c");

    @Test
    void aSyncFileHasSignalledWhenAllItsFencesHave() {
        SyncFile sf = new SyncFile(List.of(a, b), "sf");
        assertEquals(List.of(a, b), sf.fences());
        assertFalse(sf.isSignaled());
        a.signal("1:1");
        assertFalse(sf.isSignaled());
        b.signal("2:1");
        assertTrue(sf.isSignaled());
    }

    @Test
    void theStubOfAnEmptySyncFileHasSignalled() {
        assertTrue(new SyncFile(List.of(), "stub").isSignaled());
    }

    @Test
    void mergeKeepsThePendingFencesOfBothOncePerContext() {
        SyncFile x = new SyncFile(List.of(a, b), "x");
        SyncFile y = new SyncFile(List.of(b, c), "y");
        a.signal("1:1");
        SyncFile m = SyncFile.merge(x, y, "m");
        assertEquals(List.of(b, c), m.fences());
        assertEquals("m", m.label());
        b.signal("2:1");
        c.signal("3:1");
        assertEquals(List.of(), SyncFile.merge(x, y, "n").fences(), "nothing pending: the signalled stub");
        assertTrue(SyncFile.merge(x, y, "n").isSignaled());
    }

    @Test
    void aSyncFileIsAFenceSourceForAfterAndWaits() {
        FenceSource s = new SyncFile(List.of(c), "sf");
        assertEquals(List.of(c), s.fences());
    }
}
