package com.example.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import org.dmasim.api.Dmasim;
import org.dmasim.api.Limit;
import org.dmasim.api.Listener;
import org.dmasim.api.Outcome;
import org.dmasim.api.Print;
import org.dmasim.api.Read;
import org.dmasim.api.Report;
import org.dmasim.api.Result;
import org.dmasim.api.Sandbox;
import org.dmasim.api.Severity;
import org.dmasim.api.Status;
import org.junit.jupiter.api.Test;

/** What a driver team's harness does with dmasim, through the public API only. */
class HarnessTest {
    private final Sandbox sandbox = Dmasim.builder().timeout(Duration.ofMinutes(5)).maxSteps(Long.MAX_VALUE).build();

    @Test
    void aStaleReadShowsBothValuesAndTheReportNamesIt() {
        Result result = sandbox.run(Path.of("src/test/scenarios/rx-forgotten-sync-arm64.dma"));
        assertEquals(Status.FAILED, result.status());
        Read read = result.reads().get(0);
        assertEquals(9, read.position().line());
        assertEquals(List.of("0x5a x64", "0x00 x64"), read.outcomes().stream().map(Outcome::value).toList());
        Outcome stale = read.outcomes().get(1);
        assertTrue(stale.stale());
        assertTrue(stale.witness().contains("never invalidated"), stale.witness());
        assertTrue(read.sometimes(0x00) && read.sometimes(0x5a));
        Report report = result.reports().stream().filter(r -> r.severity() == Severity.ERROR).findFirst().orElseThrow();
        assertEquals("STALE_READ", report.code());
        assertEquals(read.position(), report.position());
        assertTrue(report.fails());
        assertEquals(1, result.tally().errors());
    }

    @Test
    void aRunawayLoopIsCancelledFromAnotherThread() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Listener onPrint = new Listener() {
            @Override
            public void print(Print line) {
                started.countDown();
            }
        };
        CompletableFuture<Result> spin = CompletableFuture.supplyAsync(
                () -> sandbox.eval("print(\"polling\")\nwhile true {}", onPrint));
        started.await();
        sandbox.cancel();
        Result r = spin.get();
        assertEquals(Status.LIMIT_EXCEEDED, r.status());
        assertEquals(Limit.CANCELLED, r.limit());
        assertEquals(Status.PASSED, sandbox.eval("expect 2 + 2 == 4").status(), "the sandbox is still usable");
    }

    @Test
    void theScriptEngineIsFoundByNameAndByExtension() throws Exception {
        ScriptEngineManager manager = new ScriptEngineManager();
        ScriptEngine byName = manager.getEngineByName("dmasim");
        ScriptEngine byExtension = manager.getEngineByExtension("dma");
        for (ScriptEngine engine : List.of(byName, byExtension)) {
            engine.put("n", 3);
            Result r = assertInstanceOf(Result.class, engine.eval("let squared = n * n"));
            assertEquals(Status.PASSED, r.status());
            assertEquals(9L, engine.get("squared"));
        }
    }
}
