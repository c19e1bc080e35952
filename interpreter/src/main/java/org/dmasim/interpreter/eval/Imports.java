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
        Path local = (directory == null ? Path.of("") : directory).resolve(path);
        if (Files.isRegularFile(local)) {
            try {
                return Optional.of(new Located(new SourceFile(path, Files.readString(local)),
                        local.toAbsolutePath().getParent(), local.toAbsolutePath().normalize()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Stdlib.read("lib/" + path).map(text -> new Located(new SourceFile("stdlib/lib/" + path, text), null,
                Path.of("/stdlib/lib").resolve(path)));
    }
}
