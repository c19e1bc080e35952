package com.example.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** This project imports nothing of dmasim but {@code org.dmasim.api}. */
class OnlyTheApiTest {
    @Test
    void everyDmasimImportIsTheApi() throws IOException {
        List<String> others;
        try (Stream<Path> files = Files.walk(Path.of("src"))) {
            others = files.filter(p -> p.toString().endsWith(".java")).flatMap(OnlyTheApiTest::lines)
                    .filter(l -> l.matches("\\s*import\\s+(static\\s+)?org\\.dmasim\\..*"))
                    .filter(l -> !l.matches("\\s*import\\s+(static\\s+)?org\\.dmasim\\.api\\.[A-Z*].*"))
                    .toList();
        }
        assertEquals(List.of(), others);
    }

    private static Stream<String> lines(Path p) {
        try {
            return Files.readAllLines(p).stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
