package org.dmasim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dmasim.interpreter.ScenarioRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxTest {
    private final Sandbox sandbox = Dmasim.sandbox();

    @Test
    void aStaleReadHasEveryOutcomeWithItsWitness() {
        Result r = sandbox.eval(Scenarios.FORGOTTEN_SYNC);
        assertEquals(Status.FAILED, r.status());
        assertEquals(1, r.exitCode());
        assertEquals(2, r.reads().size());
        Read first = r.reads().get(0);
        assertEquals(new Position("<eval>", 8, 1), first.position());
        assertEquals("cpu reads rx[0..64]", first.source());
        assertEquals(64, first.length());
        assertEquals(2, first.outcomes().size());
        Outcome fresh = first.outcomes().get(0);
        Outcome stale = first.outcomes().get(1);
        assertEquals("0x5a x64", fresh.value());
        assertFalse(fresh.stale());
        assertEquals("device write at 7:1", fresh.witness());
        assertEquals("0x00 x64", stale.value());
        assertTrue(stale.stale());
        assertTrue(stale.witness().startsWith("CPU write at 4:1"), stale.witness());
        assertEquals(1, stale.executions());
        assertTrue(first.stale());
        assertFalse(first.certain());
        assertTrue(first.sometimes(0x5a));
        assertTrue(first.sometimes(0x00));
        assertTrue(first.never(0x11));
        assertFalse(first.always(0x5a));
        assertTrue(first.certainValue().isEmpty());

        Read second = r.reads().get(1);
        assertTrue(second.certain());
        assertTrue(second.always(0x5a));
        assertEquals(64, second.certainValue().orElseThrow().length);
        assertEquals(0x5a, second.segments().get(0).alternatives().get(0).byteAt(0));
    }

    @Test
    void aConcurrentRunSaysInHowManyExecutionsAndWhichScheduleGivesEachValue() {
        Result r = sandbox.eval("""
                device nic { dma_mask: 64, coherent: true }
                let ring = dma_alloc_coherent(nic, 4KiB)
                let rx = async nic {
                    nic writes ring.dma[0..4] = u32(64)
                    nic writes ring.dma[8..12] = u32(1)
                }
                cpu reads ring.cpu[0..4]
                wait rx
                dma_free_coherent(nic, ring)
                """);
        assertEquals(Status.PASSED, r.status());
        assertEquals(new Executions(3, false), r.executions());
        Read read = r.reads().get(0);
        assertEquals(2, read.outcomes().size());
        Outcome before = read.outcomes().get(0);
        Outcome after = read.outcomes().get(1);
        assertEquals("0x00 x4", before.value());
        assertEquals(1, before.executions());
        assertEquals(List.of("cpu 3:10", "cpu 7:1"), before.schedule());
        assertEquals("0x40 x1, 0x00 x3", after.value());
        assertEquals(2, after.executions());
        assertEquals(List.of("cpu 3:10", "nic 4:5", "cpu 7:1"), after.schedule());
        // a run of one execution has no schedule
        assertEquals(List.of(), sandbox.eval(Scenarios.FORGOTTEN_SYNC).reads().get(0).outcomes().get(0).schedule());
    }

    @Test
    void reportsCarryCodeSeverityPositionHelpAndWitness() {
        Result r = sandbox.eval(Scenarios.FORGOTTEN_SYNC);
        List<String> codes = r.reports().stream().map(Report::code).toList();
        assertEquals(List.of("CPU_ACCESS_DEVICE_OWNED", "STALE_READ", "DMA_LEAK"), codes);
        Report stale = r.reports().get(1);
        assertEquals(Severity.ERROR, stale.severity());
        assertEquals(new Position("<eval>", 8, 1), stale.position());
        assertTrue(stale.help().startsWith("call dma_sync_single_for_cpu("), stale.help());
        assertEquals(1, stale.witnesses().size());
        assertTrue(stale.fails());
        assertTrue(stale.text().startsWith("<eval>:8:1: error[STALE_READ]: "), stale.text());
        assertTrue(stale.text().contains("^^^^"), stale.text());
        Report leak = r.reports().get(2);
        assertEquals(Severity.WARNING, leak.severity());
        assertNull(leak.position());
        assertEquals(new Tally(1, 1, 0, 1, 2), r.tally());
        assertEquals(Executions.ONE, r.executions());
        assertEquals(List.of(new Expectation("expect not dma_mapping_error(nic, m)", new Position("<eval>", 6, 1), true,
                null, "")), r.expectations());
    }

    @Test
    void theTextIsWhatDmasimRunPrints() throws Exception {
        for (Path file : Scenarios.examples()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = ScenarioRunner.run(file, ScenarioRunner.Options.defaults(),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            Result r = sandbox.run(file);
            assertEquals(out.toString(StandardCharsets.UTF_8), r.text(), file.toString());
            assertEquals(exit, r.exitCode(), file.toString());
        }
    }

    @Test
    void aListenerSeesTheEventsAsTheyHappen() {
        List<Event> seen = new ArrayList<>();
        Result r = sandbox.eval(Scenarios.FORGOTTEN_SYNC + "print(\"done\")\n", Listener.of(seen::add));
        assertEquals(r.events(), seen);
        assertEquals(List.of("done"), r.printed());
    }

    @Test
    void withoutKeptEventsTheResultHoldsTheOutcomeAndTally() {
        List<Read> reads = new ArrayList<>();
        Result r = Dmasim.builder().keepEvents(false).build().eval(Scenarios.FORGOTTEN_SYNC, new Listener() {
            @Override
            public void read(Read read) {
                reads.add(read);
            }
        });
        assertEquals(2, reads.size());
        assertTrue(r.events().isEmpty());
        assertEquals(Status.FAILED, r.status());
        assertEquals(1, r.tally().errors());
    }

    @Test
    void aListenerThatThrowsStopsTheRunAndItsExceptionComesOut() {
        IllegalStateException thrown = new IllegalStateException("host says stop");
        IllegalStateException out = assertThrows(IllegalStateException.class,
                () -> sandbox.eval(Scenarios.FORGOTTEN_SYNC, new Listener() {
                    @Override
                    public void read(Read read) {
                        throw thrown;
                    }
                }));
        assertSame(thrown, out);
    }

    @Test
    void scriptErrorsAreData() {
        Result r = sandbox.eval("let x = 1\nlet y = dma_map_single(nic)\n");
        assertEquals(Status.SCRIPT_ERROR, r.status());
        assertEquals(2, r.exitCode());
        assertNull(r.tally());
        assertEquals(1, r.errors().size());
        ScriptError e = r.errors().get(0);
        assertEquals(2, e.position().line());
        assertTrue(e.message().contains("nic"), e.message());
        assertTrue(e.text().startsWith("<eval>:2:"), e.text());

        Result syntax = sandbox.eval("let = 3\n");
        assertEquals(Status.SCRIPT_ERROR, syntax.status());
        assertEquals(new Position("<eval>", 1, 5), syntax.errors().get(0).position());
    }

    @Test
    void aFileRunsWithItsNameInPositionsAndImportsBesideIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("lib.dma"), "fn twice(x) { return x * 2 }\n");
        Path file = dir.resolve("main.dma");
        Files.writeString(file, "import \"lib.dma\"\nexpect twice(2) == 4\nexpect twice(2) == 5\n");
        Result r = sandbox.run(file);
        assertEquals(Status.FAILED, r.status());
        assertEquals(new Position(file.toString(), 3, 1), r.expectations().get(1).position());
        assertEquals(List.of(true, false), r.expectations().stream().map(Expectation::passed).toList());
        assertNotNull(r.expectations().get(1).detail());
    }

    @Test
    void aMissingFileOrAnUnknownKindIsAScriptError(@TempDir Path dir) {
        Result missing = sandbox.run(dir.resolve("nope.dma"));
        assertEquals(Status.SCRIPT_ERROR, missing.status());
        assertTrue(missing.errors().get(0).message().startsWith("cannot read"), missing.errors().get(0).message());
        Result other = sandbox.run(dir.resolve("notes.txt"));
        assertEquals(Status.SCRIPT_ERROR, other.status());
        assertTrue(other.errors().get(0).message().contains("not a scenario"));
    }

    @Test
    void theArchOverrideWins() {
        // Without `coherent:` the device takes the arch's default: not coherent on arm64, coherent on x86.
        String script = Scenarios.FORGOTTEN_SYNC.replace(", coherent: false", "");
        assertFalse(sandbox.eval(script).reads().get(0).certain());
        Sandbox x86 = Dmasim.builder().arch("x86_64").build();
        assertEquals("x86_64", x86.arch());
        assertTrue(x86.eval(script).reads().get(0).certain());
    }
}
