package org.dmasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code dmasim} launcher script in a made-up checkout and release, with made-up JDKs (a release file and a
 * bin/java that logs its arguments) and a made-up {@code mvn}: what it rebuilds, which JDK it picks, and when it
 * drops its start-up cache.
 */
class LauncherTest {
    private static final Path BASH = Path.of("/bin/bash");
    private static final Path LAUNCHER =
            Path.of(System.getProperty("dmasim.root", "..")).toAbsolutePath().normalize().resolve("dmasim");

    @TempDir
    Path dir;
    Path checkout;
    Path jar;
    Path source;
    Path aot;
    Path jdk25;
    Path tools;
    Path log;

    @BeforeEach
    void checkoutJdksAndTools() throws IOException {
        assumeTrue(Files.isExecutable(BASH) && Files.isRegularFile(LAUNCHER), "no bash or no launcher");
        checkout = dir.resolve("checkout");
        copyLauncher(checkout);
        Files.writeString(checkout.resolve("pom.xml"), "<project/>");
        Files.writeString(Files.createDirectories(checkout.resolve("repl")).resolve("pom.xml"), "<project/>");
        source = Files.createDirectories(checkout.resolve("engine/src/main/java")).resolve("A.java");
        Files.writeString(source, "class A {}");
        Files.writeString(checkout.resolve("engine/pom.xml"), "<project/>");
        Path target = Files.createDirectories(checkout.resolve("repl/target/lib"));
        jar = target.getParent().resolve("dmasim.jar");
        Files.writeString(target.resolve("dep-1.0.jar"), "jar");
        Files.writeString(jar, "jar");
        aot = checkout.resolve("repl/target/dmasim.aot");
        age(source, 3600);
        age(checkout.resolve("pom.xml"), 3600);
        age(checkout.resolve("engine/pom.xml"), 3600);
        age(checkout.resolve("repl/pom.xml"), 3600);
        age(checkout.resolve("engine/src/main"), 3600);
        age(checkout.resolve("engine/src/main/java"), 3600);

        log = dir.resolve("log.txt");
        jdk25 = jdk("jdk25", "25.0.1");
        tools = Files.createDirectories(dir.resolve("tools"));
        executable(tools.resolve("mvn"), """
                #!/bin/sh
                echo "mvn $*" >> "$DMASIM_TEST_LOG"
                mkdir -p repl/target/lib && echo jar > repl/target/dmasim.jar
                """);
    }

