package org.dmasim.interpreter.suite;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenarios below a folder: every {@code .dma}, {@code .js} and {@code .py} file, sorted,
 * except in {@code target/} and hidden folders, and except what the folder's
 * {@code .dmasimignore} lists (one glob per line, relative to the folder, {@code #} comments;
 * a pattern that matches a folder skips everything below it).
 */
public final class ScenarioFiles {
    public static final String IGNORE_FILE = ".dmasimignore";

    private ScenarioFiles() {
    }

    public static List<Path> find(Path root) throws IOException {
        List<PathMatcher> ignored = ignored(root);
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                String name = dir.getFileName().toString();
                boolean skip = name.equals("target") || name.startsWith(".") || matches(ignored, root.relativize(dir));
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && ScenarioKinds.isScenario(file) && !matches(ignored, root.relativize(file))) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(null);
        return found;
    }

    /** {@code a/b.dma} for {@code root/a/b.dma}, with {@code /} on every system. */
    public static String displayName(Path root, Path file) {
        return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    private static List<PathMatcher> ignored(Path root) throws IOException {
        Path list = root.resolve(IGNORE_FILE);
        List<PathMatcher> out = new ArrayList<>();
        if (!Files.isRegularFile(list)) {
            return out;
        }
        for (String line : Files.readAllLines(list)) {
            String glob = line.strip();
            if (glob.isEmpty() || glob.startsWith("#")) {
                continue;
            }
            if (glob.endsWith("/")) {
                glob = glob.substring(0, glob.length() - 1);
            }
            out.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        }
        return out;
    }

    private static boolean matches(List<PathMatcher> ignored, Path relative) {
        return ignored.stream().anyMatch(m -> m.matches(relative));
    }
}
