package org.dmasim.interpreter.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.output.TextOutput;
import org.junit.jupiter.api.Test;

/**
 * The dma_resv and sync_file builtins through whole scripts: values, the flag checks of the
 * sync-file ioctls with their report codes and messages, and the script errors of wrong
 * arguments (file:line:col, a help line, exit 2).
 */
class SyncScriptsTest {
    private record Run(int exit, String out) {
    }

    private static Run run(String script) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = ScenarioRunner.run(new SourceFile("t.dma", script), null, ScenarioRunner.Options.defaults(),
                new TextOutput(out), out, out);
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    private static String passes(String script) {
        Run r = run(script);
        assertEquals(0, r.exit(), r.out());
        return r.out();
    }

    private static String scriptError(String script, String... texts) {
        Run r = run(script);
        assertEquals(2, r.exit(), r.out());
        for (String t : texts) {
            assertTrue(r.out().contains(t), "missing <" + t + "> in:\n" + r.out());
        }
        assertFalse(r.out().contains("\tat org.dmasim"), "no Java stack trace:\n" + r.out());
        return r.out();
    }

    @Test
    void theUsagesAndTheTimeoutHaveTheKernelsValues() {
        passes("""
                expect DMA_RESV_USAGE_KERNEL == 0 and DMA_RESV_USAGE_WRITE == 1
                expect DMA_RESV_USAGE_READ == 2 and DMA_RESV_USAGE_BOOKKEEP == 3
                expect MAX_SCHEDULE_TIMEOUT == 0x7fff_ffff_ffff_ffff
                """);
    }

    @Test
    void anIdleBufferHasNothingToWaitFor() {
        passes("""
                let buf = dma_heap_alloc(4KiB)
                for u in [DMA_RESV_USAGE_KERNEL, DMA_RESV_USAGE_WRITE, DMA_RESV_USAGE_READ, DMA_RESV_USAGE_BOOKKEEP] {
                    expect dma_resv_get_fences(buf, u) == []
                    expect dma_resv_test_signaled(buf, u)
                }
                expect dma_resv_wait_timeout(buf, DMA_RESV_USAGE_READ) == MAX_SCHEDULE_TIMEOUT
                expect dma_resv_wait_timeout(buf, DMA_RESV_USAGE_READ, 100) == 100
                # dma_resv_wait_timeout: "ret = timeout ? timeout : 1"
                expect dma_resv_wait_timeout(buf, DMA_RESV_USAGE_BOOKKEEP, timeout: 0) == 1
                """);
    }

    @Test
    void exportingFromAnIdleBufferGivesTheSignalledStubAndImportingItBackAddsNothingPending() {
        String out = passes("""
                let buf = dma_heap_alloc(4KiB)
                let fd = dma_buf_fd(buf)
                let sf = dma_buf_export_sync_file(fd, DMA_BUF_SYNC_WRITE)
                print(sf)
                expect sync_file_wait(sf) == 0
                expect dma_buf_import_sync_file(fd, DMA_BUF_SYNC_RW, sf) == 0
                expect dma_resv_test_signaled(buf, DMA_RESV_USAGE_BOOKKEEP)
                let m = sync_file_merge(sf, dma_buf_export_sync_file(fd, DMA_BUF_SYNC_READ))
                print(m)
                expect sync_file_wait(m) == 0
                """);
        assertTrue(out.contains("sf: sync_file of the signalled stub fence (signalled)"), out);
        assertTrue(out.contains("m: sync_file of the signalled stub fence (signalled)"), out);
    }

    @Test
    void anImportedGemObjectSharesTheReservationObjectOfItsDmaBuf() {
        passes("""
                device gpu { dma_mask: 64, driver: shmem }
                device disp { dma_mask: 64 }
                let fd = dma_buf_fd(dma_buf_export(gpu, shmem(64KiB)))
                let obj = drm_gem_prime_import(disp, fd)
                expect dma_resv_test_signaled(obj, DMA_RESV_USAGE_KERNEL)
                expect dma_resv_get_fences(obj, DMA_RESV_USAGE_READ) == []
                """);
    }

