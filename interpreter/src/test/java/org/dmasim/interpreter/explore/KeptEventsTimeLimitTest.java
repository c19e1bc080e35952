package org.dmasim.interpreter.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.cache.Alternative;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.cache.Segment;
import org.dmasim.engine.cache.Witness;
import org.dmasim.interpreter.ast.Span;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.Budget;
import org.dmasim.interpreter.eval.Cancellation;
import org.dmasim.interpreter.eval.ReadOverExecutions;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.SilentListener;
import org.dmasim.interpreter.eval.SourceSite;
import org.junit.jupiter.api.Test;

/**
 * A run whose events are kept for the merge (an uncertain read stopped the streaming) shows them
 * only while its time limit, plus a short grace, lasts: a loop of reads kept 262,000 of them and
 * folding and showing them took two minutes after a 4 s limit (fuzz finding "overrun"). The clock
 * here ran out before the run started, so the cut is certain: no timing is measured.
 */
class KeptEventsTimeLimitTest {
    private static final SourceFile FILE = new SourceFile("kept.dma", "cpu reads b\n");
    private static final int READS = 2000;

    /** Counts what reaches the output. */
    private static final class Seen extends SilentListener {
        int reads;
        final List<String> printed = new ArrayList<>();

        @Override
        public void read(SourceSite site, String source, ReadResult result) {
            reads++;
        }

        @Override
        public void read(SourceSite site, String source, ReadOverExecutions read) {
            reads++;
        }

        @Override
        public void print(String line) {
            printed.add(line);
        }
    }

    private static ReadResult certain(int v) {
        return new ReadResult(8, List.of(new Segment(0, 8, List.of(new Alternative(new byte[] {(byte) v, 0, 0, 0, 0, 0,
                0, 0}, new Witness("CPU write"), false)))));
    }

    /** A read with two possible values: what comes after it may differ between executions, so it is kept. */
    private static ReadResult uncertain() {
        return new ReadResult(8, List.of(new Segment(0, 8, List.of(
                new Alternative(new byte[8], new Witness("memory"), false),
                new Alternative(new byte[] {1, 1, 1, 1, 1, 1, 1, 1}, new Witness("stale line"), true)))));
    }

    /** An uncertain read, then {@link #READS} reads, each its own event; then {@code end} (null: none). */
    private static Explorer.Program reads(RuntimeException end) {
        return execution -> {
            RunListener log = execution.listener();
            log.read(new SourceSite(FILE, new Span(0, 11), false), "cpu reads b", uncertain());
            for (int i = 1; i <= READS; i++) {
                log.read(new SourceSite(FILE, new Span(0, 11), false, List.of((long) i)), "cpu reads b", certain(i));
            }
            if (end != null) {
                throw end;
            }
        };
    }

    /** A clock whose time limit passed long ago (grace included). */
    private static Budget expired() {
        return new Budget(Long.MAX_VALUE, Duration.ofMillis(1), new Cancellation(), System.nanoTime() - 60_000_000_000L);
    }

    private static Budget roomy() {
        return new Budget(Long.MAX_VALUE, Duration.ofHours(1), new Cancellation(), System.nanoTime());
    }

    @Test
    void aRunThatFailedShowsItsKeptEventsOnlyWhileItsTimeLasts() {
        Seen seen = new Seen();
        IllegalStateException stop = new IllegalStateException("the run's own error");
        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> new Explorer(Explorer.Options.defaults()).explore(reads(stop), seen, expired()));
        assertEquals(stop, thrown, "the run's own error, not the clock's");
        assertTrue(seen.reads < Merge.BEAT * 2, seen.reads + " reads shown");
        assertEquals(List.of(Explorer.NOT_SHOWN), seen.printed);
    }

    @Test
    void aRunThatEndedShowsItsKeptEventsOnlyWhileItsTimeLasts() {
        Seen seen = new Seen();
        Explorer.ShowingTooLong late = assertThrows(Explorer.ShowingTooLong.class,
                () -> new Explorer(Explorer.Options.defaults()).explore(reads(null), seen, expired()));
        assertTrue(late.getMessage().contains("(the time limit; raise it with --timeout) while showing"), late.getMessage());
        assertTrue(seen.reads < Merge.BEAT * 2, seen.reads + " reads shown");
        assertEquals(List.of(Explorer.NOT_SHOWN), seen.printed);
    }

    /**
     * Folding a completed execution's events in looks at the clock too: it used to fold every
     * execution whole and find the limit only when showing (up to a beat of events shown; fuzz
     * finding "overrun", 26 s past a 1 s limit).
     */
    @Test
    void aRunPastItsTimeStopsWhileFoldingItsExecutions() {
        Seen seen = new Seen();
        assertThrows(Explorer.ShowingTooLong.class,
                () -> new Explorer(Explorer.Options.defaults()).explore(reads(null), seen, expired()));
        assertTrue(seen.reads <= 1, seen.reads + " reads shown: the fold went on past the limit");
    }

    @Test
    void withTimeLeftEveryKeptEventIsShown() {
        Seen seen = new Seen();
        new Explorer(Explorer.Options.defaults()).explore(reads(null), seen, roomy());
        assertEquals(READS + 1, seen.reads);
        assertEquals(List.of(), seen.printed);
    }
}
