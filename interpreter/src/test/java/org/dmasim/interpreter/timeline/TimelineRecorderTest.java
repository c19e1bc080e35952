package org.dmasim.interpreter.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.SilentListener;
import org.dmasim.interpreter.parse.ScriptParser;
import org.junit.jupiter.api.Test;

class TimelineRecorderTest {
    private static final String RX = """
            arch arm64
            device nic { dma_mask: 64, coherent: false }
            let rx = alloc_pages(4KiB)
            let other = alloc_pages(4KiB)
            cpu writes rx = 0x00
            let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)
            nic writes m = 0x5A
            cpu writes other = 0x11
            expect report STALE_READ { cpu reads rx[0..64] }
            dma_sync_single_for_cpu(nic, m, 4KiB, DMA_FROM_DEVICE)
            cpu reads rx[0..64]
            """;

    private static Timeline record(String script, String range) {
        SourceFile source = new SourceFile("t.dma", script);
        TimelineRecorder recorder;
        if (range == null) {
            recorder = TimelineRecorder.everyBuffer(new SilentListener(), source);
        } else {
            SourceFile focusSource = new SourceFile("--timeline", range);
            Expr focus = ((Statement.ExprStatement) new ScriptParser().parse(focusSource).program().statements()
                    .get(0)).expr();
            recorder = TimelineRecorder.range(new SilentListener(), source, focus, focusSource);
        }
        ScenarioRunner.execute(source, null, ScenarioRunner.Options.defaults(), recorder);
        return recorder.timeline();
    }

    private static Step at(Timeline t, int line) {
        return t.steps().stream().filter(s -> s.line() == line).findFirst().orElseThrow();
    }

    @Test
    void ownershipFollowsMapAndSync() {
        Timeline t = record(RX, "rx");
        assertEquals("cpu", at(t, 5).buffers().get("rx").owner());
        assertEquals("nic", at(t, 6).buffers().get("rx").owner());
        assertEquals("nic", at(t, 9).buffers().get("rx").owner());
        assertEquals("cpu", at(t, 10).buffers().get("rx").owner());
    }

    @Test
    void theDeviceWriteLeavesAStaleCleanLineAndTheSyncRemovesIt() {
        Timeline t = record(RX, "rx[0..64]");
        List<LineState> afterWrite = at(t, 7).buffers().get("rx[0..64]").lines().get(0).states();
        assertTrue(afterWrite.contains(new LineState("Clean", "0x00", true, "0x5a")), afterWrite.toString());
        List<LineState> afterSync = at(t, 10).buffers().get("rx[0..64]").lines().get(0).states();
        assertTrue(afterSync.stream().noneMatch(LineState::stale), afterSync.toString());
    }

    @Test
    void onlyStatementsThatMentionOrChangeTheRangeTouchIt() {
        Timeline t = record(RX, "rx");
        assertTrue(at(t, 7).touched().contains("rx"), "the device write through m changes rx");
        assertTrue(at(t, 9).touched().contains("rx"), "the read inside the expect block names rx");
        assertTrue(at(t, 8).touched().isEmpty(), "writing another buffer does not touch rx");
        assertEquals("read", at(t, 9).kind());
        assertEquals(List.of("warning CPU_ACCESS_DEVICE_OWNED", "error STALE_READ"),
                at(t, 9).reports().stream().map(r -> r.severity() + " " + r.code()).toList());
        assertEquals(1, at(t, 9).reads().size());
        assertEquals("map", at(t, 6).kind());
        assertEquals("sync", at(t, 10).kind());
        assertEquals("nic", at(t, 7).actor());
    }

    @Test
    void equalLinesFoldIntoOneRun() {
        Timeline t = record(RX, "rx");
        List<LineRun> runs = at(t, 7).buffers().get("rx").lines();
        assertEquals(1, runs.size(), runs.toString());
        assertEquals(4096, runs.get(0).to());
    }

    @Test
    void aLeakAtTheEndIsAStepOfItsOwn() {
        Timeline t = record(RX, null);
        Step end = t.steps().get(t.steps().size() - 1);
        assertEquals("end", end.position());
        assertEquals("DMA_LEAK", end.reports().get(0).code());
        assertEquals(List.of("rx", "other"), t.buffers().stream().map(Timeline.Buffer::name).toList());
    }

