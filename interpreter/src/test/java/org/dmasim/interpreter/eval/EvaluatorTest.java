package org.dmasim.interpreter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.output.TextOutput;
import org.junit.jupiter.api.Test;

/** The evaluator's semantics, through whole scripts: exit codes and printed output. */
class EvaluatorTest {
    private record Run(int exit, String out) {
    }

    private static Run run(String script) {
        return run(script, ScenarioRunner.Options.defaults());
    }

    private static Run run(String script, ScenarioRunner.Options options) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = ScenarioRunner.run(new SourceFile("t.dma", script), null, options, new TextOutput(out), out, out);
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void arithmeticIsUnsigned64Bit() {
        Run r = run("""
                expect 64KiB == 65536
                expect 0x8000_0000 * 2 == 4GiB
                expect -1 == 0xffff_ffff_ffff_ffff
                expect -1 > 4GiB
                expect 7 / 2 == 3 and 7 % 2 == 1
                expect (1 << 64) == 0 and (1 << 63) >> 63 == 1
                expect DMA_BIT_MASK(32) == 0xffff_ffff and DMA_BIT_MASK(64) == -1
                expect "a" + "b" == "ab"
                """);
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("8 expectations: 8 passed, 0 failed"), r.out());
    }

    @Test
    void loopsFunctionsAndScopes() {
        Run r = run("""
                fn twice(x) { return x * 2 }
                let n = 0
                for i in 0..4 { n = n + twice(i) }
                expect n == 12
                let total = 0
                for f in [1, 2, 3] { total = total + f }
                expect total == 6
                let k = 0
                while k < 10 { k = k + 1 }
                expect k == 10
                if k == 10 { n = 1 } else if k == 11 { n = 2 } else { n = 3 }
                expect n == 1
                let rec = { a: 1, b: { c: 3 } }
                expect rec.b.c == 3
                fn fib(x) { if x < 2 { return x }; return fib(x - 1) + fib(x - 2) }
                expect fib(15) == 610
                """);
        assertEquals(0, r.exit(), r.out());
    }

    @Test
    void positionsInsideLoopsNameTheIteration() {
        Run r = run("""
                arch arm64
                device nic { dma_mask: 64, coherent: false }
                let rx = alloc_pages(4KiB)
                let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)
                expect not dma_mapping_error(nic, m)
                for i in 0..2 {
                    let k = 0
                    while k < 2 {
                        nic writes m[0..4] = i * 2 + k
                        dma_sync_single_for_cpu(nic, m, 4KiB, DMA_FROM_DEVICE)
                        cpu reads rx[0..4]
                        dma_sync_single_for_device(nic, m, 4KiB, DMA_FROM_DEVICE)
                        k = k + 1
                    }
                }
                expect cpu reads rx[0..4] == 0x00
                dma_unmap_single(nic, m, 4KiB, DMA_FROM_DEVICE)
                """);
        // the second iteration of the outer loop, first of the inner: #2.1, in the read and its witness
        assertTrue(r.out().contains("t.dma:11:9 #2.1  cpu reads rx[0..4]\n    0x02 x4"
                + "                      device write at 9:9 #2.1\n"), r.out());
        assertTrue(r.out().contains("t.dma:11:9 #1.2  cpu reads rx[0..4]"), r.out());
        // after the loops, positions have no iteration; a failed expectation names the write's
        assertTrue(r.out().contains("t.dma:16:1: error[EXPECT]"), r.out());
        assertTrue(r.out().contains("device write at 9:9 #2.2"), r.out());
    }

    @Test
    void listsIndexLengthAndConcatenation() {
        Run r = run("""
                let xs = [10, 20, 30]
                expect xs[0] == 10 and xs[2] == 30
                expect len(xs) == 3 and len([]) == 0
                let ys = xs + [40]
                expect len(ys) == 4 and ys[3] == 40 and len(xs) == 3
                expect ys[1..3] == [20, 30]
                let ring = []
                for i in 0..4 { ring = ring + [i * 100] }
                let seen = 0
                for frame in 0..9 { seen = seen + ring[frame % len(ring)] }
                expect seen == 0 + 100 + 200 + 300 + 0 + 100 + 200 + 300 + 0
                """);
        assertEquals(0, r.exit(), r.out());
    }

    @Test
    void anIndexOutsideAListIsAScriptError() {
        Run r = run("let xs = [1, 2]\nlet y = xs[2]\n");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("index 2 is outside xs (2 items, 0..1)"), r.out());
        assertTrue(r.out().contains("t.dma:2:12"), r.out());
        Run add = run("let xs = [1]\nlet ys = xs + 2\n");
        assertEquals(2, add.exit(), add.out());
        assertTrue(add.out().contains("a list adds only a list, not an integer"), add.out());
        assertTrue(add.out().contains("xs + [2]"), add.out());
    }

    @Test
    void keywordArgumentsToUserFunctions() {
        Run r = run("""
                fn sub(a, b) { return a - b }
                expect sub(b: 1, a: 5) == 4
                """);
        assertEquals(0, r.exit(), r.out());
    }

    @Test
    void failedExpectationExitsOneAndSaysWhatWasFalse() {
        Run r = run("expect 1 == 2\n");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("t.dma:1:1: error[EXPECT]: expectation failed: expect 1 == 2"), r.out());
        assertTrue(r.out().endsWith("FAIL\n"), r.out());
    }

    @Test
    void stepBudgetStopsEndlessLoopsWithExitTwo() {
        Run r = run("while true { }\n", new ScenarioRunner.Options(null, Duration.ofSeconds(30), 10_000, false));
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("more than 10000 steps (the step budget"), r.out());
    }

    @Test
    void wallClockLimitStopsLongRuns() {
        Run r = run("while true { }\n", new ScenarioRunner.Options(null, Duration.ofMillis(200), Long.MAX_VALUE, false));
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("ran longer than 200 ms (the time limit"), r.out());
    }

    @Test
    void unknownNamesAreFoundBeforeRunningWithSuggestions() {
        Run r = run("""
                device nic { dma_mask: 64 }
                print("ran")
                let rx = alloc_pages(4KiB)
                let m = dma_map_singel(nic, rx, DMA_TO_DEVICE)
                """);
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("unknown name 'dma_map_singel'"), r.out());
        assertTrue(r.out().contains("did you mean 'dma_map_single'?"), r.out());
        assertTrue(!r.out().contains("ran"), "nothing runs when a name is unknown:\n" + r.out());
    }

    @Test
    void wrongArgumentCountAndTypePointAtTheArgument() {
        Run r = run("let b = alloc_pages(4KiB, GFP_KERNEL, 3)\n");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("alloc_pages takes at most 2 arguments, got 3"), r.out());
        assertTrue(r.out().contains("t.dma:1:39"), r.out());
        Run missing = run("device d { dma_mask: 32 }\nlet b = alloc_pages(4KiB)\nlet m = dma_map_single(d, b)\n");
        assertTrue(missing.out().contains("missing argument 'dir' of dma_map_single"), missing.out());
        assertTrue(missing.out().contains("usage: dma_map_single(dev, buf, dir, [attrs])"), missing.out());
    }

    @Test
    void slicesAreCheckedAgainstTheObjectSize() {
        Run r = run("let b = alloc_pages(4KiB)\ncpu writes b[0..8KiB] = 1\n");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("slice [0..8192] is outside b (4096 bytes)"), r.out());
    }

    @Test
    void writtenValuesMustBeBytes() {
        Run r = run("let b = alloc_pages(4KiB)\ncpu writes b[0..4] = 300\n");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("u32(x) or u64(x)"), r.out());
    }

    @Test
    void readsCompareWithWideValuesAndStrings() {
        Run r = run("""
                let b = alloc_pages(4KiB)
                cpu writes b[0..16] = u32(0xdeadbeef)
                expect cpu reads b[0..16] == u32(0xdeadbeef)
                cpu writes b[16..24] = "ABCDEFGH"
                expect cpu reads b[16..24] == "ABCDEFGH"
                cpu writes b[24..27] = [1, 2, 3]
                expect cpu reads b[24..27] == [1, 2, 3]
                expect never cpu reads b[0..4] == 0
                """);
        assertEquals(0, r.exit(), r.out());
    }

    @Test
    void unknownArchSuggestsAKnownOne() {
        Run r = run("arch arm46\n");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("unknown arch 'arm46'") && r.out().contains("did you mean 'arm64'?"), r.out());
    }

    @Test
    void archOverrideReplacesTheScriptsArch() {
        String script = """
                arch arm64
                device nic { dma_mask: 64 }
                expect not nic.coherent
                """;
        assertEquals(0, run(script).exit());
        Run x86 = run(script, new ScenarioRunner.Options("x86_64", Duration.ofSeconds(30), 1_000_000, false));
        assertEquals(1, x86.exit(), "on x86_64 devices are coherent:\n" + x86.out());
    }

    @Test
    void aScriptMayDeclareItsOwnProfile() {
        Run r = run("""
                profile toy {
                    coherent_default: false, speculative_prefetch: false
                    for_device: { DMA_TO_DEVICE: clean, DMA_FROM_DEVICE: invalidate, DMA_BIDIRECTIONAL: clean_invalidate }
                    for_cpu: { DMA_TO_DEVICE: none, DMA_FROM_DEVICE: invalidate, DMA_BIDIRECTIONAL: invalidate }
                }
                arch toy
                device d { dma_mask: 64 }
                expect not d.coherent
                """);
        assertEquals(0, r.exit(), r.out());
    }

    @Test
    void expectReportFailsWhenTheBlockRaisesNothing() {
        Run r = run("""
                let b = alloc_pages(4KiB)
                expect report STALE_READ { cpu reads b[0..64] }
                """);
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("the block raised no report; expected STALE_READ"), r.out());
    }

    @Test
    void unknownReportCodeIsAScriptError() {
        Run r = run("expect report STALE_REED { }\n");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("did you mean STALE_READ?"), r.out());
    }

    @Test
    void devicePropertiesAreChecked() {
        Run r = run("device nic { dma_mask: 65 }\n");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("dma_mask is a number of bits, 1..64, not 65"), r.out());
        Run typo = run("device nic { dma_maks: 32 }\n");
        assertTrue(typo.out().contains("did you mean 'dma_mask'?"), typo.out());
    }

    @Test
    void printShowsValuesAndFields() {
        Run r = run("""
                arch arm64
                device gpu { dma_mask: 32, coherent: false }
                let b = alloc_pages(4KiB, GFP_DMA32)
                let m = dma_map_single(gpu, b, DMA_TO_DEVICE)
                print(m.size)
                print([1, "x", true, null])
                print(gpu)
                dma_unmap_single(m)
                """);
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("4096\n[1, \"x\", true, null]\ndevice gpu (dma_mask 32 bits, non-coherent)\n"), r.out());
    }
}
