package org.dmasim.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class DmaScenariosTest {
    private static final String PASSING = """
            arch arm64
            device nic { dma_mask: 64, coherent: false }
            let rx = alloc_pages(4KiB)
            let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)
            expect not dma_mapping_error(nic, m)
            nic writes m = 0x5A
            dma_sync_single_for_cpu(nic, m, 4KiB, DMA_FROM_DEVICE)
            expect cpu reads rx[0..64] == 0x5A
            dma_unmap_single(nic, m, 4KiB, DMA_FROM_DEVICE)
            """;

    @TempDir
    Path dir;

    @Test
    void oneTestPerScenarioNamedByRelativePath() throws IOException {
        Files.writeString(dir.resolve("b.dma"), PASSING);
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/a.dma"), PASSING);
        Files.writeString(dir.resolve("notes.txt"), "not a scenario");
        List<DynamicTest> tests = DmaScenarios.from(dir).toList();
        assertEquals(List.of("b.dma", "sub/a.dma"), tests.stream().map(DynamicTest::getDisplayName).toList());
        assertEquals(dir.resolve("b.dma").toUri(), tests.get(0).getTestSourceUri().orElseThrow());
    }

    @Test
    void passingScenarioPasses() throws Throwable {
        Files.writeString(dir.resolve("ok.dma"), PASSING);
        DmaScenarios.from(dir).toList().get(0).getExecutable().execute();
    }

    @Test
    void failingScenarioFailsWithTheRunOutput() throws IOException {
        Files.writeString(dir.resolve("stale.dma"), PASSING.replace("dma_sync_single_for_cpu", "# no sync"));
        DynamicTest test = DmaScenarios.from(dir).toList().get(0);
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> test.getExecutable().execute());
        assertTrue(e.getMessage().contains("expectation failed: expect cpu reads rx[0..64] == 0x5A"), e.getMessage());
        assertTrue(e.getMessage().startsWith("stale.dma: "), e.getMessage());
    }

    @Test
    void scriptErrorFails() throws IOException {
        Files.writeString(dir.resolve("typo.dma"), "let m = dma_map_singel(1)\n");
        DynamicTest test = DmaScenarios.from(dir).toList().get(0);
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> test.getExecutable().execute());
        assertTrue(e.getMessage().contains("unknown name 'dma_map_singel'"), e.getMessage());
    }

    @Test
    void polyglotScenarioWithoutPolyglotIsSkippedNotPassed() throws IOException {
        Files.writeString(dir.resolve("x.js"), "throw new Error('must not pass silently')");
        DynamicTest test = DmaScenarios.from(dir).toList().get(0);
        // With the polyglot module on the class path the script runs and throws: a failure, not a pass.
        Throwable t = assertThrows(Throwable.class, () -> test.getExecutable().execute());
        assertTrue(t instanceof TestAbortedException || t instanceof AssertionFailedError, t.toString());
    }

    @Test
    void missingOrEmptyFolderFails() throws IOException {
        DynamicTest missing = DmaScenarios.from(dir.resolve("nope")).toList().get(0);
        assertThrows(AssertionFailedError.class, () -> missing.getExecutable().execute());
        DynamicTest empty = DmaScenarios.from(dir).toList().get(0);
        assertThrows(AssertionFailedError.class, () -> empty.getExecutable().execute());
    }

    @Test
    void aSandboxSetsTheLimits() throws IOException {
        Files.writeString(dir.resolve("spin.dma"), "while true { }\n");
        DynamicTest test = DmaScenarios.from(dir, org.dmasim.api.Dmasim.builder().maxSteps(1000).build()).toList().get(0);
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> test.getExecutable().execute());
        assertTrue(e.getMessage().startsWith("spin.dma: stopped by the steps limit (exit 2)\n"), e.getMessage());
    }
}
