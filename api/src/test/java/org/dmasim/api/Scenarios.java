package org.dmasim.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Scenario texts and files the API tests share. */
final class Scenarios {
    /** The README's forgotten sync: one read with a stale outcome, STALE_READ, a leak. */
    static final String FORGOTTEN_SYNC = """
            arch arm64
            device nic { dma_mask: 64, coherent: false }
            let rx = alloc_pages(4KiB)
            cpu writes rx = 0x00
            let m = dma_map_single(nic, rx, DMA_FROM_DEVICE)
            expect not dma_mapping_error(nic, m)
            nic writes m = 0x5A
            cpu reads rx[0..64]
            dma_sync_single_for_cpu(nic, m, 4KiB, DMA_FROM_DEVICE)
            cpu reads rx[0..64]
            """;

    private Scenarios() {
    }

    /** The repository's root (the build sets {@code dmasim.root}; else the parent of the module). */
    static Path root() {
        String root = System.getProperty("dmasim.root");
        return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
    }

    /** The {@code examples/*.dma} scenarios, sorted. */
    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(root().resolve("examples"))) {
            return files.filter(p -> p.toString().endsWith(".dma")).sorted().toList();
        }
    }
}
