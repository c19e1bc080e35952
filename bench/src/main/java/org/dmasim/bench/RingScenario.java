package org.dmasim.bench;

/**
 * The explorer's benchmark scenario: a NIC fills a receive ring of {@code n} descriptors while
 * the CPU polls each descriptor's status, syncs its buffer for the CPU and checks the data, as a
 * driver's NAPI poll does. The ring is coherent memory; the buffers are streaming mappings.
 * {@code perLine} descriptors share a cache line (16-byte descriptors: 4; one per line: 1).
 */
public final class RingScenario {
    private RingScenario() {
    }

    public static String source(int n, int perLine) {
        int stride = 64 / perLine;
        StringBuilder b = new StringBuilder();
        b.append("arch arm64\n");
        b.append("device nic { dma_mask: 64, coherent: false }\n");
        b.append("let ring = dma_alloc_coherent(nic, 4KiB)\n");
        for (int i = 0; i < n; i++) {
            b.append("let b").append(i).append(" = alloc_pages(4KiB)\n");
            b.append("let m").append(i).append(" = dma_map_single(nic, b").append(i).append(", DMA_FROM_DEVICE)\n");
            b.append("expect not dma_mapping_error(nic, m").append(i).append(")\n");
        }
        b.append("let j = async nic {\n");
        for (int i = 0; i < n; i++) {
            int d = i * stride;
            b.append("    nic writes m").append(i).append("[0..64] = ").append(1 + i % 200).append('\n');
            b.append("    nic writes ring.dma[").append(d).append("..").append(d + 4).append("] = u32(64)\n");
            b.append("    nic writes ring.dma[").append(d + 8).append("..").append(d + 12).append("] = u32(1)\n");
        }
        b.append("}\n");
        for (int i = 0; i < n; i++) {
            int d = i * stride;
            b.append("wait until cpu reads ring.cpu[").append(d + 8).append("..").append(d + 12)
                    .append("] == u32(1)\n");
            b.append("dma_sync_single_for_cpu(nic, m").append(i).append(", 4KiB, DMA_FROM_DEVICE)\n");
            b.append("expect cpu reads b").append(i).append("[0..64] == ").append(1 + i % 200).append('\n');
        }
        b.append("wait j\n");
        for (int i = 0; i < n; i++) {
            b.append("dma_unmap_single(nic, m").append(i).append(", 4KiB, DMA_FROM_DEVICE)\n");
        }
        b.append("dma_free_coherent(nic, ring)\n");
        return b.toString();
    }
}
