package org.dmasim.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The scenarios mutations start from: every {@code .dma} example, every golden case (the
 * regression cases the fuzzer found included), the stdlib libraries, and the conformance
 * scenarios when {@code ../shared/conformance} is there.
 */
final class Corpus {
    /** One seed scenario: where it comes from and its text. */
    record Seed(String name, String text) {
    }

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static List<Seed> all;

    private Corpus() {
    }

    static synchronized List<Seed> all() {
        if (all == null) {
            List<Seed> seeds = new ArrayList<>();
            add(seeds, MODULE, 1);
            add(seeds, MODULE.resolve("src/test/golden"), Integer.MAX_VALUE);
            add(seeds, MODULE.resolve("../stdlib/src/main/resources/stdlib/lib"), 1);
            String shared = System.getProperty("dmasim.shared");
            if (shared != null) {
                add(seeds, Path.of(shared, "conformance"), 1);
            }
            if (seeds.isEmpty()) {
                throw new IllegalStateException("no .dma scenarios found from " + MODULE);
            }
            all = List.copyOf(seeds);
        }
        return all;
    }

    private static void add(List<Seed> seeds, Path dir, int depth) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir, depth)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".dma")).sorted().toList()) {
                seeds.add(new Seed(MODULE.relativize(p.toAbsolutePath().normalize()).toString(), Files.readString(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
