package org.dmasim.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same scenarios through the three front ends: {@code .dma}, JavaScript and Python must
 * show the same reads (every outcome), the same reports, and the same verdict.
 */
class FrontEndsTest {
    record Run(int exit, Recording recording, String output) {
    }

    /**
     * Options for these tests: they compare outputs, not time, and a GraalVM context start on a loaded
     * 2-core machine has taken over 30 s (the default time limit), failing a run that is correct.
     */
    static ScenarioRunner.Options patient() {
        return new ScenarioRunner.Options(null, Duration.ofMinutes(10), ScenarioRunner.Options.DEFAULT_STEPS, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"01-rx-sync-arm64", "02-rx-missing-sync-arm64", "04-bounce-32bit-arm64", "05-rx-job-arm64"})
    void sameOutcomesAndReports(String name) throws IOException {
        Run dma = runDma(name);
        Run js = runGuest(name, Language.JS);
        Run py = runGuest(name, Language.PYTHON);
        for (Run guest : new Run[] {js, py}) {
            assertEquals(dma.exit(), guest.exit(), "exit code\n" + guest.output() + guest.recording().reports + guest.recording().summary);
            assertEquals(dma.recording().reads, guest.recording().reads, "reads\n" + guest.output());
            assertEquals(dma.recording().reports, guest.recording().reports, "reports\n" + guest.output());
            assertEquals(dma.recording().summary.pass(), guest.recording().summary.pass(), guest.output());
        }
    }

    /**
     * Found by fuzzing: {@code att.size} was a script error in {@code .dma} and undefined in
     * JavaScript. An attachment has no size (struct dma_buf_attachment has none; the size is the
     * dma-buf's): reading it is the same mistake, naming the field, in every front end.
     */
    @Test
    void aBufferIsNamedByTheVariableItsCallWasBoundToNotByALaterAlias() {
        // found by fuzzing: after `b1 = b2` both variables hold b2's buffer, and the guest named it
        // b1 (the first declared name holding it when the next call looked) where `let b2` names it b2
        String dma = """
                device gpu { dma_mask: 64 }
                let b1 = alloc_pages(64)
                let b2 = alloc_pages(64)
                b1 = b2
                free_pages(b2)
                let m = dma_map_single(gpu, b1, DMA_TO_DEVICE)
                """;
        String js = """
                let gpu = dmasim.device("gpu", {dma_mask: 64});
                let b1 = dmasim.alloc_pages(64);
                let b2 = dmasim.alloc_pages(64);
                b1 = b2;
                dmasim.free_pages(b2);
                let m = dmasim.dma_map_single(gpu, b1, dmasim.DMA_TO_DEVICE);
                """;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ScenarioRunner.run(new SourceFile("t.dma", dma), Path.of("."), patient(),
                new org.dmasim.interpreter.output.TextOutput(out), out, out);
        String dmaOut = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(dmaOut.contains("error[USE_AFTER_FREE]: dma_map of b2 (phys"), dmaOut);
        Run r = runGuest(new SourceFile("t.js", js), Language.JS, patient());
        assertTrue(r.recording().reports.stream().anyMatch(t -> t.startsWith("USE_AFTER_FREE error: dma_map of b2 (phys")),
                r.recording().reports + r.output());
    }

