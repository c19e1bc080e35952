package org.dmasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dmasim run FILE --arch all}: one run per stdlib profile and a pass/fail matrix. */
class ArchMatrixTest {
    static String[] run(Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine(new PrintWriter(out), new PrintWriter(err))
                .execute("run", file.toString(), "--arch", "all");
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    @Test
    void aPortableScenarioPassesEverywhere(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("rx.dma");
        Files.writeString(f, """
                device nic { dma_mask: 64 }
                let rx = alloc_pages(4KiB)
                let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)
                expect not dma_mapping_error(nic, m)
                nic writes m = 0x5A
                dma_unmap_single(m)
                expect cpu reads rx == 0x5A
                """);
        String[] r = run(f);
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].startsWith("expectation"), r[1]);
        for (String arch : new String[] {"x86_64", "arm64", "arm64_legacy", "arc", "riscv64", "sparc64",
            "sparc64_sun4u"}) {
            assertTrue(r[1].lines().findFirst().orElseThrow().contains(arch), arch + " in\n" + r[1]);
        }
        assertTrue(r[1].contains("PASS on every arch"), r[1]);
    }

    @Test
    void aMissingSyncFailsWhereTheArchIsNotCoherent(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("rx.dma");
        Files.writeString(f, """
                device nic { dma_mask: 64 }
                let rx = alloc_pages(4KiB)
                cpu writes rx = 0
                let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)
                expect not dma_mapping_error(nic, m)
                nic writes m = 0x5A
                expect cpu reads rx[0..64] == 0x5A
                dma_unmap_single(m)
                """);
        String[] r = run(f);
        assertEquals("1", r[0], r[1] + r[2]);
        String row = r[1].lines().filter(l -> l.startsWith("7:1")).findFirst().orElseThrow();
        // sun4u's IOMMU holds the device's write in its streaming buffer until unmap or sync_for_cpu
        assertTrue(row.matches(
                "7:1 +expect cpu reads rx\\[0\\.\\.64\\] == 0x5A +pass +FAIL +FAIL +FAIL +FAIL +pass +FAIL"), row);
        assertTrue(r[1].contains("FAIL on [arm64, arm64_legacy, arc, riscv64, sparc64_sun4u]"), r[1]);
    }

    @Test
    void aScriptErrorIsPrintedOnce(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.dma");
        Files.writeString(f, "let x = frobnicate(1)\n");
        String[] r = run(f);
        assertEquals("2", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("unknown name 'frobnicate'"), r[1]);
    }
}
