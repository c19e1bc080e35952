package org.dmasim.junit.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small scenarios, and a folder of them, for the engine tests. */
final class Scenarios {
    /** A receive buffer handed back with the sync: passes (also run by {@link SuiteClassTest}). */
    static final String PASSING = read("src/test/scenarios/rx-sync-arm64.dma");
    /** The same expecting the buffer still clear: an expectation fails. */
    static final String FAILING = PASSING.replace("!= 0x00", "== 0x00");
    static final String TYPO = "let m = dma_map_singel(1)\n";

    private Scenarios() {
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