    @Test
    void aBouncedMappingShowsItsSlot() {
        Timeline t = record("""
                arch x86_64
                device d { dma_mask: 64, swiotlb: force }
                let b = alloc_pages(4KiB)
                cpu writes b = 0x11
                let m = dma_map_single(d, b, DMA_BIDIRECTIONAL)
                d writes m = 0x22
                """, "b");
        assertTrue(at(t, 4).buffers().get("b").lines().get(0).bounce().isEmpty(), "not bounced before the map");
        assertTrue(at(t, 5).buffers().get("b").bounced());
        assertEquals(List.of("0x11"), at(t, 5).buffers().get("b").lines().get(0).bounce());
        assertEquals(List.of("0x22"), at(t, 6).buffers().get("b").lines().get(0).bounce());
    }

    @Test
    void anUnknownRangeSaysWhy() {
        SourceFile source = new SourceFile("t.dma", RX);
        SourceFile focusSource = new SourceFile("--timeline", "rxx");
        TimelineRecorder recorder = TimelineRecorder.range(new SilentListener(), source,
                new Expr.Name("rxx", new org.dmasim.interpreter.ast.Span(0, 3)), focusSource);
        ScenarioRunner.execute(source, null, ScenarioRunner.Options.defaults(), recorder);
        assertNotNull(recorder.focusProblem());
        assertTrue(recorder.focusProblem().contains("unknown name 'rxx'"), recorder.focusProblem());
    }

    @Test
    void theTableFitsEightyColumns() {
        Timeline t = record(RX.replace("cpu reads rx[0..64]\n", "cpu reads rx[0..64]\ncpu writes rx[100..164] = 0x77\n"),
                "rx");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TimelineText.print(t, "rx", new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        for (String line : text.lines().toList()) {
            assertTrue(line.length() <= TimelineText.WIDTH, "longer than 80 columns:\n" + line);
        }
        assertTrue(text.contains("unchanged"), text);
        assertTrue(text.contains("64..128") && text.contains("Dirty 0x5a x36, 0x77 x28"),
                "a partly written line is a run of its own:\n" + text);
    }

    @Test
    void withSeveralExecutionsItFollowsTheFirstAndThePrinterStillGetsTheMergedReads() {
        String script = """
                arch arm64
                device gpu { dma_mask: 64, coherent: false }
                let b = alloc_pages(4KiB)
                cpu writes b = 0x00
                let m = dma_map_single(gpu, b, DMA_FROM_DEVICE)
                let j = async gpu { gpu writes m[0..64] = 0x11 }
                dma_sync_single_for_cpu(gpu, m, 4KiB, DMA_FROM_DEVICE)
                cpu reads b[0..64]
                wait j
                """;
        List<String> merged = new java.util.ArrayList<>();
        org.dmasim.interpreter.eval.RunListener silent = new SilentListener();
        org.dmasim.interpreter.eval.RunListener printer = new org.dmasim.interpreter.eval.RunListener() {
            @Override
            public void read(org.dmasim.interpreter.eval.SourceSite site, String source,
                    org.dmasim.interpreter.eval.ReadOverExecutions read) {
                merged.add(site.line() + ":" + read.total());
            }

            @Override
            public void read(org.dmasim.interpreter.eval.SourceSite site, String source,
                    org.dmasim.engine.cache.ReadResult result) {
                merged.add(site.line() + ":plain");
            }

            @Override
            public void report(org.dmasim.engine.check.Report report, org.dmasim.interpreter.eval.SourceSite by) {
            }

            @Override
            public void expectation(org.dmasim.interpreter.eval.SourceSite site, String source, boolean passed,
                    String detail) {
            }

            @Override
            public void print(String line) {
            }

            @Override
            public void summary(org.dmasim.interpreter.eval.Summary summary) {
                silent.summary(summary);
            }
        };
        SourceFile source = new SourceFile("t.dma", script);
        TimelineRecorder recorder = TimelineRecorder.range(printer, source,
                new Expr.Name("b", new org.dmasim.interpreter.ast.Span(0, 1)), new SourceFile("--timeline", "b"));
        ScenarioRunner.execute(source, null, ScenarioRunner.Options.defaults(), recorder);
        Timeline t = recorder.timeline();
        assertEquals(1, at(t, 8).reads().size(), "the first execution's read sits at its statement");
        assertTrue(t.steps().stream().noneMatch(s -> "end".equals(s.position()) && !s.reads().isEmpty()),
                "no merged read is recorded again at the end");
        assertEquals(1, merged.size(), "the printer gets the read merged over executions: " + merged);
        assertTrue(merged.get(0).startsWith("8:") && !merged.get(0).equals("8:1"), merged.toString());
    }
}