    @Test
    void theSyncFileIoctlsCheckTheirFlagsAndTheirSyncFile() {
        String out = passes("""
                let buf = dma_heap_alloc(4KiB)
                let fd = dma_buf_fd(buf)
                let sf = dma_buf_export_sync_file(fd, DMA_BUF_SYNC_READ)
                let r = 0
                expect report DMABUF_EINVAL { r = dma_buf_export_sync_file(fd, 0) }
                expect r == -22
                expect report DMABUF_EINVAL { r = dma_buf_export_sync_file(fd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_READ) }
                expect r == -22
                expect report DMABUF_EINVAL { r = dma_buf_import_sync_file(fd, 8, sf) }
                expect r == -22
                expect report DMABUF_EINVAL { r = dma_buf_import_sync_file(fd, DMA_BUF_SYNC_WRITE, -22) }
                expect r == -22
                expect dma_buf_export_sync_file(fd + 1, DMA_BUF_SYNC_READ) == -9
                expect dma_buf_import_sync_file(fd + 1, DMA_BUF_SYNC_READ, sf) == -9
                """);
        for (String t : new String[] {"error[DMABUF_EINVAL]",
                "DMA_BUF_IOCTL_EXPORT_SYNC_FILE on fd 3 with flags 0x0: neither DMA_BUF_SYNC_READ nor "
                        + "DMA_BUF_SYNC_WRITE, -EINVAL",
                "DMA_BUF_IOCTL_EXPORT_SYNC_FILE on fd 3 with flags 0x5: bits outside DMA_BUF_SYNC_RW (0x3), -EINVAL",
                "DMA_BUF_IOCTL_IMPORT_SYNC_FILE on fd 3 with flags 0x8: bits outside DMA_BUF_SYNC_RW (0x3), -EINVAL",
                "DMA_BUF_IOCTL_IMPORT_SYNC_FILE on fd 3: the argument is not a sync file (sync_file_get_fence() "
                        + "returns NULL), -EINVAL",
                "= help: pass DMA_BUF_SYNC_READ, DMA_BUF_SYNC_WRITE or DMA_BUF_SYNC_RW (START and END belong to "
                        + "DMA_BUF_IOCTL_SYNC)"}) {
            assertTrue(out.contains(t), "missing <" + t + "> in:\n" + out);
        }
    }

    @Test
    void theReservationObjectOfAReleasedBufferIsAUseAfterFree() {
        String out = passes("""
                let buf = dma_heap_alloc(4KiB)
                dma_buf_put(buf)
                let fences = null
                expect report USE_AFTER_FREE { fences = dma_resv_get_fences(buf, DMA_RESV_USAGE_READ) }
                expect fences == []
                """);
        assertTrue(out.contains("dma_resv_get_fences of buf after its last reference was dropped"), out);
    }

    @Test
    void aUsageOutsideTheEnumIsAScriptError() {
        scriptError("""
                let buf = dma_heap_alloc(4KiB)
                dma_resv_test_signaled(buf, 4)
                """, "t.dma:2:29", "dma_resv_test_signaled: 'usage' is 4, not a dma_resv_usage",
                "help: use DMA_RESV_USAGE_KERNEL, DMA_RESV_USAGE_WRITE, DMA_RESV_USAGE_READ or DMA_RESV_USAGE_BOOKKEEP");
    }

    @Test
    void aSyncFileIsNoFenceForTheReservationObject() {
        scriptError("""
                let buf = dma_heap_alloc(4KiB)
                let sf = dma_buf_export_sync_file(dma_buf_fd(buf), DMA_BUF_SYNC_READ)
                dma_resv_add_fence(buf, sf, DMA_RESV_USAGE_WRITE)
                """, "t.dma:3:25", "dma_resv_add_fence: 'fence' must be a dma_fence, not a sync_file",
                "help: a sync file holds a container fence (dma_resv_add_fence WARNs on dma_fence_is_container); add "
                        + "its fences with dma_buf_import_sync_file");
    }

    @Test
    void wrongObjectsAreScriptErrors() {
        scriptError("dma_resv_get_fences(42, DMA_RESV_USAGE_READ)\n", "t.dma:1:21",
                "dma_resv_get_fences: 'dmabuf' must be a dma-buf (from dma_buf_export, dma_heap_alloc or "
                        + "dma_buf_get), not an integer");
        scriptError("sync_file_wait(dma_heap_alloc(4KiB))\n", "t.dma:1:16",
                "sync_file_wait: 'sf' must be a sync_file (from sync_file_create or dma_buf_export_sync_file), not a "
                        + "dma-buf");
        scriptError("sync_file_create([1, 2])\n", "t.dma:1:18",
                "sync_file_create: 'fence' must hold only dma_fences, not an integer");
    }

    @Test
    void aTimeoutAboveMaxScheduleTimeoutIsAScriptError() {
        scriptError("""
                let buf = dma_heap_alloc(4KiB)
                dma_resv_wait_timeout(buf, DMA_RESV_USAGE_READ, MAX_SCHEDULE_TIMEOUT + 1)
                """, "t.dma:2:49", "'timeout' is 9223372036854775808, above MAX_SCHEDULE_TIMEOUT");
    }
}
