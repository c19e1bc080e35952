package org.dmasim.interpreter.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.dmasim.interpreter.diag.SourceFile;

/** Where {@code import "path.dma"} finds its file: next to the importing script, then in {@code stdlib/lib/}. */
public final class Imports {
    /**
     * A found library.
     *
     * @param directory where its own imports resolve (null inside the standard library)
     * @param key identifies the file, so each library runs once
     */
    public record Located(SourceFile source, Path directory, Path key) {
    }

    private Imports() {
    }

    public static Optional<Located> locate(String path, Path directory) {
        return locate(path, directory, true);
    }

    /**
     * {@code files} false: only the standard library, by plain name (a sandboxed guest's
     * {@code dmasim.eval} reads no file of the host, not even to quote a syntax error from it).
     */
    public static Optional<Located> locate(String path, Path directory, boolean files) {
        if (!files) {
            boolean plain = !path.isEmpty() && path.chars().noneMatch(c -> c == '/' || c == '\\') && !path.startsWith(".");
            return plain ? stdlib(path) : Optional.empty();
        }
        Path local = (directory == null ? Path.of("") : directory).resolve(path);
        if (Files.isRegularFile(local)) {
            try {
                return Optional.of(new Located(new SourceFile(path, Files.readString(local)),
                        local.toAbsolutePath().getParent(), local.toAbsolutePath().normalize()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stdlib(path);
    }

    private static Optional<Located> stdlib(String path) {
        return Stdlib.read("lib/" + path).map(text -> new Located(new SourceFile("stdlib/lib/" + path, text), null,
                Path.of("/stdlib/lib").resolve(path)));
    }
}