    @Test
    void anUpToDateCheckoutRunsTheJarWithoutBuildingFromAnyDirectory() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        List<String> runs = launch(elsewhere, Map.of("JAVA_HOME", jdk25.toString()), "--version");
        assertEquals(1, runs.size(), runs.toString());
        String run = runs.get(0);
        assertTrue(run.startsWith("jdk25 cwd=" + elsewhere.toRealPath() + " "), run);
        assertTrue(run.contains(jar.toRealPath() + ":"), run);
        assertTrue(run.endsWith("org.dmasim.cli.Main --version"), run);
    }

    @Test
    void aLauncherReachedThroughASymlinkFindsItsCheckout() throws Exception {
        Path link = Files.createSymbolicLink(tools.resolve("dmasim"), checkout.resolve("dmasim"));
        String run = runOf(launch(dir, link, Map.of("JAVA_HOME", jdk25.toString()), "--version"));
        assertTrue(run.startsWith("jdk25 cwd=" + dir.toRealPath() + " "), run);
        assertTrue(run.contains(jar.toRealPath() + ":"), run);
    }

    @Test
    void aSourceOrPomNewerThanTheJarRebuildsItFirst() throws Exception {
        age(jar, 60);
        Files.writeString(source, "class A { int x; }");
        List<String> lines = launch(dir, Map.of("JAVA_HOME", jdk25.toString()), "--version");
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("mvn ") && lines.get(0).contains("-pl repl -am package"), lines.toString());
        assertTrue(lines.get(1).startsWith("jdk25 "), lines.toString());

        assertEquals(List.of("jdk25"), names(launch(dir, Map.of("JAVA_HOME", jdk25.toString()), "--version")),
                "built once, not again");
        Files.writeString(checkout.resolve("engine/pom.xml"), "<project><!-- changed --></project>");
        assertEquals(List.of("mvn", "jdk25"), names(launch(dir, Map.of("JAVA_HOME", jdk25.toString()), "--version")));
    }

    @Test
    void aMissingJarIsBuilt() throws Exception {
        Files.delete(jar);
        assertEquals(List.of("mvn", "jdk25"), names(launch(dir, Map.of("JAVA_HOME", jdk25.toString()), "--version")));
        assertTrue(Files.isRegularFile(jar));
    }

    @Test
    void theFirstRunRecordsTheAotCacheAndLaterStartsUseIt() throws Exception {
        Map<String, String> env = Map.of("JAVA_HOME", jdk25.toString());
        List<String> first = launch(dir, env, "run", "x.dma");
        assertEquals(2, first.size(), first.toString());
        assertTrue(first.get(0).contains("-XX:AOTMode=record"), first.toString());
        assertTrue(first.get(1).contains("-XX:AOTMode=create"), first.toString());
        assertTrue(Files.isRegularFile(aot));

        String later = runOf(launch(dir, env, "run", "x.dma"));
        assertTrue(later.contains("-XX:AOTCache=" + aot.toRealPath() + " "), later);
    }

    @Test
    void aJarChangedAfterTheAotCacheDropsItAndTheNextRunRecordsAgain() throws Exception {
        Files.writeString(aot, "cache");
        changeAfter(jar, aot);
        String run = launch(dir, Map.of("JAVA_HOME", jdk25.toString()), "run", "x.dma").get(0);
        assertTrue(run.contains("-XX:AOTMode=record"), run);
        assertFalse(run.contains("-XX:AOTCache=" + aot.toRealPath()), run);
    }

    @Test
    void aJdkChangedAfterTheAotCacheDropsIt() throws Exception {
        Files.writeString(aot, "cache");
        assertTrue(runOf(launch(dir, Map.of("JAVA_HOME", jdk25.toString()), "--version")).contains("-XX:AOTCache="));
        changeAfter(jdk25.resolve("lib/modules"), aot);
        String run = runOf(launch(dir, Map.of("JAVA_HOME", jdk25.toString()), "--version"));
        assertFalse(run.contains("-XX:AOTCache="), run);
        assertFalse(Files.exists(aot));
    }

    @Test
    void aJavaOnPathIsFollowedThroughItsSymlinksAndFollowedAgainWhenRepointed() throws Exception {
        Path jdk21 = jdk("jdk21", "21.0.4");
        Path alternative = Files.createSymbolicLink(dir.resolve("alternative"), jdk25.resolve("bin/java"));
        Files.createSymbolicLink(tools.resolve("java"), alternative);
        Map<String, String> noJavaHome = Map.of();
        String on25 = launch(dir, noJavaHome, "run", "x.dma").get(0);
        assertTrue(on25.startsWith("jdk25 ") && on25.contains("-XX:AOTMode=record"), on25);
        assertEquals(tools.resolve("java") + "\n" + jdk25.resolve("bin/java") + "\n",
                Files.readString(checkout.resolve("repl/target/java-link")));

        Files.delete(alternative);
        Files.createSymbolicLink(alternative, jdk21.resolve("bin/java"));
        String on21 = runOf(launch(dir, noJavaHome, "run", "x.dma"));
        assertTrue(on21.startsWith("jdk21 "), on21);
        assertTrue(on21.contains("-XX:SharedArchiveFile=") && !on21.contains("-XX:AOT"), "a JDK 21 gets CDS: " + on21);
    }

    @Test
    void theRememberedJavaIsTrustedWhileItIsTheSameFile() throws Exception {
        // a hard link: the same file as jdk25's java, in a JDK whose release file says 21
        Path twin = Files.createDirectories(dir.resolve("twin/bin"));
        Files.createLink(twin.resolve("java"), jdk25.resolve("bin/java"));
        Files.writeString(dir.resolve("twin/release"), "JAVA_VERSION=\"21.0.4\"\n");
        Files.createSymbolicLink(tools.resolve("java"), jdk25.resolve("bin/java"));
        Files.writeString(checkout.resolve("repl/target/java-link"), tools.resolve("java") + "\n" + twin.resolve("java") + "\n");
        String run = runOf(launch(dir, Map.of(), "run", "x.dma"));
        assertTrue(run.contains("-XX:SharedArchiveFile=") && !run.contains("-XX:AOT"), "read twin/release: " + run);
    }

    @Test
    void aReleaseBuildsNothingAndDropsItsCacheWhenItsJarsChange() throws Exception {
        copyLauncher(dir.resolve("opt/dmasim-1.0/bin"));
        Path home = dir.resolve("opt/dmasim-1.0").toRealPath();
        Path libJar = Files.createDirectories(home.resolve("lib")).resolve("dmasim-repl-1.0.jar");
        Files.writeString(libJar, "jar");
        Path userHome = Files.createDirectories(dir.resolve("home"));
        Map<String, String> env = Map.of("JAVA_HOME", jdk25.toString(), "HOME", userHome.toString());
        Path launcher = home.resolve("bin/dmasim");

        List<String> first = launch(dir, launcher, env, "run", "x.dma");
        assertTrue(first.get(0).contains("-XX:AOTMode=record") && first.get(0).contains("-Ddmasim.home=" + home), first.toString());
        Path cache = userHome.resolve(".cache/dmasim/aot/" + home.toString().replace('/', '_') + ".aot");
        assertTrue(Files.isRegularFile(cache), cache.toString());
        assertTrue(runOf(launch(dir, launcher, env, "run", "x.dma")).contains("-XX:AOTCache=" + cache));

        changeAfter(libJar, cache);
        String afterUpgrade = launch(dir, launcher, env, "run", "x.dma").get(0);
        assertTrue(afterUpgrade.contains("-XX:AOTMode=record"), afterUpgrade);
        assertFalse(String.join("\n", Files.readAllLines(log)).contains("mvn"), "a release builds nothing");
    }

    @Test
    void theAotTrainingRunsOnPicocliUpgradedAndLaterStartsKeepIt() throws Exception {
        Path picocli = picocliAndUpgrader();
        Path modern = checkout.resolve("repl/target/dmasim.picocli.jar");
        Map<String, String> env = Map.of("JAVA_HOME", jdk25.toString());
        List<String> first = launch(dir, env, "run", "x.dma");
        assertEquals(3, first.size(), first.toString());
        assertTrue(first.get(0).contains("UpgradeClassFiles.java " + picocli.toRealPath() + " "), first.toString());
        assertTrue(Files.isRegularFile(modern));
        for (String jvm : first.subList(1, 3)) {
            assertTrue(jvm.contains(" -cp " + modern.toRealPath() + ":"), jvm);
        }
        String later = runOf(launch(dir, env, "run", "x.dma"));
        assertTrue(later.contains("-XX:AOTCache=") && later.contains(" -cp " + modern.toRealPath() + ":"), later);

        changeAfter(jar, aot);
        List<String> retrained = launch(dir, env, "run", "x.dma");
        assertTrue(retrained.get(0).contains("UpgradeClassFiles.java"), "a dropped cache takes its copy along: " + retrained);
    }

    /**
     * A training run that ends in a script error (exit 2) makes no cache, so the next run trains
     * again; it keeps the upgraded copy of picocli instead of making it anew (seconds a run).
     */
    @Test
    void aTrainingRunEndingInAScriptErrorKeepsTheUpgradedCopy() throws Exception {
        picocliAndUpgrader();
        Path modern = checkout.resolve("repl/target/dmasim.picocli.jar");
        Map<String, String> failing = Map.of("JAVA_HOME", jdk25.toString(), "DMASIM_TEST_RUN_EXIT", "2");
        List<String> first = launch(dir, failing, "run", "x.dma");
        assertEquals(2, first.size(), "the upgrade and the recorded run, no cache made: " + first);
        assertTrue(Files.isRegularFile(modern));
        assertFalse(Files.exists(aot));
        List<String> second = launch(dir, failing, "run", "x.dma");
        assertEquals(1, second.size(), "only the recorded run: " + second);
        assertTrue(second.get(0).contains("-XX:AOTMode=record") && second.get(0).contains(" -cp " + modern.toRealPath() + ":"),
                second.toString());
    }

    @Test
    void aFailedUpgradeTrainsOnPicocliAsItIs() throws Exception {
        Path picocli = picocliAndUpgrader();
        Map<String, String> env = Map.of("JAVA_HOME", jdk25.toString(), "DMASIM_TEST_UPGRADE_FAILS", "1");
        List<String> first = launch(dir, env, "run", "x.dma");
        assertEquals(3, first.size(), first.toString());
        assertTrue(first.get(1).contains(" -cp " + picocli.toRealPath() + ":"), first.toString());
        assertFalse(Files.exists(checkout.resolve("repl/target/dmasim.picocli.jar")));
        String later = runOf(launch(dir, Map.of("JAVA_HOME", jdk25.toString()), "run", "x.dma"));
        assertTrue(later.contains("-XX:AOTCache=") && later.contains(" -cp " + picocli.toRealPath() + ":"),
                "the cache made with the jar as it is keeps it: " + later);
    }

    @Test
    void withoutAnAotCacheNothingIsUpgraded() throws Exception {
        Path picocli = picocliAndUpgrader();
        Path jdk21 = jdk("jdk21", "21.0.4");
        String run = runOf(launch(dir, Map.of("JAVA_HOME", jdk21.toString()), "run", "x.dma"));
        assertTrue(run.contains(" -cp " + picocli.toRealPath() + ":"), run);
    }

    private Path picocliAndUpgrader() throws IOException {
        Path picocli = checkout.resolve("repl/target/lib/picocli-4.7.7.jar");
        Files.writeString(picocli, "picocli");
        Files.writeString(Files.createDirectories(checkout.resolve("repl/src/aot")).resolve("UpgradeClassFiles.java"), "");
        return picocli;
    }

    private void copyLauncher(Path folder) throws IOException {
        Files.createDirectories(folder);
        executable(folder.resolve("dmasim"), Files.readString(LAUNCHER));
    }

    /** A made-up JDK: a release file and a bin/java that logs "name cwd=... args" and writes the AOT files asked for. */
    private Path jdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Files.writeString(Files.createDirectories(home.resolve("lib")).resolve("modules"), "modules");
        age(home.resolve("lib/modules"), 7200);
        executable(Files.createDirectories(home.resolve("bin")).resolve("java"), """
                #!/bin/sh
                echo "%s cwd=$(pwd) $*" >> "$DMASIM_TEST_LOG"
                case $1 in
                  *UpgradeClassFiles.java) [ -z "$DMASIM_TEST_UPGRADE_FAILS" ] && cp "$2" "$3"; exit $? ;;
                esac
                for a in "$@"; do
                  case $a in
                    -XX:AOTMode=*) mode=${a#*=} ;;
                    -XX:AOTConfiguration=*) conf=${a#*=} ;;
                    -XX:AOTCache=*) cache=${a#*=} ;;
                  esac
                done
                if [ "$mode" = record ]; then echo conf > "$conf"; exit ${DMASIM_TEST_RUN_EXIT:-0}; fi
                if [ "$mode" = create ]; then echo cache > "$cache"; fi
                exit 0
                """.formatted(name));
        return home;
    }

    /** Runs ./dmasim of the checkout from {@code cwd}: the log's lines this start added. */
    private List<String> launch(Path cwd, Map<String, String> env, String... args) throws Exception {
        return launch(cwd, checkout.resolve("dmasim"), env, args);
    }

    private List<String> launch(Path cwd, Path launcher, Map<String, String> env, String... args) throws Exception {
        int before = Files.exists(log) ? Files.readAllLines(log).size() : 0;
        ProcessBuilder pb = new ProcessBuilder(concat(launcher.toString(), args)).directory(cwd.toFile())
                .redirectErrorStream(true);
        Map<String, String> environment = new HashMap<>(env);
        environment.put("PATH", tools + ":/usr/bin:/bin");
        environment.put("DMASIM_TEST_LOG", log.toString());
        environment.putIfAbsent("HOME", dir.toString());
        pb.environment().clear();
        pb.environment().putAll(environment);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not end");
        // the fake JVM's recorded (training) run exits with DMASIM_TEST_RUN_EXIT, every other start 0
        assertEquals(Integer.parseInt(env.getOrDefault("DMASIM_TEST_RUN_EXIT", "0")), p.exitValue(), out);
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return lines.subList(before, lines.size());
    }

    /** The one JVM start of a launch that is not a build. */
    private static String runOf(List<String> lines) {
        List<String> runs = lines.stream().filter(l -> !l.startsWith("mvn ")).toList();
        assertEquals(1, runs.size(), lines.toString());
        return runs.get(0);
    }

    private static List<String> names(List<String> lines) {
        return lines.stream().map(l -> l.substring(0, l.indexOf(' '))).toList();
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void age(Path file, long seconds) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(seconds)));
    }

    /**
     * Rewrites {@code file} until its change time is after {@code reference}'s: change times come from a coarse
     * clock (a few milliseconds), so a write right after another can carry the same time.
     */
    private static void changeAfter(Path file, Path reference) throws Exception {
        FileTime ref = (FileTime) Files.getAttribute(reference, "unix:ctime");
        for (int i = 0; i < 1000; i++) {
            Files.writeString(file, "changed " + i);
            if (((FileTime) Files.getAttribute(file, "unix:ctime")).compareTo(ref) > 0) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the change time of " + file + " stayed at " + ref);
    }
}
