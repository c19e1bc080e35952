package org.dmasim.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.dmasim.interpreter.ScenarioRunner;
import org.junit.jupiter.api.Test;

/**
 * The JavaScript comparison tolerates what the front ends cannot share and nothing else: a
 * {@code .dma} site inside a loop names its round ({@code 7:5 #2}); a JavaScript loop is the host
 * language's, its sites have none.
 */
class JsCheckTest {
    private static final String DMA = """
            arch arm64
            device nic { dma_mask: 64, coherent: false }
            let b = alloc_pages(4KiB)
            let m = dma_map_single(nic, b, DMA_FROM_DEVICE)
            cpu writes b[0..64] = 0x11
            for i in 0..2 {
                nic writes m[0..64] = 0x5A
            }
            cpu reads b[0..64]
            """;

    private static final String JS = """
            dmasim.arch('arm64');
            let nic = dmasim.device('nic', {dma_mask: 64, coherent: false});
            let b = dmasim.alloc_pages(4096);
            let m = dmasim.dma_map_single(nic, b, dmasim.DMA_FROM_DEVICE);
            dmasim.cpu.write(b, 0, 64, 0x11);
            for (let i = 0; i < 2; i++) {
                nic.write(m, 0, 64, 0x5A);
            }
            dmasim.cpu.read(b, 0, 64);
            """;

    @Test
    void aLoopsRoundInADmaWitnessIsTheOnlyToleratedDifference() {
        ScenarioRunner.Options options = new ScenarioRunner.Options(null, Duration.ofMinutes(2),
                ScenarioRunner.Options.DEFAULT_STEPS, false);
        Runs.Run dma = Runs.dma(DMA, Oracle.NAME, Oracle.WORK, options, true);
        assertTrue(dma.output().contains("7:5 #2"), "the .dma witness names the round:\n" + dma.output());
        Stats stats = new Stats();
        assertNull(JsCheck.check(DMA, JS, dma, stats, options));
        assertEquals(1, stats.jsCompared, "the runs were compared (no limit stopped one)");
        // a real difference still shows: another value written
        Finding f = JsCheck.check(DMA, JS.replace("0x11", "0x12"), dma, stats, options);
        assertEquals("js-events", f == null ? null : f.kind(), String.valueOf(f));
    }

    @Test
    void aFieldOfAnIntegerEndsTheComparisonWhereDmaStops() {
        // found by fuzzing: an fd (or the errno a failed call returned) is a plain number in
        // JavaScript, whose missing field is undefined: the guest prints null where .dma stops
        String dma = """
                let x = dma_heap_alloc(4096)
                let f = dma_buf_fd(x)
                print(1)
                print(f.size)
                print(2)
                """;
        String js = """
                let x = dmasim.dma_heap_alloc(4096);
                let f = dmasim.dma_buf_fd(x);
                dmasim.print(1);
                dmasim.print(f.size);
                dmasim.print(2);
                """;
        ScenarioRunner.Options options = new ScenarioRunner.Options(null, Duration.ofMinutes(2),
                ScenarioRunner.Options.DEFAULT_STEPS, false);
        Runs.Run run = Runs.dma(dma, Oracle.NAME, Oracle.WORK, options, true);
        assertTrue(run.output().contains("error: an integer has no field 'size'"), run.output());
        assertNull(JsCheck.check(dma, js, run, new Stats(), options));
        // what comes before the field still has to agree
        Finding f = JsCheck.check(dma, js.replace("print(1)", "print(3)"), run, new Stats(), options);
        assertTrue(f != null && f.kind().startsWith("js-"), String.valueOf(f));
    }

    @Test
    void onlyTheRoundAfterAPositionIsDropped() {
        assertEquals("device write at 7, value #2", Events.neutral("device write at 7:5 #2, value #2"));
        assertEquals("at 3 and 4", Events.neutral("at 3:1 #2.5 and 4:9 #10"));
    }

