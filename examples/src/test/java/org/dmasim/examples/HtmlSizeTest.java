package org.dmasim.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML page of a 1 GiB scenario stays small: a buffer of 262,144 scattered shmem pages, one sg
 * entry each, folds into a few runs of equal lines per statement (untouched pages, pages written
 * alike), so the page is under 5 MB.
 */
class HtmlSizeTest {
    private static final long LIMIT = 5_000_000;
    private static final String SCENARIO = """
            # 1 GiB of shmem: 64 MiB written by the CPU, 1 MiB of it then by a non-coherent device
            arch arm64
            device gpu { dma_mask: 64, coherent: false }
            let bo = shmem(1GiB)
            cpu writes bo[0..64MiB] = 0x11
            let sgt = sg_table(bo)
            expect sgt.orig_nents == 262144
            expect dma_map_sgtable(gpu, sgt, DMA_BIDIRECTIONAL) == 0
            gpu writes sgt[0..1MiB] = 0x5A
            dma_sync_sgtable_for_cpu(gpu, sgt, DMA_BIDIRECTIONAL)
            expect cpu reads bo[0..64] == 0x5A
            expect cpu reads bo[1MiB..1MiB+64] == 0x11
            dma_unmap_sgtable(gpu, sgt, DMA_BIDIRECTIONAL)
            expect clean
            """;

    @TempDir
    Path scratch;

    @Test
    void aGibibyteScenarioFoldsIntoASmallPage() throws IOException {
        Path scenario = scratch.resolve("shmem-1gib.dma");
        Files.writeString(scenario, SCENARIO, StandardCharsets.UTF_8);
        Path page = scratch.resolve("shmem-1gib.html");
        ScenarioCli.Result r = ScenarioCli.run("run", scenario.toString(), "--html", page.toString(), "--timeout", "10m");
        assertEquals(0, r.exit(), r.transcript());
        long size = Files.size(page);
        assertTrue(size < LIMIT, "the page of a 1 GiB scenario is " + size + " bytes, over " + LIMIT);
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertTrue(html.contains("1073741824 bytes"), "the 1 GiB buffer is not on the page");
        // after the sync: the device's MiB, the rest of what the CPU wrote, the untouched pages
        for (String run : new String[] {"\n0..1048576: ", "\n1048576..67108864: ", "\n67108864..1073741824: "}) {
            assertTrue(html.contains(run), "no folded run " + run.strip() + " on the page");
        }
    }
}
