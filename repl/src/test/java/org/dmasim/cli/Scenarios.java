package org.dmasim.cli;

/** Small scenarios for the command tests. */
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
    /** The same without the sync: a STALE_READ error, so the run fails. */
    static final String STALE = PASSING.replace("dma_sync_single_for_cpu(nic, m, 4KiB, DMA_FROM_DEVICE)\n", "")
            .replace("expect cpu reads rx[0..64] == 0x5A", "cpu reads rx[0..64]");
    static final String TYPO = "let m = dma_map_singel(1)\nlet q = nci\n";

    private Scenarios() {
    }
}
