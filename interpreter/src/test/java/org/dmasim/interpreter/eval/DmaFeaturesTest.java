package org.dmasim.interpreter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.output.TextOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The memory, streaming, sg, mask and coherent builtins through whole scripts, and the arch profiles. */
class DmaFeaturesTest {
    private record Run(int exit, String out) {
    }

    private static Run run(String script) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = ScenarioRunner.run(new SourceFile("t.dma", script), null, ScenarioRunner.Options.defaults(),
                new TextOutput(out), out, out);
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    private static void passes(String script) {
        Run r = run(script);
        assertEquals(0, r.exit(), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86_64", "arm64", "arm64_legacy", "arc", "riscv64", "sparc64"})
    void everyStdlibProfileLoadsAndRunsTheProtocol(String arch) {
        passes("arch " + arch + """

                device nic { dma_mask: 64 }
                let rx = alloc_pages(4KiB)
                let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)
                expect not dma_mapping_error(nic, m)
                nic writes m = 0x5A
                dma_unmap_single(nic, m, 4KiB, DMA_FROM_DEVICE)
                expect cpu reads rx == 0x5A
                expect clean
                """);
    }

    @ParameterizedTest
    @ValueSource(strings = {"arm64_legacy", "arc"})
    void invalidateAtMapLosesCpuDataInAPartlyDeviceWrittenLine(String arch) {
        passes("arch " + arch + """

                device nic { dma_mask: 64, coherent: false }
                let b = alloc_pages(4KiB)
                cpu writes b[0..64] = 0x11
                let m = null
                expect report LOST_WRITE { m = dma_map_single(nic, b, DMA_FROM_DEVICE) }
                expect not dma_mapping_error(nic, m)
                nic writes m[0..32] = 0x5A
                dma_sync_single_for_cpu(nic, m, 4KiB, DMA_FROM_DEVICE)
                expect cpu reads b[0..32] == 0x5A
                expect report STALE_READ { cpu reads b[32..64] }
                expect sometimes cpu reads b[32..64] == 0x00   # unless written back before the map
                dma_unmap_single(nic, m, 4KiB, DMA_FROM_DEVICE)
                """);
    }

    @ParameterizedTest
    @ValueSource(strings = {"arm64", "riscv64", "x86_64"})
    void cleanAtMapKeepsCpuDataInAPartlyDeviceWrittenLine(String arch) {
        passes("arch " + arch + """

                device nic { dma_mask: 64 }
                let b = alloc_pages(4KiB)
                cpu writes b[0..64] = 0x11
                let m = dma_map_single(nic, b, DMA_FROM_DEVICE)
                expect not dma_mapping_error(nic, m)
                nic writes m[0..32] = 0x5A
                dma_sync_single_for_cpu(nic, m, 4KiB, DMA_FROM_DEVICE)
                expect cpu reads b[0..32] == 0x5A
                expect cpu reads b[32..64] == 0x11
                dma_unmap_single(nic, m, 4KiB, DMA_FROM_DEVICE)
                expect clean
                """);
    }

    @Test
    void profileFlagsAreApplied() {
        passes("""
                arch sparc64
                device fb { dma_mask: 32 }
                let m = dma_map_single(fb, alloc_pages(4KiB), DMA_TO_DEVICE)
                expect m.iommu and not dma_need_sync(fb, m)
                """);
        passes("""
                arch arm64
                device nic { dma_mask: 64 }
                let small = kmalloc(32)
                let m = dma_map_single(nic, small, DMA_FROM_DEVICE)
                expect m.bounced
                let m2 = dma_map_single(nic, kmalloc(32), DMA_TO_DEVICE)
                expect not m2.bounced
                """);
        passes("""
                arch arc
                let a = kmalloc(8)
                let b = kmalloc(8)
                expect b.phys - a.phys == 64
                """);
    }

    @Test
    void memoryBuiltins() {
        passes("""
                let k = kmalloc(100, GFP_DMA32)
                expect k.phys < 4GiB and k.size == 100
                kfree(k)
                let v = vmalloc(12KiB)
                let vt = sg_table(v)
                expect vt.orig_nents == 3
                vfree(v)
                let bo = shmem(16KiB)
                cpu writes bo = 9
                shmem_pin(bo)
                expect shmem_swap_out(bo) == -16
                shmem_unpin(bo)
                expect shmem_swap_out(bo) == 4
                expect cpu reads bo == 9
                let a = alloc_pages(4KiB)
                let t = sg_table([a[0..100], a[200..300], bo])
                expect t.orig_nents == 6 and t.size == 200 + 16KiB
                expect clean
                """);
        Run bad = run("kfree(alloc_pages(4KiB))\n");
        assertEquals(2, bad.exit(), bad.out());
        assertTrue(bad.out().contains("'buf' must be a buffer from kmalloc"), bad.out());
    }

    @Test
    void streamingAndSgBuiltins() {
        passes("""
                arch arm64
                device nic { dma_mask: 64, coherent: false }
                expect dma_set_mask(nic, DMA_BIT_MASK(48)) == 0
                expect dma_set_coherent_mask(nic, 40) == 0
                expect dma_set_mask_and_coherent(nic, 64) == 0
                let p = alloc_pages(16KiB)
                let m = dma_map_page(nic, p, 4KiB, 8KiB, DMA_FROM_DEVICE)
                expect not dma_mapping_error(nic, m) and m.size == 8KiB
                nic writes m = 0x42
                dma_sync_single_range_for_cpu(nic, m, 0, 4KiB, DMA_FROM_DEVICE)
                expect cpu reads p[4KiB..8KiB] == 0x42
                dma_sync_single_range_for_device(nic, m, 0, 4KiB, DMA_FROM_DEVICE)
                dma_unmap_page(nic, m, 8KiB, DMA_FROM_DEVICE)
                expect cpu reads p[8KiB..12KiB] == 0x42

                let bo = shmem(32KiB)
                let sgt = sg_table(bo)
                expect dma_map_sg(nic, sgt, DMA_BIDIRECTIONAL) == 8
                expect sgt.nents == 8
                nic writes sgt = 0x24
                dma_sync_sg_for_cpu(nic, sgt, 8, DMA_BIDIRECTIONAL)
                expect cpu reads bo == 0x24
                cpu writes bo = 0x25
                dma_sync_sg_for_device(nic, sgt, DMA_BIDIRECTIONAL)
                expect nic reads sgt == 0x25
                dma_unmap_sg(nic, sgt, DMA_BIDIRECTIONAL)

                let t2 = sg_table(bo)
                expect dma_map_sgtable(nic, t2, DMA_TO_DEVICE) == 0
                dma_sync_sgtable_for_device(nic, t2, DMA_TO_DEVICE)
                dma_sync_sgtable_for_cpu(nic, t2, DMA_TO_DEVICE)
                dma_unmap_sgtable(nic, t2, DMA_TO_DEVICE)
                expect report DMA_SG_COUNT_MISMATCH {
                    let n = dma_map_sg(nic, t2, DMA_TO_DEVICE)
                    dma_unmap_sg(nic, t2, n - 1, DMA_TO_DEVICE)
                }
                """);
    }

    @Test
    void coherentAndNoncoherentBuiltins() {
        passes("""
                arch arm64
                device dsp { dma_mask: 32, coherent: false }
                let c = dma_alloc_noncoherent(dsp, 8KiB, DMA_FROM_DEVICE)
                dma_sync_single_for_device(dsp, c.dma, 8KiB, DMA_FROM_DEVICE)
                dsp writes c.dma = 0x31
                dma_sync_single_for_cpu(dsp, c.dma, 8KiB, DMA_FROM_DEVICE)
                expect cpu reads c.cpu == 0x31
                dma_free_noncoherent(dsp, c)
                let bad = dma_alloc_noncoherent(dsp, 4KiB, DMA_FROM_DEVICE)
                expect report LOST_WRITE, DEVICE_ACCESS_CPU_OWNED { dsp writes bad.dma = 1 }
                expect report DMA_UNMAP_TYPE_MISMATCH { dma_free_coherent(dsp, bad) }
                let cc = dma_alloc_coherent(dsp, 4KiB)
                let st = dma_get_sgtable(dsp, cc)
                expect st.orig_nents == 1
                expect report DMA_MAP_COHERENT_MEMORY { dma_map_sgtable(dsp, st, DMA_TO_DEVICE) }
                dma_unmap_sgtable(dsp, st, DMA_TO_DEVICE)
                dma_free_coherent(dsp, cc)
                """);
    }

    @Test
    void iommuFaultsReplaceDirectionViolations() {
        passes("""
                device gpu { dma_mask: 32, iommu: true }
                let b = alloc_pages(8KiB)
                let m = dma_map_single(gpu, b, DMA_FROM_DEVICE)
                expect m.iommu and m.dma < 4GiB
                expect report IOMMU_FAULT { gpu reads m[0..64] }
                gpu writes m = 3
                dma_unmap_single(gpu, m, 8KiB, DMA_FROM_DEVICE)
                expect cpu reads b == 3
                expect report IOMMU_FAULT { gpu writes m[0..64] = 4 }
                expect cpu reads b == 3
                """);
    }

    @Test
    void aFailedSgMapLeavesNoDmaAddress() {
        passes("""
                arch arm64
                device nic { dma_mask: 64, coherent: false }
                let t = sg_table(alloc_pages(8KiB))
                expect dma_map_sgtable(nic, t, DMA_TO_DEVICE, DMA_ATTR_REQUIRE_COHERENT) == -95
                expect t.nents == 0
                expect report DEVICE_DMA_TO_ERROR_ADDR { nic reads t[0..64] }
                # the map failed before writing any sg_dma_address: dma-debug's unmap finds address 0, size 0
                # (kernel/dma/debug.c debug_dma_unmap_sg -> check_unmap: "has not allocated")
                expect report DMA_FREE_NOT_ALLOCATED { dma_unmap_sgtable(nic, t, DMA_TO_DEVICE) }
                """);
    }

    @Test
    void aNonSnoopingDeviceOnX86GetsNoHelpFromTheDmaApi() {
        passes("""
                arch x86_64
                device igpu { dma_mask: 64, coherent: false }   # does not snoop; the kernel thinks it does
                let b = alloc_pages(4KiB)
                cpu writes b = 0x11
                let m = dma_map_single(igpu, b, DMA_TO_DEVICE)
                expect not dma_mapping_error(igpu, m)
                expect not dma_need_sync(igpu, m)                # dev_is_dma_coherent() is true on x86
                expect report DEVICE_STALE_READ { igpu reads m[0..64] }   # no clean happened: clflush is the driver's job
                dma_unmap_single(m)
                let c = dma_alloc_coherent(igpu, 4KiB)
                expect c.cpu.size == 4KiB
                """);
    }
}
