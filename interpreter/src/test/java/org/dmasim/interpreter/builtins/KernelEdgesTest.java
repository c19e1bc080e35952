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

/** The kernel's edges a driver author meets through scripts: closed fds, x86's missing maintenance. */
class KernelEdgesTest {
    private static String run(String script, int expectedExit) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = ScenarioRunner.run(new SourceFile("t.dma", script), null, ScenarioRunner.Options.defaults(),
                new TextOutput(out), out, out);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, exit, text);
        return text;
    }

    /** fs/file.c: a closed fd has no file, so mmap (igt prime_mmap test_errors), dma_buf_get, ioctls: -EBADF. */
    @Test
    void aClosedFdIsEbadfNotUseAfterFree() {
        String out = run("""
                arch arm64
                let buf = dma_heap_alloc(64KiB)
                let fd = dma_buf_fd(buf)
                let u = mmap(fd)
                expect close(fd) == 0
                expect buf.refs == 1              # the user mapping keeps the dma-buf
                expect mmap(fd) == -EBADF
                expect dma_buf_get(fd) == -EBADF
                expect dma_buf_sync(fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_READ) == -EBADF
                expect close(fd) == -EBADF
                munmap(u)                        # the last reference: released here
                """, 0);
        assertFalse(out.contains("USE_AFTER_FREE"), out);
    }

    /**
     * x86 selects no ARCH_HAS_SYNC_DMA_*: dev_is_dma_coherent() is true (include/linux/dma-map-ops.h),
     * the syncs do nothing, and the help names clflush (drivers/gpu/drm/drm_cache.c) instead.
     */
    @Test
    void x86NonSnoopingDeviceHelpNamesClflush() {
        String out = run("""
                arch x86_64
                device gpu { dma_mask: 64, coherent: false }
                let rx = alloc_pages(4KiB)
                let m = dma_map_single(gpu, rx, DMA_FROM_DEVICE)
                expect not dma_mapping_error(gpu, m)
                gpu writes m = 0x5A
                dma_sync_single_for_cpu(gpu, m, 4KiB, DMA_FROM_DEVICE)
                cpu reads rx[0..64]
                dma_unmap_single(gpu, m, 4KiB, DMA_FROM_DEVICE)
                """, 1);
        assertTrue(out.contains("error[STALE_READ]"), out);
        assertTrue(out.contains("help: x86_64's DMA API does no cache maintenance (it treats every device as snooping), "
                + "so dma_sync_single_for_cpu(gpu, m, 4KiB, DMA_FROM_DEVICE) does nothing for gpu, which does not "
                + "snoop: clflush(rx[0..64]) after the device writes and before the CPU reads"), out);

        // what the help says works: the flush drops the stale lines
        run("""
                arch x86_64
                device gpu { dma_mask: 64, coherent: false }
                let rx = alloc_pages(4KiB)
                let m = dma_map_single(gpu, rx, DMA_FROM_DEVICE)
                expect not dma_mapping_error(gpu, m)
                gpu writes m = 0x5A
                clflush(rx[0..64])
                expect cpu reads rx[0..64] == 0x5A
                dma_unmap_single(gpu, m, 4KiB, DMA_FROM_DEVICE)
                """, 0);
    }

    /** include/linux/dma-map-ops.h: without ARCH_HAS_SYNC_DMA_*, coherent: false gets no DMA API help. */
    @Test
    void nonCoherentDeviceWhereTheDmaApiDoesNoMaintenanceIsWarnedAtItsDeclaration() {
        for (String arch : new String[] {"x86_64", "sparc64"}) {
            String out = run("arch " + arch + "\nexpect report NONCOHERENT_WITHOUT_MAINTENANCE "
                    + "{ device gpu { dma_mask: 64, coherent: false } }\n", 0);
            assertTrue(out.contains("gpu is declared coherent: false on " + arch + ", whose DMA API does no cache "
                    + "maintenance"), out);
        }
        // where the arch maintains, coherent: false is the ordinary case
        run("arch arm64\ndevice cam { dma_mask: 32, coherent: false }\nexpect clean\n", 0);
    }

    /** A preset whose coherence is the SoC's takes the arch default: the same camera ring passes on both. */
    @Test
    void socPresetsTakeTheArchCoherence() {
        String ring = """
                device cam: v4l2_camera { }
                let buf = alloc_pages(4KiB)
                let m = dma_map_single(cam, buf, DMA_FROM_DEVICE)
                expect not dma_mapping_error(cam, m)
                cam writes m = 0x5A
                dma_sync_single_for_cpu(cam, m, 4KiB, DMA_FROM_DEVICE)
                expect cpu reads buf[0..64] == 0x5A
                dma_unmap_single(cam, m, 4KiB, DMA_FROM_DEVICE)
                expect clean
                """;
        run("arch x86_64\n" + ring + "expect cam.coherent\n", 0);
        run("arch arm64\n" + ring + "expect not cam.coherent\n", 0);
    }

    /**
     * The kernel's argument lists (include/linux/dma-mapping.h dma_map_single(dev, ptr, size, dir),
     * kernel/dma/mapping.c dma_free_coherent/dma_free_noncoherent), checked by kernel/dma/debug.c
     * check_unmap: size, and the CPU address of a coherent free.
     */
    @Test
    void theKernelsOwnCallFormsAreAcceptedAndChecked() {
        String out = run("""
                arch arm64
                device nic { dma_mask: 64 }
                let buf = kmalloc(4KiB)
                let m = dma_map_single(nic, buf, 2KiB, DMA_TO_DEVICE)
                expect not dma_mapping_error(nic, m)
                expect m.size == 2KiB
                dma_unmap_single(nic, m, 2KiB, DMA_TO_DEVICE)
                let s = dma_map_single(nic, buf, DMA_TO_DEVICE, DMA_ATTR_SKIP_CPU_SYNC)
                expect not dma_mapping_error(nic, s)
                expect s.size == 4KiB
                dma_unmap_single(nic, s, 4KiB, DMA_TO_DEVICE, DMA_ATTR_SKIP_CPU_SYNC)
                let c = dma_alloc_coherent(nic, 8KiB)
                dma_free_coherent(nic, 8KiB, c.cpu, c.dma)
                let d = dma_alloc_coherent(nic, 8KiB)
                expect report DMA_UNMAP_SIZE_MISMATCH { dma_free_coherent(nic, 4KiB, d.cpu, d.dma) }
                let e = dma_alloc_coherent(nic, 8KiB)
                let f = dma_alloc_coherent(nic, 8KiB)
                expect report DMA_FREE_CPU_ADDR_MISMATCH { dma_free_coherent(nic, 8KiB, f.cpu, e.dma) }
                expect report DMA_FREE_NOT_ALLOCATED { dma_free_coherent(nic, 8KiB, f.cpu, e.dma) }
                dma_free_coherent(nic, f)
                let n = dma_alloc_noncoherent(nic, 4KiB, DMA_FROM_DEVICE)
                dma_free_noncoherent(nic, 4KiB, n.cpu, n.dma, DMA_FROM_DEVICE)
                expect clean
                """, 0);
        assertTrue(out.contains("device driver frees DMA memory with different CPU address [device address="), out);
        String bad = run("""
                arch arm64
                device nic { dma_mask: 64 }
                let buf = kmalloc(4KiB)
                let m = dma_map_single(nic, buf, 4096)
                """, 2);
        assertTrue(bad.contains("help: use dma_map_single(dev, buf, dir, [attrs]) or the kernel's "
                + "dma_map_single(dev, buf, size, dir)"), bad);
        String badFree = run("""
                arch arm64
                device nic { dma_mask: 64 }
                let c = dma_alloc_coherent(nic, 4KiB)
                dma_free_coherent(nic, 4096, c.cpu)
                """, 2);
        assertTrue(badFree.contains("help: use dma_free_coherent(dev, c) or the kernel's "
                + "dma_free_coherent(dev, size, cpu_addr, dma_handle)"), badFree);
    }

    /**
     * include/linux/iosys-map.h: every accessor takes the I/O path for is_iomem (on sparc64 a plain
     * store to I/O memory traps, so a wrong path would be an IOMEM_PLAIN_ACCESS error here).
     */
    @Test
    void theWholeIosysMapApiTakesTheIoPathForIomem() {
        String out = run("""
                arch sparc64
                device gpu { dma_mask: 64, vram: 256MiB, driver: ttm }
                let bo = vram_alloc(gpu, 1MiB)
                let buf = dma_buf_export(gpu, bo)
                dma_buf_begin_cpu_access(buf, DMA_TO_DEVICE)
                let map = dma_buf_vmap(buf)
                expect map.is_iomem
                iosys_map_memset(map, 0, 0x5A, 64)
                expect iosys_map_memcpy_from(map, 0, 64) == 0x5A
                iosys_map_wr(map, 64, 0x1122_3344)
                expect iosys_map_rd(map, 64, 4) == u32(0x1122_3344)
                iosys_map_wr(map, 72, 0x0102_0304_0506_0708, 8)
                expect iosys_map_rd(map, 72, 8) == u64(0x0102_0304_0506_0708)
                iosys_map_wr_field(map, 256, 8, 0xCAFE, 2)
                expect iosys_map_rd_field(map, 256, 8, 2) == [0xFE, 0xCA]
                let next = IOSYS_MAP_INIT_OFFSET(map, 256)
                expect iosys_map_rd(next, 8, 2) == [0xFE, 0xCA]
                let p = iosys_map_incr(map, 64)
                expect iosys_map_rd(p, 0, 4) == u32(0x1122_3344)
                expect iosys_map_is_equal(IOSYS_MAP_INIT_OFFSET(map, 64), p)
                expect not iosys_map_is_equal(map, p)
                expect not iosys_map_is_null(map)
                let cleared = iosys_map_clear(p)
                expect iosys_map_is_null(cleared)
                expect not iosys_map_is_set(cleared)
                expect gpu reads bo[0..64] == 0x5A
                dma_buf_end_cpu_access(buf, DMA_TO_DEVICE)
                dma_buf_vunmap(buf, map)
                expect clean
                """, 0);
        assertFalse(out.contains("IOMEM_PLAIN_ACCESS"), out);
        // the plain path for system memory: no I/O accessor is needed there, and none is reported
        run("""
                arch arm64
                let buf = dma_heap_alloc(64KiB)
                dma_buf_begin_cpu_access(buf, DMA_BIDIRECTIONAL)
                let map = dma_buf_vmap(buf)
                expect not map.is_iomem
                iosys_map_memset(map, 0, 0x11, 128)
                iosys_map_wr_field(map, 64, 4, 0x7, 1)
                expect iosys_map_memcpy_from(map, 64, 4) == [0x11, 0x11, 0x11, 0x11]
                expect iosys_map_rd_field(map, 64, 4, 1) == [0x7]
                dma_buf_end_cpu_access(buf, DMA_BIDIRECTIONAL)
                dma_buf_vunmap(buf, map)
                dma_buf_put(buf)
                expect clean
                """, 0);
    }

    /**
     * drivers/dma-buf/dma-buf.c dma_buf_mmap_internal(): vm_pgoff + vma_pages(vma) (rounded up) must not
     * pass dmabuf->size >> PAGE_SHIFT (rounded down), so an unaligned export cannot be mapped whole.
     */
    @Test
    void mmapBoundsRoundAsTheKernelDoes() {
        String out = run("""
                arch arm64
                device gpu { dma_mask: 64, driver: shmem }
                let buf = dma_buf_export(gpu, kmalloc(6000))
                let fd = dma_buf_fd(buf)
                let rc = 0
                expect report DMABUF_EINVAL { rc = mmap(fd) }
                expect rc == -EINVAL
                let u = mmap(fd, 4KiB)
                munmap(u)
                """, 0);
        assertTrue(out.contains("vm_pgoff + vma_pages = 2 > dmabuf->size >> PAGE_SHIFT = 1, -EINVAL"), out);
        assertTrue(out.contains("export PAGE_ALIGN(size), or map at most 1 whole page"), out);
    }
}
