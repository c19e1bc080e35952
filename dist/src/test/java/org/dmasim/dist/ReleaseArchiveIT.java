package org.dmasim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as a user gets it: unpacked into an empty folder and run by bin/dmasim with a PATH that
 * holds a few shell tools and no Maven and no Java, so the launcher must find a JDK through JAVA_HOME or
 * /usr/lib/jvm. Then the polyglot add-on: missing, the run says how to install it; installed with the very
 * command it printed, the .js example runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseArchiveIT {
    /** What bin/dmasim may call besides bash builtins (in an unpacked release: no build, no Maven). */
    private static final List<String> TOOLS = List.of("bash", "env", "find", "mkdir", "mv", "rm", "readlink", "sed");
    private static final long MAX_BIN_SIZE = 10L * 1024 * 1024;

    private static final Path ROOT = Path.of(System.getProperty("dmasim.root", "..")).toAbsolutePath().normalize();
    private static final Path BIN = Path.of(System.getProperty("dmasim.archive.bin"));
    private static final Path POLYGLOT = Path.of(System.getProperty("dmasim.archive.polyglot"));

    @TempDir
    static Path dir;
    static Path home;
    static Path tools;

    @BeforeAll
    static void unpack() throws Exception {
        Path unpacked = Files.createDirectories(dir.resolve("opt"));
        run(unpacked, Map.of(), "/bin/tar", "-xzf", BIN.toString());
        try (Stream<Path> top = Files.list(unpacked)) {
            List<Path> folders = top.toList();
            assertEquals(1, folders.size(), "one top folder in " + BIN.getFileName() + ": " + folders);
            home = folders.get(0);
        }
        tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : TOOLS) {
            Path real = Stream.of("/usr/bin/", "/bin/").map(d -> Path.of(d + tool)).filter(Files::isExecutable)
                    .findFirst().orElseThrow(() -> new AssertionError("no " + tool + " on this machine"));
            Files.createSymbolicLink(tools.resolve(tool), real);
        }
    }

    @Test
    @Order(1)
    void theArchiveIsSmallAndHoldsNoGraalVm() throws IOException {
        assertTrue(Files.size(BIN) < MAX_BIN_SIZE, BIN.getFileName() + " is " + Files.size(BIN) + " bytes");
        List<String> jars;
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            jars = lib.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("dmasim-repl-")), jars.toString());
        assertTrue(jars.stream().noneMatch(j -> j.contains("polyglot") || j.contains("truffle")), jars.toString());
        assertTrue(Files.isExecutable(home.resolve("bin/dmasim")));
        for (String file : List.of("LICENSE", "README.md", "man/man1/dmasim.1", "man/man1/dmasim-run.1",
                "man/man1/dmasim-lsp.1", "docs/editors.md", "editor/vscode-dmasim/package.json",
                "editor/vscode-dmasim/syntaxes/dma.tmLanguage.json",
                "completion/dmasim.bash")) {
            assertTrue(Files.isRegularFile(home.resolve(file)), file);
        }
    }

    @Test
    @Order(2)
    void runsAnExampleWithTheJdkFromJavaHome() throws Exception {
        String javaHome = System.getProperty("java.home"); // the JDK >= 21 the build runs its tests on
        assertGolden("rx-missing-sync-arm64.dma", Map.of("JAVA_HOME", javaHome));
    }

    @Test
    @Order(3)
    void runsAnExampleWithAJdkFromUsrLibJvmPassingAnOldJavaOnPath() throws Exception {
        assumeTrue(jdkInUsrLibJvm(), "no JDK >= 21 in /usr/lib/jvm");
        Path old = Stream.of("/usr/bin/java", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        if (old != null && !Files.exists(tools.resolve("java"))) {
            Files.createSymbolicLink(tools.resolve("java"), old); // Java 17 here: the launcher must pass it by
        }
        assertGolden("tx-coherent-x86.dma", Map.of());
    }

    @Test
    @Order(4)
    void aJsScenarioWithoutTheAddOnSaysHowToInstallItThenRunsOnceItIs() throws Exception {
        Result missing = dmasim(Map.of("JAVA_HOME", System.getProperty("java.home")), "run", "rx-sync-arm64-js.js");
        assertEquals(2, missing.exit(), missing.transcript());
        String command = "tar -xzf " + POLYGLOT.getFileName() + " -C " + home + " --strip-components=1";
        assertTrue(missing.err().contains(command), missing.transcript());
        assertEquals(3, missing.err().lines().count(), "one message: " + missing.transcript());

        // exactly the printed command, from the folder the add-on was downloaded to
        String[] words = command.split(" ");
        run(POLYGLOT.getParent(), Map.of(), Stream.concat(Stream.of("/bin/tar"), Stream.of(words).skip(1))
                .toArray(String[]::new));
        assertTrue(Files.isDirectory(home.resolve("polyglot/graal-compiler")));
        assertGolden("rx-sync-arm64-js.js", Map.of("JAVA_HOME", System.getProperty("java.home")));
    }

    private static void assertGolden(String example, Map<String, String> env) throws Exception {
        Result r = dmasim(env, "run", example);
        String golden = Files.readString(ROOT.resolve("examples").resolve(example.replaceFirst("\\.\\w+$", ".out")));
        assertEquals(golden, r.transcript());
    }

    /** bin/dmasim run from the unpacked examples folder, as the golden files were made. */
    private static Result dmasim(Map<String, String> extraEnv, String... args) throws Exception {
        Path cache = Files.createDirectories(dir.resolve("home"));
        var env = new java.util.HashMap<>(Map.of("PATH", tools.toString(), "HOME", cache.toString(), "LANG", "C.UTF-8"));
        env.putAll(extraEnv);
        String[] command = Stream.concat(Stream.of(home.resolve("bin/dmasim").toString()), Stream.of(args))
                .toArray(String[]::new);
        return run(home.resolve("examples"), env, command);
    }

    record Result(int exit, String out, String err) {
        String transcript() {
            return out + err + "exit: " + exit + "\n";
        }
    }

    /** Runs a command with exactly {@code env} (nothing inherited) and waits for it. */
    private static Result run(Path cwd, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        int exit = p.waitFor();
        Result r = new Result(exit, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        if (!command[0].endsWith("dmasim")) {
            assertEquals(0, exit, String.join(" ", command) + "\n" + r.transcript());
        }
        return r;
    }

    private static boolean jdkInUsrLibJvm() throws IOException {
        Path jvm = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvm)) {
            return false;
        }
        try (Stream<Path> jdks = Files.list(jvm)) {
            return jdks.map(j -> j.resolve("release")).filter(Files::isRegularFile).anyMatch(ReleaseArchiveIT::atLeast21);
        }
    }

    private static boolean atLeast21(Path release) {
        try {
            return Files.readAllLines(release).stream().filter(l -> l.startsWith("JAVA_VERSION="))
                    .map(l -> l.replaceAll("[^0-9.]", "").split("\\.")[0])
                    .anyMatch(v -> !v.isEmpty() && Integer.parseInt(v) >= 21);
        } catch (IOException e) {
            return false;
        }
    }
}
