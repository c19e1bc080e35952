package org.dmasim.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.junit.jupiter.api.Test;

/** {@code dmasim.async} and {@code dmasim.wait}: device jobs from JavaScript, explored like {@code .dma} jobs. */
class AsyncJobsTest {
    private static final String MACHINE = """
            dmasim.arch('arm64');
            const gpu = dmasim.device('gpu', { dma_mask: 64, coherent: false });
            const display = dmasim.device('display', { dma_mask: 64, coherent: false });
            const buf = dmasim.alloc_pages(4096);
            const g = dmasim.dma_map_single(gpu, buf, dmasim.DMA_BIDIRECTIONAL);
            const d = dmasim.dma_map_single(display, buf, dmasim.DMA_TO_DEVICE);
            """;

    private static FrontEndsTest.Run js(String text) {
        return FrontEndsTest.runGuest(new SourceFile("t.js", MACHINE + text), Language.JS,
                FrontEndsTest.patient());
    }

    @Test
    void aJobWithoutTheFenceOfTheJobBeforeItSeesBothOrders() {
        FrontEndsTest.Run r = js("""
                const render = dmasim.async(gpu, j => { j.write(g, 0, 64, 0x11); });
                const scan = dmasim.async(display, j => { j.read(d, 0, 64); });
                dmasim.wait(scan);
                dmasim.wait(render);
                """);
        assertEquals(java.util.List.of("[0x11 x64, 0x00 x64]"), r.recording().reads, r.output());
    }

    @Test
    void afterOrdersTheJobs() {
        FrontEndsTest.Run r = js("""
                const render = dmasim.async(gpu, j => { j.write(g, 0, 64, 0x11); });
                const scan = dmasim.async(display, j => { j.read(d, 0, 64); }, { after: [render.fence] });
                dmasim.wait(scan);
                dmasim.wait(render);
                """);
        assertEquals(java.util.List.of("[0x11 x64]"), r.recording().reads, r.output());
    }

    @Test
    void aJobNeverWaitedForIsReported() {
        FrontEndsTest.Run r = js("""
                const render = dmasim.async(gpu, j => { j.write(g, 0, 64, 0x11); });
                """);
        assertTrue(r.recording().reports.stream().anyMatch(s -> s.startsWith("JOB_NOT_WAITED")), r.output());
    }

    @Test
    void catchingTheExplorersSignalChangesNothing() {
        String body = """
                const render = dmasim.async(gpu, j => { j.write(g, 0, 64, 0x11); j.write(g, 64, 128, 0x22); });
                %s
                dmasim.wait(render);
                """;
        FrontEndsTest.Run plain = js(body.formatted("dmasim.cpu.read(buf, 0, 128);"));
        FrontEndsTest.Run caught = js(body.formatted("try { dmasim.cpu.read(buf, 0, 128); } catch (e) { }"));
        assertEquals(plain.recording().reads, caught.recording().reads, caught.output());
        assertEquals(plain.exit(), caught.exit(), caught.output());
    }

    @Test
    void mistakesAreGuestErrorsWithTheirLine() {
        FrontEndsTest.Run r = js("""
                dmasim.async(gpu, 42);
                """);
        assertEquals(ScenarioRunner.FAIL, r.exit(), r.output());
        assertTrue(r.output().contains("t.js:7") && r.output().contains("dmasim.async takes a device"), r.output());
        FrontEndsTest.Run w = js("dmasim.wait(buf);\n");
        assertTrue(w.output().contains("dmasim.wait takes a job"), w.output());
        FrontEndsTest.Run cpu = js("dmasim.async(gpu, j => { j.write(buf, 0, 64, 1); });\n");
        assertTrue(cpu.output().contains("t.js:7") && cpu.output().contains("expected a DMA handle"), cpu.output());
    }
}
