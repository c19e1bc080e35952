package org.dmasim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionTest {
    private final Session session = Dmasim.sandbox().session();

    @Test
    void entriesShareOneMachine() {
        assertEquals(Status.PASSED, session.eval("arch arm64\ndevice nic { dma_mask: 64, coherent: false }").status());
        assertEquals(Status.PASSED, session.eval("let rx = alloc_pages(4KiB)\ncpu writes rx = 0").status());
        session.eval("let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)");
        session.eval("nic writes m = 0x5A");
        Result read = session.eval("cpu reads rx[0..64]");
        assertEquals(Status.FAILED, read.status());
        assertEquals(1, read.reads().size());
        assertEquals(2, read.reads().get(0).outcomes().size(), read.text());
        assertEquals(List.of("CPU_ACCESS_DEVICE_OWNED", "STALE_READ"), read.reports().stream().map(Report::code).toList());
        assertEquals(new Tally(0, 0, 0, 1, 1), read.tally());
        assertEquals("", read.summary());

        Result end = session.finish();
        assertEquals(List.of("DMA_LEAK"), end.reports().stream().map(Report::code).toList());
        assertEquals(new Tally(0, 0, 0, 1, 2), end.tally());
        assertTrue(end.summary().endsWith("FAIL\n"), end.summary());
        assertThrows(IllegalStateException.class, () -> session.eval("let x = 1"));
    }

    @Test
    void aFailedEntryLeavesTheMachineAsItWas() {
        session.eval("let n = 1");
        Result bad = session.eval("n = 2\nlet x = nosuch(3)");
        assertEquals(Status.SCRIPT_ERROR, bad.status());
        assertEquals(new Position(Session.ENTRY_NAME, 2, 9), bad.errors().get(0).position());
        assertEquals(1L, session.get("n"));
        assertEquals(List.of("let n = 1"), session.entries());
    }

    @Test
    void hostValuesGoInAndComeBack() {
        session.set("count", 3);
        session.set("big", BigInteger.ONE.shiftLeft(40));
        session.set("neg", Long.MIN_VALUE);
        session.set("name", "rx \"ring\"\n\t\u0001");
        session.set("on", true);
        session.set("sizes", List.of(64, 128));
        session.set("bytes", new int[] {1, 2});
        session.set("cfg", Map.of("mask", 32));
        session.set("nothing", null);
        Result r = session.eval("""
                expect count + 1 == 4
                expect big == 1 << 40
                expect neg + 1 == -9223372036854775807
                expect on
                let total = cfg.mask + 2
                for s in sizes { total = total + s }
                let label = name + "!"
                """);
        assertEquals(Status.PASSED, r.status(), r.text());
        assertEquals(226L, session.get("total"));
        assertEquals(List.of(1L, 2L), session.get("bytes"));
        assertEquals("rx \"ring\"\n\t\u0001!", session.get("label"));
        assertEquals(Long.MIN_VALUE, session.get("neg"));
        assertEquals(List.of(64L, 128L), session.get("sizes"));
        assertEquals(Map.of("mask", 32L), session.get("cfg"));
        assertNull(session.get("nothing"));
        assertNull(session.get("undefined"));
        assertTrue(session.globals().containsKey("nothing"));
        assertEquals(Boolean.TRUE, session.globals().get("on"));
    }

    @Test
    void machineObjectsComeBackAsTheirDescription() {
        session.eval("device nic { }\nlet rx = alloc_pages(4KiB)\nfn f() { return 1 }");
        assertTrue(session.get("rx") instanceof String s && !s.isEmpty(), String.valueOf(session.get("rx")));
        assertTrue(session.globals().containsKey("rx"));
        assertTrue(!session.globals().containsKey("f"), "functions stay in the script");
    }

    @Test
    void badBindingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> session.set("not a name", 1));
        assertThrows(IllegalArgumentException.class, () -> session.set("x", 1.5));
        assertThrows(IllegalArgumentException.class, () -> session.set("x", new Object()));
        assertThrows(IllegalArgumentException.class, () -> session.set("x", BigInteger.ONE.shiftLeft(70)));
        assertThrows(IllegalArgumentException.class, () -> session.set("x", Map.of(1, 2)));
        assertThrows(IllegalArgumentException.class, () -> session.set("while", 1));
    }

    @Test
    void bindingsAreReplayedAfterAFailedEntry() {
        session.set("base", 7);
        session.eval("let y = nosuch()");
        assertEquals(Status.PASSED, session.eval("expect base == 7").status());
    }
}