    @Test
    void pagesTwoLoopRoundsAllocatedAreOneRangeOfTheWitnessInBothFrontEnds() {
        // campaign seed 2026120802 "js-events": .dma's sites name their round, so the pages of two
        // rounds were two ranges of one witness; the guest's sites have none, and they were one
        String dma = """
                device nic { dma_mask: 36 }
                let b1 = alloc_pages(8192)
                let m2 = dma_map_single(nic, b1, DMA_FROM_DEVICE)
                dma_unmap_single(m2)
                for i in 0..2 { free_pages(b1); alloc_pages(2048) }
                nic reads m2
                """;
        String js = """
                let nic = dmasim.device("nic", {dma_mask: 36});
                let b1 = dmasim.alloc_pages(8192);
                let m2 = dmasim.dma_map_single(nic, b1, dmasim.DMA_FROM_DEVICE);
                dmasim.dma_unmap_single(m2);
                for (let i = 0; i < 2; i++) { dmasim.free_pages(b1); dmasim.alloc_pages(2048); }
                nic.read(m2);
                """;
        ScenarioRunner.Options options = new ScenarioRunner.Options(null, Duration.ofMinutes(2),
                ScenarioRunner.Options.DEFAULT_STEPS, false);
        Runs.Run run = Runs.dma(dma, Oracle.NAME, Oracle.WORK, options, true);
        assertTrue(run.output().contains("#1") && run.output().contains("#2"), run.output());
        Stats stats = new Stats();
        assertNull(JsCheck.check(dma, js, run, stats, options));
        assertEquals(1, stats.jsCompared);
        assertEquals("[0..8192] x at 7; [8192..12288] y at 9", Events.joinedWitness(
                "[0..4096] x at 7; [4096..8192] x at 7; [8192..12288] y at 9"));
    }

    @Test
    void aComparisonWithANumberPastTwoToTheSixtyThreeIsUnsignedInBothFrontEnds() {
        // campaign seed 2026120803 "js-verdict": while w1 < (18446744073709551615) ran in .dma and
        // never in JavaScript (w1 < -1); here 5 < 2^64-1 holds in .dma and must in the guest
        sameInBothFrontEnds(new Code.If(new Code.Binary("<", new Code.Int(5, 0), new Code.Int(-1, 0)),
                java.util.List.of(new Code.Write("cpu", FIRST_LINE, new Code.Int(0x22, 0))), java.util.List.of()),
                "0x22");
    }

    @Test
    void aLoopBoundPastTwoToTheSixtyThreeIsUnsignedInBothFrontEnds() {
        // fuzz finding "js-events": 0..18446744073709551615 ran 2^64-1 rounds in .dma and none in
        // JavaScript (the bound was printed as -1); here -1..1 runs none in .dma (from 2^64-1 up to 1)
        sameInBothFrontEnds(new Code.For("i", new Code.Int(-1, 0), new Code.Int(1, 0),
                java.util.List.of(new Code.Write("cpu", FIRST_LINE, new Code.Int(0x22, 0)))), "0x00");
    }

    private static final Code.Slice FIRST_LINE = new Code.Slice(new Code.Name("b"), new Code.Int(0, 0),
            new Code.Int(64, 0));

    /**
     * {@code statement} between a 4 KiB buffer's allocation and a CPU read of its first line, written
     * as .dma and as JavaScript: the .dma read shows {@code value}, and the two runs agree.
     */
    private static void sameInBothFrontEnds(Code.S statement, String value) {
        var program = java.util.List.<Code.S>of(new Code.Arch("arm64"),
                new Code.Let("b", new Code.Call("alloc_pages", java.util.List.of(new Code.Int(4096, 0)),
                        java.util.Map.of())),
                statement, new Code.Eval(new Code.Read("cpu", FIRST_LINE)));
        String dma = DmaPrinter.program(program);
        String js = JsPrinter.program(program);
        ScenarioRunner.Options options = new ScenarioRunner.Options(null, Duration.ofMinutes(2),
                ScenarioRunner.Options.DEFAULT_STEPS, false);
        Runs.Run run = Runs.dma(dma, Oracle.NAME, Oracle.WORK, options, true);
        assertTrue(run.output().contains(value), run.output());
        Stats stats = new Stats();
        assertNull(JsCheck.check(dma, js, run, stats, options), js);
        assertEquals(1, stats.jsCompared);
    }
}
