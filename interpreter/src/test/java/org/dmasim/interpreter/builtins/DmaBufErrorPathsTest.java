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

/**
 * Every -EINVAL, -EOPNOTSUPP, -EREMOTEIO (and -EBADF, -EIO, -ENOMEM) path of the dma-buf layer
 * (drivers/dma-buf/dma-buf.c, kernel/dma/debug.c): the value the call returns, the report code and its message.
 * Each script must pass (its expectations hold, its reports are expected).
 */
class DmaBufErrorPathsTest {
    private static String run(String script) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = ScenarioRunner.run(new SourceFile("t.dma", script), null, ScenarioRunner.Options.defaults(),
                new TextOutput(out), out, out);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text);
        return text;
    }

    private static void contains(String out, String... texts) {
        for (String t : texts) {
            assertTrue(out.contains(t), "missing <" + t + "> in:\n" + out);
        }
    }

    @Test
    void syncIoctlFlagValidation() {
        String out = run("""
                arch arm64
                let buf = dma_heap_alloc(4KiB)
                let fd = dma_buf_fd(buf)
                for flags in [1, 2, 3, 5, 6, 7] { expect dma_buf_sync(fd, flags) == 0 }
                let rc = 0
                expect report DMABUF_SYNC_EINVAL { rc = dma_buf_sync(fd, 0) }
                expect rc == -22
                expect report DMABUF_SYNC_EINVAL { rc = dma_buf_sync(fd, DMA_BUF_SYNC_END) }
                expect rc == -22
                expect report DMABUF_SYNC_EINVAL { rc = dma_buf_sync(fd, 8 | DMA_BUF_SYNC_RW) }
                expect rc == -22
                expect dma_buf_sync(fd + 1, DMA_BUF_SYNC_RW) == -9
                """);
        contains(out, "error[DMABUF_SYNC_EINVAL]",
                "DMA_BUF_IOCTL_SYNC on fd 3 with flags 0x0: neither DMA_BUF_SYNC_READ nor DMA_BUF_SYNC_WRITE, -EINVAL",
                "DMA_BUF_IOCTL_SYNC on fd 3 with flags 0x4: neither DMA_BUF_SYNC_READ nor DMA_BUF_SYNC_WRITE, -EINVAL",
                "DMA_BUF_IOCTL_SYNC on fd 3 with flags 0xb: bits outside DMA_BUF_SYNC_VALID_FLAGS_MASK (0x7), -EINVAL");
    }

    @Test
    void staticImporterOfVramWithoutMigrationIsEopnotsupp() {
        String out = run("""
                device gpu { dma_mask: 64, vram: 64MiB, driver: ttm, vram_fallback: fail, p2p: true, pci_switch: "s" }
                device ssd { dma_mask: 64 }
                device far { dma_mask: 64, p2p: true }
                let buf = dma_buf_export(gpu, vram_alloc(gpu, 64KiB))
                let a = null
                expect report P2P_NOT_SUPPORTED { a = dma_buf_attach(buf, ssd) }
                expect a == -95
                expect report P2P_NOT_SUPPORTED { a = dma_buf_dynamic_attach(buf, ssd, peer2peer: true) }
                expect a == -95
                # a p2p device through the host bridge is reachable: the attachment keeps peer2peer
                let f = dma_buf_dynamic_attach(buf, far, peer2peer: true)
                expect f.peer2peer
                let s = dma_buf_map_attachment(f, DMA_BIDIRECTIONAL)
                expect s.p2p and s.dma == gpu.bar.phys
                dma_buf_unmap_attachment(f, s, DMA_BIDIRECTIONAL)
                dma_buf_detach(buf, f)
                expect buf.attachments == 0
                """);
        contains(out, "error[P2P_NOT_SUPPORTED]",
                "dma_buf_attach of buf to ssd: the buffer is in gpu's VRAM, a static importer (peer2peer = false) "
                        + "cannot reach it, and the exporter does not migrate (vram_fallback: fail): -EOPNOTSUPP",
                "ssd: cannot be used for peer-to-peer DMA as the client and provider (gpu) do not share an upstream "
                        + "bridge or whitelisted host bridge");
    }

    @Test
    void vramMappedByAnExporterWithoutAP2pCheckIsEremoteio() {
        String out = run("""
                device gpu { dma_mask: 64, vram: 64MiB, driver: shmem }
                device ssd { dma_mask: 64 }
                let buf = dma_buf_export(gpu, vram_alloc(gpu, 64KiB))
                let a = dma_buf_attach(buf, ssd)
                let s = null
                expect report P2P_NOT_SUPPORTED { s = dma_buf_map_attachment(a, DMA_TO_DEVICE) }
                expect s == -121
                dma_buf_detach(buf, a)
                """);
        contains(out, "dma_map_sgtable of buf (in gpu's VRAM) for ssd returns -EREMOTEIO");
    }

    @Test
    void mapFailuresAreEinvalOrEio() {
        String out = run("""
                arch arm64
                machine { ram: 8GiB, swiotlb: 0 }
                device low { dma_mask: 32, coherent: false }
                let buf = dma_heap_alloc(64KiB)
                let a = dma_buf_attach(buf, low)
                let s = null
                expect report DMABUF_EINVAL { s = dma_buf_map_attachment(a, DMA_NONE) }
                expect s == -22
                expect report DMA_ADDR_OVERFLOW { s = dma_buf_map_attachment(a, DMA_TO_DEVICE) }
                expect s == -5
                dma_buf_detach(buf, a)
                expect report USE_AFTER_FREE { s = dma_buf_map_attachment(a, DMA_TO_DEVICE) }
                expect s == -22
                """);
        contains(out, "dma_buf_map_attachment of a with DMA_NONE: WARN_ON(dir == DMA_NONE), -EINVAL",
                "dma_buf_map_attachment of a after dma_buf_detach");
    }

    @Test
    void mmapPastTheEndAndBadFds() {
        String out = run("""
                let buf = dma_heap_alloc(16KiB)
                let fd = dma_buf_fd(buf)
                let u = null
                expect report DMABUF_EINVAL { u = mmap(fd, 8KiB, 12KiB) }
                expect u == -22
                expect report DMABUF_EINVAL { u = mmap(fd, 4KiB, 2KiB) }
                expect mmap(fd + 7) == -9
                expect dma_buf_get(fd + 7) == -9
                expect drm_gem_prime_import(device_stub, fd + 7) == -9
                let ok = mmap(fd, 4KiB, 12KiB)
                expect ok.size == 4KiB
                munmap(ok)
                """.replace("device_stub", "dev").replace("let buf", "device dev { dma_mask: 64 }\nlet buf"));
        contains(out, "mmap of buf (16KiB) at offset 12288 for 8192 bytes: vm_pgoff + vma_pages = 5 > "
                + "dmabuf->size >> PAGE_SHIFT = 4, -EINVAL");
    }

    @Test
    void vunmapMismatchAndUnderflowAreKernelBugs() {
        String out = run("""
                let a = dma_heap_alloc(4KiB)
                let b = dma_heap_alloc(4KiB)
                let ma = dma_buf_vmap(a)
                let mb = dma_buf_vmap(b)
                expect report DMABUF_EINVAL { dma_buf_vunmap(a, mb) }
                dma_buf_vunmap(a, ma)
                expect report DMABUF_EINVAL { dma_buf_vunmap(a, ma) }
                dma_buf_vunmap(b, mb)
                """);
        contains(out, "kernel BUG at dma_buf_vunmap: mb is not a's vmap "
                        + "(BUG_ON(!iosys_map_is_equal(&dmabuf->vmap_ptr, map)))",
                "kernel BUG at dma_buf_vunmap: a is not vmapped (BUG_ON(!dmabuf->vmapping_counter))");
    }

    @Test
    void releaseWhileAttachedOrVmappedAndUseAfterRelease() {
        String out = run("""
                device cam { dma_mask: 64 }
                let buf = dma_heap_alloc(4KiB)
                let fd = dma_buf_fd(buf)
                let att = dma_buf_attach(buf, cam)
                let map = dma_buf_vmap(buf)
                expect report DMABUF_EINVAL { dma_buf_put(buf) }
                expect report USE_AFTER_FREE { expect dma_buf_fd(buf) == -22 }
                expect report USE_AFTER_FREE { expect dma_buf_vmap(buf) == -22 }
                expect report USE_AFTER_FREE { expect dma_buf_begin_cpu_access(buf, DMA_TO_DEVICE) == -22 }
                expect report USE_AFTER_FREE { expect dma_buf_sync(fd, DMA_BUF_SYNC_RW) == -9 }
                expect report USE_AFTER_FREE { dma_buf_put(buf) }
                """);
        contains(out, "kernel BUG at dma_buf_release: buf is released while vmapped "
                        + "(BUG_ON(dmabuf->vmapping_counter), counter 1)",
                "dma_buf_release: buf is released while attached to cam (WARN_ON(!list_empty(&dmabuf->attachments)))",
                "dma_buf_put of buf after its last reference was dropped");
    }

    @Test
    void detachAndUnmapWithTheWrongObjects() {
        String out = run("""
                device cam { dma_mask: 64 }
                let x = dma_heap_alloc(4KiB)
                let y = dma_heap_alloc(4KiB)
                let ax = dma_buf_attach(x, cam)
                let ay = dma_buf_attach(y, cam)
                let sx = dma_buf_map_attachment(ax, DMA_TO_DEVICE)
                expect report DMABUF_EINVAL { dma_buf_detach(y, ax) }
                expect report DMABUF_EINVAL { dma_buf_unmap_attachment(ay, sx, DMA_TO_DEVICE) }
                dma_buf_unmap_attachment(ax, sx, DMA_TO_DEVICE)
                expect report USE_AFTER_FREE { dma_buf_unmap_attachment(ax, sx, DMA_TO_DEVICE) }
                dma_buf_detach(x, ax)
                dma_buf_detach(y, ay)
                expect report USE_AFTER_FREE { dma_buf_detach(x, ax) }
                expect clean
                """);
        contains(out, "dma_buf_detach(y, ax): the attachment belongs to x (WARN_ON(dmabuf != attach->dmabuf)), "
                        + "nothing detached",
                "dma_buf_unmap_attachment of sx, which ay did not map (it belongs to ax)");
    }

    @Test
    void dynamicImporterWithoutMoveNotifyIsEinval() {
        String out = run("""
                device cam { dma_mask: 64 }
                let buf = dma_heap_alloc(4KiB)
                let a = null
                expect report DMABUF_EINVAL { a = dma_buf_dynamic_attach(buf, cam, move_notify: false) }
                expect a == -22
                expect buf.attachments == 0
                """);
        contains(out, "dma_buf_dynamic_attach of buf to cam with importer ops that have no move_notify: "
                + "WARN_ON(importer_ops && !importer_ops->move_notify), -EINVAL");
    }

    @Test
    void movingAVmappedVramBufferIsEbusy() {
        String out = run("""
                device gpu { dma_mask: 64, vram: 64MiB, driver: ttm }
                device cam { dma_mask: 64 }
                let bo = vram_alloc(gpu, 64KiB)
                let buf = dma_buf_export(gpu, bo)
                let map = dma_buf_vmap(buf)
                let a = dma_buf_attach(buf, cam)
                let s = null
                expect report DMABUF_EINVAL { s = dma_buf_map_attachment(a, DMA_TO_DEVICE) }
                expect s == -16
                expect bo.in_vram
                dma_buf_vunmap(buf, map)
                s = dma_buf_map_attachment(a, DMA_TO_DEVICE)
                expect not bo.in_vram
                dma_buf_unmap_attachment(a, s, DMA_TO_DEVICE)
                dma_buf_detach(buf, a)
                """);
        contains(out, "the exporter must move it out of VRAM, but a vmap pins it there; pin returns -EBUSY "
                + "(WARN_ON_ONCE(ret == -EBUSY))");
    }

    @Test
    void anImporterBehindAnIommuGetsOneIovaSegmentWithPermissions() {
        String out = run("""
                arch arm64
                device cam { dma_mask: 32, coherent: false, iommu: true, max_segment_size: 0xffff_ffff }
                let buf = dma_heap_alloc(1MiB)
                let fd = dma_buf_fd(buf)
                let a = dma_buf_attach(buf, cam)
                let s = dma_buf_map_attachment(a, DMA_TO_DEVICE)
                expect s.iommu
                expect s.nents == 1
                let u = mmap(fd)
                dma_buf_sync(fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_WRITE)
                cpu writes u = 0x3C
                dma_buf_sync(fd, DMA_BUF_SYNC_END | DMA_BUF_SYNC_WRITE)
                expect cam reads s[0..4KiB] == 0x3C
                expect report IOMMU_FAULT { cam writes s[0..64] = 1 }
                dma_buf_unmap_attachment(a, s, DMA_TO_DEVICE)
                dma_buf_detach(buf, a)
                munmap(u)
                dma_buf_put(buf)
                expect clean
                """);
        // an arm64 SMMU context fault: a permission fault (FSR.PF) on a write (FSYNR0.WNR)
        contains(out, "error[IOMMU_FAULT]", "Unhandled context fault: fsr=0x8", "fsynr=0x10");
    }

    @Test
    void vramRunsOutWithEnomem() {
        run("""
                device gpu { dma_mask: 64, vram: 1MiB }
                let a = vram_alloc(gpu, 768KiB)
                expect vram_alloc(gpu, 512KiB) == -12
                expect vram_alloc(gpu, 256KiB).size == 256KiB
                """);
    }

    @Test
    void plainIomemAccessIsAnErrorOnSparc64AndAWarningOnX86() {
        String sparc = run("""
                arch sparc64
                device gpu { dma_mask: 64, vram: 16MiB }
                let bo = vram_alloc(gpu, 4KiB)
                expect report IOMEM_PLAIN_ACCESS { cpu writes bo[0..4] = 1 }
                expect gpu reads bo[0..4] == 0
                """);
        contains(sparc, "error[IOMEM_PLAIN_ACCESS]", "this access traps and the store does not happen");
        String x86 = run("""
                device gpu { dma_mask: 64, vram: 16MiB }
                let bo = vram_alloc(gpu, 4KiB)
                expect report IOMEM_PLAIN_ACCESS { cpu writes bo[0..4] = 1 }
                expect gpu reads bo[0..4] == 1
                """);
        contains(x86, "warning[IOMEM_PLAIN_ACCESS]");
    }

    @Test
    void writeCombinedStoresArePostedUntilWmb() {
        String out = run("""
                arch arm64
                device gpu { dma_mask: 64, coherent: false, driver: shmem, map_wc: true }
                let bo = alloc_pages(4KiB)
                let buf = dma_buf_export(gpu, bo)
                let fd = dma_buf_fd(buf)
                let u = mmap(fd)
                let c = dma_alloc_attrs(gpu, 4KiB, DMA_ATTR_WRITE_COMBINE)
                cpu writes c.cpu[0..64] = 0x77
                expect report DEVICE_STALE_READ { gpu reads c.dma[0..64] }
                expect cpu reads c.cpu[0..64] == 0x77
                expect gpu reads c.dma[0..64] == 0x77
                cpu writes c.cpu[0..64] = 0x78
                wmb()
                expect gpu reads c.dma[0..64] == 0x78
                """);
        contains(out, "drained by wmb()", "drained by a CPU read");
    }

    @Test
    void cacheableAndWriteCombinedAliasesConflict() {
        String arm = run("""
                arch arm64
                device gpu { dma_mask: 64, coherent: false, driver: shmem, map_wc: true }
                let bo = alloc_pages(4KiB)
                let buf = dma_buf_export(gpu, bo)
                let fd = dma_buf_fd(buf)
                let u = mmap(fd)
                dma_buf_sync(fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_RW)
                cpu writes u[0..64] = 1
                expect report ATTR_ALIAS_CONFLICT { cpu writes bo[64..128] = 2 }
                """);
        contains(arm, "warning[ATTR_ALIAS_CONFLICT]", "bo (phys ");
        // a profile whose page attributes must agree (attr_alias: error, as x86 PAT), on a
        // non-coherent machine where dma_mmap_wc really is write-combined
        String pat = run("""
                profile strict {
                    cache_line: 64, page_size: 4KiB, zone_dma_limit: 1GiB
                    coherent_default: false, speculative_prefetch: true
                    for_device: { DMA_TO_DEVICE: clean, DMA_FROM_DEVICE: clean, DMA_BIDIRECTIONAL: clean }
                    for_cpu: { DMA_TO_DEVICE: none, DMA_FROM_DEVICE: invalidate, DMA_BIDIRECTIONAL: invalidate }
                    prep_coherent: clean_invalidate, inval_edges: clean_invalidate
                    bounce_unaligned_kmalloc: false, iomem_plain_access: allowed, attr_alias: error
                }
                arch strict
                device disp { dma_mask: 64, coherent: false, driver: cma }
                let bo = alloc_pages(4KiB)
                let fd = dma_buf_fd(dma_buf_export(disp, bo))
                let u = mmap(fd)
                dma_buf_sync(fd, DMA_BUF_SYNC_START | DMA_BUF_SYNC_RW)
                expect report ATTR_ALIAS_CONFLICT {
                    cpu writes bo[0..64] = 1
                    expect sometimes cpu reads u[0..64] == 0
                }
                """);
        contains(pat, "error[ATTR_ALIAS_CONFLICT]", "is used through the cacheable bo and the write-combined u at once",
                "x86 PAT forbids a cacheable and a WC/UC mapping of one page");
        String x86 = run("""
                device gpu { dma_mask: 64, driver: cma }
                let c = dma_alloc_coherent(gpu, 4KiB)
                let buf = dma_buf_export(gpu, c)
                let fd = dma_buf_fd(buf)
                let u = mmap(fd)
                let v = drm_gem_vmap(drm_gem_prime_import(gpu, fd))
                expect not v.is_iomem
                """);
        contains(x86, "1 expectation: 1 passed");
    }
}
