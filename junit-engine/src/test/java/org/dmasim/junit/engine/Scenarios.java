package org.dmasim.junit.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small scenarios, and a folder of them, for the engine tests. */
final class Scenarios {
    static final String PASSING = """
            arch arm64
            device nic { dma_mask: 64, coherent: false }
            let rx = alloc_pages(4KiB)
            cpu writes rx = 0x00
            let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)
            expect not dma_mapping_error(nic, m)
            nic writes m = 0x5A
            dma_sync_single_for_cpu(nic, m, 4KiB, DMA_FROM_DEVICE)
            expect cpu reads rx[0..64] == 0x5A
            dma_unmap_single(nic, m, 4KiB, DMA_FROM_DEVICE)
            """;
    /** Without the sync the read may be stale: an expectation fails. */
    static final String FAILING = PASSING.replace("dma_sync_single_for_cpu(nic, m, 4KiB, DMA_FROM_DEVICE)\n", "");
    static final String TYPO = "let m = dma_map_singel(1)\n";

    private Scenarios() {
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
