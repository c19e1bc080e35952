package org.dmasim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JavaScript scenarios through the sandbox, with the polyglot module on the class path. */
class PolyglotSandboxTest {
    private static final String STALE_JS = """
            dmasim.arch("arm64");
            const nic = dmasim.device("nic", { dma_mask: 64, coherent: false });
            const rx = dmasim.alloc_pages(4096);
            dmasim.cpu.write(rx, 0, 4096, 0x00);
            const m = dmasim.dma_map_single(nic, rx, dmasim.DMA_FROM_DEVICE);
            nic.write(m, 0, 4096, 0x5a);
            dmasim.cpu.read(rx, 0, 64);
            console.log("read done");
            dmasim.dma_unmap_single(nic, m, 4096, dmasim.DMA_FROM_DEVICE);
            """;

    @TempDir
    Path dir;

    @Test
    void aJavaScriptScenarioGivesTheSameRecords() throws Exception {
        Path file = dir.resolve("stale.js");
        Files.writeString(file, STALE_JS);
        Sandbox sandbox = Dmasim.sandbox();
        assertTrue(sandbox.canRun(file));
        Result r = sandbox.run(file);
        assertEquals(Status.FAILED, r.status(), r.text());
        assertEquals(List.of("0x5a x64", "0x00 x64"), r.reads().get(0).outcomes().stream().map(Outcome::value).toList());
        assertEquals(new Position(file.toString(), 7, 1), r.reads().get(0).position());
        assertTrue(r.reports().stream().anyMatch(x -> x.code().equals("STALE_READ")));
        assertEquals(List.of("read done"), r.printed());
    }

    @Test
    void aJavaScriptLoopIsCancelledAndTheStatementLimitIsNamed() throws Exception {
        Path file = dir.resolve("spin.js");
        Files.writeString(file, "console.log('spinning');\nwhile (true) {}\n");
        Sandbox sandbox = Dmasim.builder().timeout(Duration.ofHours(1)).build();
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Result> run = CompletableFuture.supplyAsync(() -> sandbox.run(file, new Listener() {
            @Override
            public void print(Print line) {
                started.countDown();
            }
        }));
        started.await();
        sandbox.cancel();
        Result cancelled = run.get();
        assertEquals(Limit.CANCELLED, cancelled.limit(), cancelled.text());

        Result steps = Dmasim.builder().maxSteps(10_000).build().run(file);
        assertEquals(Limit.STEPS, steps.limit(), steps.text());
    }
}
