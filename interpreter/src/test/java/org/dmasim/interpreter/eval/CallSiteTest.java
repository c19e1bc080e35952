package org.dmasim.interpreter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.Session;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.output.TextOutput;
import org.junit.jupiter.api.Test;

/**
 * A builtin call site works out its plan once (argument expressions, parameter places, the class of
 * value each argument and the result had last): what a later round passes or returns is still
 * checked, and a call that fails in some round leaves the machine as it was.
 */
class CallSiteTest {
    private record Run(int exit, String out) {
    }

    private static Run run(String script) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = ScenarioRunner.run(new SourceFile("t.dma", script), null, ScenarioRunner.Options.defaults(),
                new TextOutput(out), out, out);
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    private static final String MACHINE = """
            arch arm64
            device dev { dma_mask: 64, coherent: false }
            let rx = alloc_pages(4KiB)
            """;

    @Test
    void aSiteChecksWhatEachRoundPasses() {
        // a mapping, then its bus address (the same parameter, another kind), then a string
        Run r = run(MACHINE + """
                let m = dma_map_single(dev, rx, DMA_FROM_DEVICE)
                let hs = [m, m.dma, "m"]
                let checked = 0
                for h in hs {
                  expect not dma_mapping_error(dev, h)
                  checked = checked + 1
                }
                """);
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("t.dma:8:37: error: dma_mapping_error: 'handle' must be a DMA handle or bus "
                + "address, not a string"), r.out());
    }

    @Test
    void theShortAndTheLongFormOfUnmapAndSyncStillTellAMissingArgument() {
        Run ok = run(MACHINE + """
                let n = 0
                while n < 3 {
                  let m = dma_map_single(dev, rx, DMA_FROM_DEVICE)
                  expect not dma_mapping_error(dev, m)
                  dma_sync_single_for_cpu(m)
                  dma_sync_single_for_cpu(dev, m, 4KiB, DMA_FROM_DEVICE)
                  if n == 1 { dma_unmap_single(m) } else { dma_unmap_single(dev, m.dma, 4KiB, DMA_FROM_DEVICE) }
                  n = n + 1
                }
                expect clean
                """);
        assertEquals(0, ok.exit(), ok.out());
        Run missing = run(MACHINE + """
                let m = dma_map_single(dev, rx, DMA_FROM_DEVICE)
                dma_unmap_single(dev, m, 4KiB)
                """);
        assertEquals(2, missing.exit(), missing.out());
        assertTrue(missing.out().contains("t.dma:5:1: error: dma_unmap_single: missing argument 'dir'"), missing.out());
        assertTrue(missing.out().contains("pass all of (dev, handle, size, dir), or the mapping alone"), missing.out());
    }

    @Test
    void aCallFailingInALaterRoundLeavesTheMachineAsItWas() {
        Session s = new Session(ScenarioRunner.Options.defaults(), new SilentListener(), Path.of(""));
        assertTrue(s.eval(MACHINE).ok());
        assertTrue(s.eval("let kept = dma_map_single(dev, rx, DMA_TO_DEVICE)").ok());
        var before = s.kernel().machine();
        int live = before.mappings().size();
        long used = before.budget().used();
        // rounds 1 and 2 map (and keep) rx, round 3's direction is no direction: the call fails
        var failed = s.eval("""
                let dirs = [DMA_FROM_DEVICE, DMA_TO_DEVICE, 7]
                for d in dirs {
                  let m = dma_map_single(dev, rx, d)
                  expect not dma_mapping_error(dev, m)
                }
                """);
        assertFalse(failed.ok());
        var after = s.kernel().machine();
        assertEquals(live, after.mappings().size(), "only the mapping made before the entry is live");
        assertEquals(used, after.budget().used());
        assertFalse(s.globals().visibleNames().contains("dirs"), "the entry's bindings are undone");
        assertTrue(s.eval("dma_unmap_single(kept)\nexpect clean").ok());
    }

    @Test
    void aSiteCalledAgainWhileItsArgumentsAreEvaluatedKeepsEachCallsOwn() {
        // the site keeps one frame for its calls: the inner call of the recursion (while the outer
        // one has bound dev and evaluates its handle) gets its own, or the outer call loses dev
        Run r = run(MACHINE + """
                let m = dma_map_single(dev, rx, DMA_FROM_DEVICE)
                fn depth(k) {
                  if k == 0 { return m }
                  let e = dma_mapping_error(dev, depth(k - 1))
                  print(e)
                  return m
                }
                let d = depth(3)
                dma_unmap_single(dev, m, 4KiB, DMA_FROM_DEVICE)
                expect clean
                """);
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().startsWith("false\nfalse\nfalse\n"), r.out());
    }

    @Test
    void aFunctionDeclaredInALoopKeepsItsOwnRound() {
        // a loop reuses its round's scope, except one a closure holds
        Run r = run("""
                let first = null
                for i in 0..3 {
                  let x = i * 10
                  fn get() { return x }
                  if i == 0 { first = get }
                }
                print(first())
                let k = 0
                let second = null
                while k < 3 {
                  let y = k + 100
                  if k == 1 {
                    fn got() { return y }
                    second = got
                  }
                  k = k + 1
                }
                print(second())
                """);
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().startsWith("0\n101\n"), r.out());
    }
}
