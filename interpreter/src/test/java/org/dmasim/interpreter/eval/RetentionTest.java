package org.dmasim.interpreter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.diag.SourceFile;
import org.junit.jupiter.api.Test;

/**
 * The interpreter keeps nothing a script can no longer name: a loop binding a new mapping, or
 * reading, round after round, leaves the earlier rounds' objects to the collector. Checked with
 * weak references after a full collection halfway through the loop, not with timings or sizes.
 */
class RetentionTest {
    private static final int ROUNDS = 3_000;

    /** Watches the objects of every round; halfway, collects and counts the earlier rounds' survivors. */
    private static class Watcher extends SilentListener {
        final List<WeakReference<Object>> seen = new ArrayList<>();
        int survivors = -1;
        int watchedWhenCounted;

        void watch(Object o) {
            seen.add(new WeakReference<>(o));
            if (seen.size() == ROUNDS / 2) {
                // the current round's object may still be bound: leave it out
                watchedWhenCounted = seen.size() - 1;
                survivors = alive(seen.subList(0, watchedWhenCounted));
            }
        }

        @Override
        public void read(SourceSite site, String source, ReadResult result) {
            watch(result);
        }
    }

    private static int alive(List<WeakReference<Object>> refs) {
        int alive = refs.size();
        for (int i = 0; i < 5 && alive > 0; i++) {
            System.gc();
            alive = 0;
            for (WeakReference<Object> r : refs) {
                if (r.get() != null) {
                    alive++;
                }
            }
        }
        return alive;
    }

    private static void run(String script, RunListener listener) {
        int exit = ScenarioRunner.run(new SourceFile("t.dma", script), null, ScenarioRunner.Options.defaults(),
                listener, System.out, System.err);
        assertEquals(0, exit);
    }

    @Test
    void aMappingBoundInEveryRoundIsNotKeptAfterItsRound() {
        Watcher w = new Watcher() {
            @Override
            public void statementDone(Statement statement, SourceSite site, Interpreter interpreter) {
                if (statement instanceof Statement.Let l && l.name().equals("m")) {
                    interpreter.kernel().machine().mappings().forEach(this::watch);
                }
            }
        };
        run("""
                arch arm64
                device dev { dma_mask: 64, coherent: false }
                let rx = alloc_pages(4KiB)
                let n = 0
                while n < %d {
                  let m = dma_map_single(dev, rx, DMA_FROM_DEVICE)
                  expect not dma_mapping_error(dev, m)
                  dma_unmap_single(dev, m, 4KiB, DMA_FROM_DEVICE)
                  n = n + 1
                }
                """.formatted(ROUNDS), w);
        assertTrue(w.watchedWhenCounted > 1000, "watched " + w.watchedWhenCounted);
        assertEquals(0, w.survivors, w.survivors + " of " + w.watchedWhenCounted + " earlier mappings still reachable");
    }

    @Test
    void aReadShownAtOnceIsNotKept() {
        Watcher w = new Watcher();
        run("""
                arch arm64
                device dev { dma_mask: 64, coherent: false }
                let rx = alloc_pages(4KiB)
                cpu writes rx = 0x5A
                for i in 0..%d {
                  cpu reads rx[0..64]
                }
                """.formatted(ROUNDS), w);
        assertTrue(w.watchedWhenCounted > 1000, "watched " + w.watchedWhenCounted);
        assertEquals(0, w.survivors, w.survivors + " of " + w.watchedWhenCounted + " earlier reads still reachable");
    }
}
