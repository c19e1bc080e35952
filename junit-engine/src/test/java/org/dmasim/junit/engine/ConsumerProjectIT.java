package org.dmasim.junit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A user's project made of README's pom and nothing else but scenarios, built by a nested
 * {@code mvn test} whose local repository (under target/) holds this build's artifacts, installed
 * there by the invoker plugin. Surefire must run every scenario through the engine: a report with
 * zero tests fails this test, as does a pom in README that no longer builds.
 */
class ConsumerProjectIT {
    private static final Pattern XML_BLOCK = Pattern.compile("```xml\\n(<\\?xml.*?</project>\\n)```", Pattern.DOTALL);

    @Test
    void readmesPomRunsTheScenariosThroughSurefire() throws Exception {
        Path root = Path.of(System.getProperty("dmasim.root"));
        Path project = Path.of(System.getProperty("consumer.directory"));
        String pom = readmePom(Files.readString(root.resolve("README.md")));
        recreate(project);
        Files.writeString(project.resolve("pom.xml"), pom);
        String passing = Files.readString(root.resolve("examples/rx-sync-arm64.dma"));
        write(project, "src/test/scenarios/rx-sync-arm64.dma", passing);
        write(project, "src/test/scenarios/net/rx-again.dma", passing);
        write(project, "src/test/scenarios/rx-stale.dma", passing.replace("!= 0x00", "== 0x00"));
        write(project, "src/test/scenarios/sweep.js", "throw new Error('must never pass')");
        Path settings = project.resolve("settings.xml");
        Files.writeString(settings, settings(Path.of(System.getProperty("outer.repository"))));

        Path log = project.resolve("build.log");
        ProcessBuilder build = new ProcessBuilder(mvn(), "-B", "-s", settings.toString(),
                "-Dmaven.repo.local=" + System.getProperty("consumer.repository"), "test")
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        // README asks for Maven on JDK 21 or newer: the JDK this test runs on
        build.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process mvn = build.start();
        assertTrue(mvn.waitFor(10, TimeUnit.MINUTES), "the nested build did not finish in 10 minutes");
        String output = Files.readString(log);
        assertNotEquals(0, mvn.exitValue(), "one scenario fails, so the build must:\n" + output);
        assertTrue(output.contains("Tests run: 4, Failures: 1, Errors: 0, Skipped: 1"), output);

        Element suite = surefireReport(project);
        assertEquals("4", suite.getAttribute("tests"), "every scenario is a test; 'Tests run: 0' is the bug this catches");
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("1", suite.getAttribute("skipped"));
        List<String> names = new ArrayList<>();
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            names.add(((Element) cases.item(i)).getAttribute("name"));
        }
        assertEquals(List.of("net/rx-again.dma", "rx-stale.dma", "rx-sync-arm64.dma", "sweep.js"),
                names.stream().sorted().toList());
        Element failure = (Element) suite.getElementsByTagName("failure").item(0);
        assertTrue(failure.getAttribute("message").contains("expectation failed"), failure.getAttribute("message"));
    }

    /** The one complete pom in README, exactly as shown. */
    static String readmePom(String readme) {
        Matcher m = XML_BLOCK.matcher(readme);
        List<String> poms = new ArrayList<>();
        while (m.find()) {
            poms.add(m.group(1));
        }
        assertEquals(1, poms.size(), "README shows one complete pom (a ```xml block from <?xml to </project>)");
        return poms.get(0);
    }

    /**
     * Plugins and third-party jars may come from the outer build's local repository (read as a
     * remote one, releases only, so no stale dmasim snapshot can leak in) before Maven Central.
     */
    private static String settings(Path outer) {
        String url = outer.toUri().toString();
        // a local repository keeps no checksums for everything: it is a cache the outer build checked
        String policy = "<releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots>";
        return """
                <settings>
                  <profiles>
                    <profile>
                      <id>outer</id>
                      <repositories>
                        <repository><id>outer</id><url>%1$s</url>%2$s</repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository><id>outer</id><url>%1$s</url>%2$s</pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>outer</activeProfile></activeProfiles>
                </settings>
                """.formatted(url, policy);
    }

    private static String mvn() {
        String home = System.getProperty("maven.home");
        Path bin = home == null ? Path.of("mvn") : Path.of(home, "bin", "mvn");
        return bin.toString();
    }

    private static Element surefireReport(Path project) throws Exception {
        Path reports = project.resolve("target/surefire-reports");
        List<Path> files;
        try (Stream<Path> s = Files.list(reports)) {
            files = s.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).toList();
        }
        assertEquals(1, files.size(), files.toString());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Document doc = f.newDocumentBuilder().parse(files.get(0).toFile());
        return doc.getDocumentElement();
    }

    private static void recreate(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
    }

    private static void write(Path project, String name, String text) throws IOException {
        Path file = project.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
