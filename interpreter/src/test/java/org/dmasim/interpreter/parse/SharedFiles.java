package org.dmasim.interpreter.parse;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds ../shared (the conformance scenarios) next to the repository. */
final class SharedFiles {
    private SharedFiles() {
    }

    /** The shared folder, or null when this checkout has none next to it. */
    static Path shared() {
        String property = System.getProperty("dmasim.shared");
        if (property != null && Files.isDirectory(Path.of(property))) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path root = repositoryRoot();
        Path sibling = root == null ? null : root.resolveSibling("shared");
        return sibling != null && Files.isDirectory(sibling) ? sibling : null;
    }

    private static Path repositoryRoot() {
        String property = System.getProperty("dmasim.root");
        if (property != null) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        // Surefire runs in the module's folder; the root is the first parent holding the grammar module.
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("grammar")) && Files.isDirectory(dir.resolve("interpreter"))) {
                return dir;
            }
        }
        return null;
    }
}