    @Test
    void aWaitThatWouldNeverEndNamesTheCallOnceInEveryFrontEnd() {
        // a guest's call has no argument text: the message named it "drm_gem_prime_import:
        // drm_gem_prime_import(null, null) would wait forever"
        String dma = """
                device nic { dma_mask: 32, iommu: true }
                let x = dma_heap_alloc(4096)
                let fd = dma_buf_fd(x)
                dma_resv_lock(x)
                dma_resv_reserve_fences(x, 1)
                dma_resv_add_fence(x, dma_fence_create(), DMA_RESV_USAGE_KERNEL)
                dma_resv_unlock(x)
                let o = drm_gem_prime_import(nic, fd)
                """;
        String js = """
                const nic = dmasim.device('nic', { dma_mask: 32, iommu: true });
                const x = dmasim.dma_heap_alloc(4096);
                const fd = dmasim.dma_buf_fd(x);
                dmasim.dma_resv_lock(x);
                dmasim.dma_resv_reserve_fences(x, 1);
                dmasim.dma_resv_add_fence(x, dmasim.dma_fence_create(), dmasim.DMA_RESV_USAGE_KERNEL);
                dmasim.dma_resv_unlock(x);
                const o = dmasim.drm_gem_prime_import(nic, fd);
                """;
        String py = js.replace("const ", "").replace(";", "").replace("{ dma_mask: 32, iommu: true }",
                "{\"dma_mask\": 32, \"iommu\": True}").replace("'", "\"");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = ScenarioRunner.run(new SourceFile("t.dma", dma), Path.of("."), patient(), new Recording(), out, out);
        String dmaOut = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(ScenarioRunner.SCRIPT_ERROR, exit, dmaOut);
        assertTrue(dmaOut.contains("t.dma:8:9: error: drm_gem_prime_import(nic, fd) would wait forever: the fence "
                + "made at 6:23 has not signalled"), dmaOut);
        for (Run r : new Run[] {runGuest(new SourceFile("t.js", js), Language.JS, patient()),
                runGuest(new SourceFile("t.py", py), Language.PYTHON, patient())}) {
            assertEquals(ScenarioRunner.FAIL, r.exit(), r.output());
            assertTrue(r.output().contains(":8:") && r.output().contains("DmasimError: drm_gem_prime_import would wait "
                    + "forever: the fence made at 6:"), r.output());
        }
    }

    @Test
    void aFieldTheObjectLacksIsTheSameScriptErrorInEveryFrontEnd() {
        String dma = """
                device gpu { dma_mask: 64 }
                let buf = dma_heap_alloc(4096)
                let att = dma_buf_attach(buf, gpu)
                print(att.size)
                """;
        String js = """
                const gpu = dmasim.device('gpu', { dma_mask: 64 });
                const buf = dmasim.dma_heap_alloc(4096);
                const att = dmasim.dma_buf_attach(buf, gpu);
                console.log(att.size);
                """;
        String py = """
                gpu = dmasim.device("gpu", {"dma_mask": 64})
                buf = dmasim.dma_heap_alloc(4096)
                att = dmasim.dma_buf_attach(buf, gpu)
                print(att.size)
                """;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = ScenarioRunner.run(new SourceFile("t.dma", dma), Path.of("."), patient(),
                new Recording(), out, out);
        String dmaOut = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(ScenarioRunner.SCRIPT_ERROR, exit, dmaOut);
        assertTrue(dmaOut.contains("t.dma:4:11: error: a dma-buf attachment has no field 'size'"), dmaOut);
        for (Run r : new Run[] {runGuest(new SourceFile("t.js", js), Language.JS, patient()),
                runGuest(new SourceFile("t.py", py), Language.PYTHON, patient())}) {
            // an uncaught DmasimError, as every mistake in a dmasim call from a guest (exit 1)
            assertEquals(ScenarioRunner.FAIL, r.exit(), r.output());
            assertTrue(r.output().contains(":4:") && r.output().contains("DmasimError: a dma-buf attachment has no"
                    + " field 'size' (its fields: device, dynamic, peer2peer)"), r.output());
        }
        // the fields it has still read, and names the host language asks of any object stay undefined
        Run ok = runGuest(new SourceFile("t.js", js.replace("att.size", "att.dynamic + ' ' + att.then + ' '"
                + " + buf.size")), Language.JS, patient());
        assertEquals(ScenarioRunner.PASS, ok.exit(), ok.output());
        assertTrue(ok.output().contains("false undefined 4096"), ok.output());
    }

    static SourceFile resource(String file) throws IOException {
        try (InputStream in = FrontEndsTest.class.getResourceAsStream("/frontends/" + file)) {
            return new SourceFile(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static Run runDma(String name) throws IOException {
        Recording r = new Recording();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = ScenarioRunner.run(resource(name + ".dma"), Path.of("."), patient(), r, out,
                out);
        return new Run(exit, r, bytes.toString(StandardCharsets.UTF_8));
    }

    static Run runGuest(String name, Language language) throws IOException {
        return runGuest(resource(name + (language == Language.JS ? ".js" : ".py")), language,
                patient());
    }

    static Run runGuest(SourceFile script, Language language, ScenarioRunner.Options options) {
        Recording r = new Recording();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = PolyglotRunner.run(script, language, Path.of("."), PolyglotRunner.Options.of(options, false), r, out,
                out);
        return new Run(exit, r, bytes.toString(StandardCharsets.UTF_8));
    }
}
