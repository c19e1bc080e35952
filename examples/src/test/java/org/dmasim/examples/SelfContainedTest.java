package org.dmasim.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A clone is all a user has: no message, document, comment or build file points at files outside the
 * repository. Only the conformance tests may look beside it, for the project's shared conformance scenarios
 * (and skip when they are absent).
 */
class SelfContainedTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    /** The project's design documents, which are not in the repository, and the folder beside it. */
    private static final Pattern OUTSIDE = Pattern.compile(
            "\\b(LANGUAGE|SEMANTICS|CONCURRENCY|ARCHITECTURE|STYLE|TOOLCHAIN)\\.md\\b|kernel-reference\\.md|\\.\\./shared");
    private static final Pattern CONFORMANCE = Pattern.compile("(?i)conformance|dmasim\\.shared");

    @Test
    void nothingPointsOutsideTheRepository() throws IOException {
        List<String> found = new ArrayList<>();
        Path self = ROOT.resolve("examples/src/test/java/org/dmasim/examples/SelfContainedTest.java");
        // the test that every example of the concurrency design runs reads that design beside the repository (and
        // skips when it is absent), as the conformance tests do
        Path design = ROOT.resolve("examples/src/test/java/org/dmasim/examples/ConcurrencyDesignTest.java");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(ROOT)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !ignored(ROOT.relativize(p)))
                    .filter(p -> !p.equals(self) && !p.equals(design))
                    .sorted()
                    .toList();
        }
        assertTrue(files.size() > 100, "too few files under " + ROOT + ": " + files.size());
        for (Path file : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (MalformedInputException e) {
                continue; // not text
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (OUTSIDE.matcher(line).find() && !CONFORMANCE.matcher(line).find()) {
                    found.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + line.strip());
                }
            }
        }
        assertEquals(List.of(), found, "files that point outside the repository");
    }

    /** Build output, version control and editor state: not the repository's files. */
    private static boolean ignored(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.equals("node_modules") || (name.startsWith(".") && !name.equals(".ci"))) {
                return true;
            }
        }
        return false;
    }
}
