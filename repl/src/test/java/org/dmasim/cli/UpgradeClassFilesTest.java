package org.dmasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The launcher's class-file upgrade (repl/src/aot/UpgradeClassFiles.java), run on this JDK as the launcher runs
 * it before recording an AOT cache: picocli's Java 5 classes come out as verified Java 8 classes.
 */
class UpgradeClassFilesTest {
    private static final Path SOURCE = Path.of(System.getProperty("dmasim.root", "..")).toAbsolutePath().normalize()
            .resolve("repl/src/aot/UpgradeClassFiles.java");

    @TempDir
    Path dir;

    @Test
    void picocliComesOutAsJava8ClassesThatLoadAndVerify() throws Exception {
        assumeTrue(Runtime.version().feature() >= 24, "the class-file API is final from JDK 24");
        Path picocli = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(majorVersions(picocli).stream().anyMatch(v -> v < 50), "picocli is no longer Java 5: drop the upgrade");
        Path out = dir.resolve("picocli.jar");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                SOURCE.toString(), picocli.toString(), out.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), output);

        List<Integer> versions = majorVersions(out);
        assertEquals(majorVersions(picocli).size(), versions.size());
        assertTrue(versions.stream().allMatch(v -> v >= 50), versions.toString());
        assertEquals(Files.getLastModifiedTime(picocli), Files.getLastModifiedTime(out), "dated as the jar it copies");

        // every class loaded, linked (so verified: the split verifier, from its stack map frames) and initialised
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
                JarFile jar = new JarFile(out.toFile())) {
            List<String> names = jar.stream().map(JarEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).toList();
            for (String name : names) {
                Class<?> c = Class.forName(name, true, loader);
                assertEquals(loader, c.getClassLoader(), name);
            }
            Class<?> commandLine = loader.loadClass("picocli.CommandLine");
            assertTrue(commandLine.getMethod("getCommandSpec") != null);
        }
    }

    private static List<Integer> majorVersions(Path jarPath) throws IOException {
        List<Integer> versions = new ArrayList<>();
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            for (JarEntry e : jar.stream().toList()) {
                if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")) {
                    try (InputStream in = jar.getInputStream(e); DataInputStream data = new DataInputStream(in)) {
                        data.readInt(); // magic
                        data.readUnsignedShort(); // minor
                        versions.add(data.readUnsignedShort());
                    }
                }
            }
        }
        return versions;
    }
}
