package org.dmasim.interpreter.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.output.TextOutput;
import org.junit.jupiter.api.Test;

/** The DRM GEM helpers' object lifetimes: drm_gem_dma_create/free and drm_gem_shmem_free. */
class GemHelpersTest {
    private static String run(String script, int expectedExit) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = ScenarioRunner.run(new SourceFile("t.dma", script), null, ScenarioRunner.Options.defaults(),
                new TextOutput(out), out, out);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, exit, text);
        return text;
    }

    /**
     * drivers/gpu/drm/drm_gem_dma_helper.c drm_gem_dma_create(): round_up(size, PAGE_SIZE), then
     * dma_alloc_noncoherent(..., DMA_TO_DEVICE) with map_noncoherent (dma-debug's "noncoherent"
     * entry, synced and freed as such) or dma_alloc_wc; drm_gem_dma_free() frees with the matching
     * call, so nothing leaks and dma-debug has nothing to say.
     */
    @Test
    void gemDmaObjectsAreAllocatedAndFreedAsTheHelpersDo() {
        String out = run("""
                arch arm64
                device lcd { dma_mask: 32, coherent: false, driver: cma }
                let fb = drm_gem_dma_create(lcd, 100, map_noncoherent: true)
                expect fb.size == 4KiB
                dma_sync_single_for_device(lcd, fb.dma, 4KiB, DMA_TO_DEVICE)
                let wc = drm_gem_dma_create(lcd, 5000)
                expect wc.size == 8KiB
                drm_gem_dma_free(fb)
                drm_gem_dma_free(wc)
                expect clean
                """, 0);
        assertTrue(out.contains("1 expectation") || out.contains("expectations: 3 passed"), out);
        // the noncoherent entry is checked as one: a sync in the wrong direction is dma-debug's report
        String dir = run("""
                arch arm64
                device lcd { dma_mask: 32, coherent: false, driver: cma }
                let fb = drm_gem_dma_create(lcd, 4KiB, map_noncoherent: true)
                expect report DMA_SYNC_DIR_MISMATCH { dma_sync_single_for_device(lcd, fb.dma, 4KiB, DMA_FROM_DEVICE) }
                drm_gem_dma_free(fb)
                """, 0);
        assertTrue(dir.contains("[mapped with DMA_TO_DEVICE] [synced with DMA_FROM_DEVICE]"), dir);
    }

    /**
     * drm_prime.c drm_gem_prime_export() takes a GEM reference for the dma-buf, so the helpers' free
     * runs only after the last dma_buf_put: a driver freeing the object earlier leaves the importers
     * with freed memory.
     */
    @Test
    void freeingAnObjectItsDmaBufStillHoldsIsReported() {
        String out = run("""
                arch arm64
                device lcd { dma_mask: 32, coherent: false, driver: cma }
                device gpu { dma_mask: 40, coherent: false, driver: shmem }
                let fb = drm_gem_dma_create(lcd, 4KiB)
                let buf = dma_buf_export(lcd, fb)
                expect report USE_AFTER_FREE { drm_gem_dma_free(fb) }
                let bo = shmem(8KiB)
                let sbuf = dma_buf_export(gpu, bo)
                expect report USE_AFTER_FREE { drm_gem_shmem_free(bo) }
                """, 0);
        assertTrue(out.contains("drm_gem_dma_free of fb.dma while buf still holds"), out);
        assertTrue(out.contains("still holds a reference to the object (drm_gem_prime_export took it)"), out);
    }

    /**
     * drivers/gpu/drm/drm_gem_shmem_helper.c drm_gem_shmem_free(): dma_unmap_sgtable(obj->dev->dev,
     * shmem->sgt, DMA_BIDIRECTIONAL, 0) of the cached table (so no DMA_LEAK), the pages put; the
     * device's later access through the table and a second free are use-after-free.
     */
    @Test
    void drmGemShmemFreeUnmapsTheCachedTableAndFreesThePages() {
        String out = run("""
                arch arm64
                device gpu { dma_mask: 40, coherent: false, driver: shmem }
                let bo = shmem(16KiB)
                cpu writes bo[0..16] = 7
                let sgt = drm_gem_shmem_get_pages_sgt(gpu, bo)
                drm_gem_shmem_free(bo)
                expect report USE_AFTER_FREE { gpu reads sgt[0..16] }
                expect report USE_AFTER_FREE { cpu reads bo[0..16] }
                expect report USE_AFTER_FREE { drm_gem_shmem_free(bo) }
                let untouched = shmem(8KiB)
                drm_gem_shmem_free(untouched)
                """, 0);
        assertTrue(out.contains("gpu reads through the shmem->sgt of bo[0] after it was unmapped"), out);
        assertTrue(out.contains("stop the device before dma_unmap_sgtable()"), out);
        assertTrue(out.contains("drm_gem_shmem_free of bo, which is already freed (double free)"), out);
        assertTrue(!out.contains("DMA_LEAK"), out);
    }
}
