package org.dmasim.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.junit.jupiter.api.Test;

/**
 * A limit that stops a guest names the script line it stopped at, as a .dma limit does: the
 * statement limit, a limit seen inside a long engine call, the output limit. (The time limit
 * cancels the context from the watchdog's thread; GraalVM's cancellation carries no guest frame.)
 */
class LimitPositionsTest {
    private static FrontEndsTest.Run run(String name, String text, Language language, Duration timeout, long steps) {
        return FrontEndsTest.runGuest(new SourceFile(name, text), language,
                new ScenarioRunner.Options(null, timeout, steps, false));
    }

    @Test
    void javascriptsStatementLimitNamesTheLoop() {
        FrontEndsTest.Run r = run("t.js", "let n = 0;\nwhile (true) { n++; }\n", Language.JS, Duration.ofMinutes(5), 10_000);
        assertEquals(ScenarioRunner.SCRIPT_ERROR, r.exit(), r.output());
        assertTrue(r.output().contains("t.js:2:"), r.output());
        assertTrue(r.output().contains("(the statement limit"), r.output());
    }

    @Test
    void aLimitInsideALongEngineCallNamesTheCall() {
        // the engine's pulse sees the step budget inside one call; the guest line is the call's
        FrontEndsTest.Run r = run("t.js", "const v = dmasim.vmalloc(64 * 1024 * 1024);\ndmasim.cpu.probe(v);\n",
                Language.JS, Duration.ofMinutes(5), 2000);
        assertEquals(ScenarioRunner.SCRIPT_ERROR, r.exit(), r.output());
        assertTrue(r.output().contains("t.js:2:"), r.output());
        assertTrue(r.output().contains("(the step budget"), r.output());
    }

    @Test
    void javascriptsConsoleStopsAtTheOutputLimit() {
        FrontEndsTest.Run r = run("t.js", "const s = 'x'.repeat(1 << 20);\nwhile (true) { console.log(s); }\n",
                Language.JS, Duration.ofMinutes(5), Long.MAX_VALUE);
        assertEquals(ScenarioRunner.SCRIPT_ERROR, r.exit(), r.output().substring(Math.max(0, r.output().length() - 2000)));
        assertTrue(r.output().length() < (65L << 20), "at most the limit is written: " + r.output().length());
        assertTrue(r.output().contains("the script printed more than 64 MiB (the output limit)"),
                r.output().substring(Math.max(0, r.output().length() - 2000)));
    }

    @Test
    void aBudgetReachedWhileKeepingTheReportsOfAStoppedGuestIsAScriptError() {
        // fuzz finding "js-escaped-throwable": the guest stopped at the memory budget, and handing its
        // last reports over (kept to merge the executions) reached the budget again, out of the runner
        FrontEndsTest.Run r = run("t.js", """
                dmasim.machine({memory_budget: 33554432});
                let nic = dmasim.device("nic", {dma_mask: 40, coherent: false, driver: "system_heap"});
                let b1 = dmasim.alloc_pages(16384);
                let m2 = dmasim.dma_map_page(nic, b1, 2048, 4096, dmasim.DMA_TO_DEVICE);
                b1 = b1;
                let x3 = dmasim.dma_heap_alloc(dmasim.GFP_KERNEL);
                let g4 = dmasim.sg_table(b1);
                let a5 = dmasim.dma_buf_attach(x3, nic);
                dmasim.iosys_map_memcpy_to(b1, 64, 141);
                dmasim.print(dmasim.reports());
                for (let i6 = 0; i6 < 1; i6++) { dmasim.cpu.read(b1); }
                nic.read(m2, 0, 64);
                dmasim.print(nic.coherent_dma_mask);
                dmasim.cpu.write(b1, 0, 64, 101);
                let m7 = dmasim.dma_map_page(nic, b1, 2048, 4096, dmasim.DMA_BIDIRECTIONAL);
                nic.write(m2, 255);
                let n8 = dmasim.dma_map_sg(nic, g4, dmasim.DMA_TO_DEVICE);
                dmasim.dma_buf_put(x3);
                let t9 = dmasim.dma_buf_map_attachment(a5, dmasim.DMA_TO_DEVICE);
                dmasim.dma_sync_single_range_for_device(nic, m2, 0, 64, dmasim.DMA_TO_DEVICE);
                dmasim.print(dmasim.reports());
                let m10 = dmasim.dma_map_single(nic, b1, dmasim.DMA_BIDIRECTIONAL);
                nic.read(g4, 0, 64);
                let k11 = dmasim.kmalloc(10000);
                dmasim.evict(b1);
                dmasim.dma_sync_single_for_cpu(nic, m7, 8388608, dmasim.DMA_BIDIRECTIONAL);
                let m12 = dmasim.dma_map_single(nic, k11, dmasim.DMA_TO_DEVICE);
                for (let i13 = 0; i13 < 1000000000; i13++) { for (let j14 = 0; j14 < 1000000000; j14++) { dmasim.dma_sync_single_for_cpu(m7); } }
                """, Language.JS, Duration.ofMinutes(5), Long.MAX_VALUE);
        assertEquals(ScenarioRunner.SCRIPT_ERROR, r.exit(), r.output().substring(Math.max(0, r.output().length() - 2000)));
        assertTrue(r.output().contains("memory budget exceeded"), r.output().substring(Math.max(0,
                r.output().length() - 2000)));
    }
}
