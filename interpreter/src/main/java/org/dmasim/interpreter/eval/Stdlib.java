package org.dmasim.interpreter.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** The standard library's files (module {@code stdlib}), read from the class path. */
public final class Stdlib {
    private static final String ROOT = "stdlib/";

    private Stdlib() {
    }

    /** The files read so far (they are resources of the class path: they never change). */
    private static final java.util.Map<String, Optional<String>> READ = new java.util.concurrent.ConcurrentHashMap<>();

    /** The text of {@code stdlib/<path>}, if there is such a file. */
    public static Optional<String> read(String path) {
        return READ.computeIfAbsent(path, Stdlib::readResource);
    }

    private static Optional<String> readResource(String path) {
        try (InputStream in = Stdlib.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names listed under {@code key} in {@code stdlib/index.properties} ({@code arch}, {@code devices}). */
    public static List<String> index(String key) {
        Properties p = new Properties();
        try (InputStream in = Stdlib.class.getClassLoader().getResourceAsStream(ROOT + "index.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String v = p.getProperty(key, "").trim();
        return v.isEmpty() ? List.of() : Arrays.stream(v.split("\\s*,\\s*")).toList();
    }
}
