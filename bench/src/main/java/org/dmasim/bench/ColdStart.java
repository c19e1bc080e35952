package org.dmasim.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Cold start through the launcher, as a user runs it: {@code dmasim run} of a small scenario
 * against {@code java -version} of the same JDK, started alternately so both see the same load.
 */
final class ColdStart {
    /** The small scenario: one transmit buffer done right (CPU write, map, device read, unmap). */
    static final String SCENARIO = """
            arch arm64
            device nic { dma_mask: 64, coherent: false }
            let tx = alloc_pages(4KiB)
            cpu writes tx[0..1500] = pattern(7)
            let m = dma_map_single(nic, tx, DMA_TO_DEVICE)
            expect not dma_mapping_error(nic, m)
            expect nic reads m[0..1500] == pattern(7)
            nic reads m[0..64]
            dma_unmap_single(nic, m, 4KiB, DMA_TO_DEVICE)
            free_pages(tx)
            expect clean
            """;

    private ColdStart() {
    }

    /** Milliseconds of each command, in pairs: {@code [round][0]} java -version, {@code [round][1]} the run. */
    static double[][] measure(Path launcher, int rounds) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("dmasim-bench");
        Path scenario = dir.resolve("cold-start.dma");
        try {
            Files.writeString(scenario, SCENARIO);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> version = List.of(java, "-version");
            List<String> run = List.of(launcher.toString(), "run", scenario.toString());
            time(version);
            time(run); // the first run may write the launcher's class-data archive
            double[][] ms = new double[rounds][2];
            for (int i = 0; i < rounds; i++) {
                ms[i][0] = time(version);
                ms[i][1] = time(run);
            }
            return ms;
        } finally {
            Files.deleteIfExists(scenario);
            Files.deleteIfExists(dir);
        }
    }

    private static double time(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("DMASIM_JAVA_OPTS"); // the launcher's own flags, as users get them
        long t0 = System.nanoTime();
        int exit = pb.start().waitFor();
        double ms = (System.nanoTime() - t0) / 1e6;
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
        }
        return ms;
    }
}
