package org.dmasim.engine.sync;

import static org.dmasim.engine.sync.DmaResvUsage.BOOKKEEP;
import static org.dmasim.engine.sync.DmaResvUsage.KERNEL;
import static org.dmasim.engine.sync.DmaResvUsage.READ;
import static org.dmasim.engine.sync.DmaResvUsage.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.dmasim.engine.memory.MemoryBudget;
import org.junit.jupiter.api.Test;

/** include/linux/dma-resv.h and drivers/dma-buf/dma-resv.c, rule by rule. */
class DmaResvTest {
    private static final MemoryBudget BUDGET = new MemoryBudget(1L << 30);

    private final DmaFence k = new DmaFence("k");
    private final DmaFence w = new DmaFence("w");
    private final DmaFence r = new DmaFence("r");
    private final DmaFence b = new DmaFence("b");

    @Test
    void usagesHaveTheKernelsValuesAndOrder() {
        assertEquals(List.of(KERNEL, WRITE, READ, BOOKKEEP), List.of(DmaResvUsage.values()));
        for (DmaResvUsage u : DmaResvUsage.values()) {
            assertEquals(u, DmaResvUsage.of(u.ordinal()));
        }
        assertNull(DmaResvUsage.of(4));
        assertNull(DmaResvUsage.of(-1));
        assertEquals("DMA_RESV_USAGE_BOOKKEEP", BOOKKEEP.kernelName());
    }

    @Test
    void usageRwMakesAWriterWaitForReadersAndAReaderForWriters() {
        assertEquals(READ, DmaResvUsage.rw(true));
        assertEquals(WRITE, DmaResvUsage.rw(false));
    }

    @Test
    void getFencesReturnsEveryFenceUpToTheUsageAskedFor() {
        DmaResv resv = new DmaResv();
        resv.addFence(b, BOOKKEEP, BUDGET);
        resv.addFence(r, READ, BUDGET);
        resv.addFence(w, WRITE, BUDGET);
        resv.addFence(k, KERNEL, BUDGET);
        assertEquals(List.of(k), resv.getFences(KERNEL));
        assertEquals(List.of(w, k), resv.getFences(WRITE));
        assertEquals(List.of(r, w, k), resv.getFences(READ));
        assertEquals(List.of(b, r, w, k), resv.getFences(BOOKKEEP));
    }

    @Test
    void signalledFencesAreNotReturnedAndTestSignaledLooksOnlyUpToTheUsage() {
        DmaResv resv = new DmaResv();
        assertTrue(resv.testSignaled(BOOKKEEP));
        resv.addFence(w, WRITE, BUDGET);
        resv.addFence(b, BOOKKEEP, BUDGET);
        assertTrue(resv.testSignaled(KERNEL));
        assertFalse(resv.testSignaled(WRITE));
        w.signal("3:1");
        assertEquals(List.of(), resv.getFences(READ));
        assertTrue(resv.testSignaled(READ));
        assertFalse(resv.testSignaled(BOOKKEEP), "the bookkeeping fence is still pending");
    }

    @Test
    void aFenceAddedAgainWithAHigherUsageIsPromotedAndNeverDegraded() {
        DmaResv resv = new DmaResv();
        resv.addFence(b, BOOKKEEP, BUDGET);
        assertEquals(List.of(), resv.getFences(READ));
        resv.addFence(b, READ, BUDGET);
        assertEquals(List.of(b), resv.getFences(READ));
        resv.addFence(w, WRITE, BUDGET);
        resv.addFence(w, READ, BUDGET);
        assertEquals(List.of(w), resv.getFences(WRITE), "a WRITE fence stays a write fence");
        assertEquals(List.of(b, b, w, w), resv.getFences(BOOKKEEP), "the kernel returns each slot");
    }

    @Test
    void aWaitGoesThroughTheSignalledFencesTooOnceEach() {
        DmaResv resv = new DmaResv();
        resv.addFence(w, WRITE, BUDGET);
        resv.addFence(w, READ, BUDGET);
        resv.addFence(r, READ, BUDGET);
        resv.addFence(b, BOOKKEEP, BUDGET);
        w.signal("2:1");
        assertEquals(List.of(w, r), resv.waitFences(READ));
        assertEquals(List.of(r), resv.getFences(READ));
        assertEquals(List.of(w), resv.waitFences(WRITE));
        assertEquals(List.of(), resv.waitFences(KERNEL));
    }

    @Test
    void aNewFenceTakesTheSlotOfTheFirstSignalledOne() {
        DmaResv resv = new DmaResv();
        resv.addFence(r, READ, BUDGET);
        resv.addFence(w, WRITE, BUDGET);
        r.signal("2:1");
        resv.addFence(k, KERNEL, BUDGET);
        assertEquals(List.of(k, w), resv.getFences(BOOKKEEP));
        resv.addFence(b, BOOKKEEP, BUDGET);
        assertEquals(List.of(k, w, b), resv.getFences(BOOKKEEP));
    }

    /**
     * Whatever the slots do, a query sees exactly the fences added with a usage up to it that
     * have not signalled: replacing signalled slots never loses a pending fence.
     */
    @Property(tries = 300)
    void aQuerySeesEveryPendingFenceAddedUpToItsUsage(
            @ForAll @Size(max = 24) List<@IntRange(min = 0, max = 15) Integer> steps) {
        List<DmaFence> fences = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fences.add(new DmaFence("f" + i));
        }
        List<DmaFence> added = new ArrayList<>();
        List<DmaResvUsage> usages = new ArrayList<>();
        DmaResv resv = new DmaResv();
        for (int step : steps) {
            DmaFence f = fences.get(step % 4);
            if (step < 12) {
                DmaResvUsage u = DmaResvUsage.values()[step / 4 % 3 + (step >= 8 && step % 2 == 1 ? 1 : 0)];
                resv.addFence(f, u, BUDGET);
                added.add(f);
                usages.add(u);
            } else {
                f.signal("1:1");
            }
            for (DmaResvUsage q : DmaResvUsage.values()) {
                Set<DmaFence> expected = new LinkedHashSet<>();
                for (int i = 0; i < added.size(); i++) {
                    if (!added.get(i).isSignaled() && usages.get(i).compareTo(q) <= 0) {
                        expected.add(added.get(i));
                    }
                }
                assertEquals(expected, new LinkedHashSet<>(resv.getFences(q)), q + " after " + steps);
                assertEquals(expected.isEmpty(), resv.testSignaled(q));
            }
        }
    }
}
