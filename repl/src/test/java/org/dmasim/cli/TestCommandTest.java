package org.dmasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TestCommandTest {
    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void allPassingExitsZeroAndPrintsTheTable() throws IOException {
        write("a.dma", Scenarios.PASSING);
        write("nested/b.dma", Scenarios.PASSING);
        write("target/ignored.dma", Scenarios.TYPO);
        write(".hidden/ignored.dma", Scenarios.TYPO);
        MainTest.Result r = MainTest.run("test", dir.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("scenario\\s+result\\s+time\\s+reports"), lines.get(0));
        // rows come in as scenarios finish, which with several at once is any order
        List<String> rows = lines.subList(1, 3).stream().sorted().toList();
        assertTrue(rows.get(0).matches("a\\.dma\\s+pass\\s+\\d+ ms\\s+none"), rows.get(0));
        assertTrue(rows.get(1).matches("nested/b\\.dma\\s+pass\\s+\\d+ ms\\s+none"), rows.get(1));
        assertTrue(r.out().contains("2 scenarios: 2 passed, 0 failed, 0 with errors, 0 skipped in "), r.out());
        assertEquals("", r.err());
    }

    @Test
    void aFailureOrAnErrorExitsOneAndShowsItsOutput() throws IOException {
        write("ok.dma", Scenarios.PASSING);
        write("stale.dma", Scenarios.STALE);
        write("typo.dma", Scenarios.TYPO);
        MainTest.Result r = MainTest.run("test", dir.toString(), "-j", "2");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("stale\\.dma\\s+FAIL\\s+\\d+ ms\\s+1 error, 1 warning")),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("typo\\.dma\\s+ERROR\\s+\\d+ ms\\s+error in the script")),
                r.out());
        assertTrue(r.out().contains("--- stale.dma (FAIL, exit 1)"), r.out());
        assertTrue(r.out().contains("error[STALE_READ]"), r.out());
        assertTrue(r.out().contains("unknown name 'dma_map_singel'"), r.out());
        assertTrue(r.out().contains("3 scenarios: 1 passed, 1 failed, 1 with errors, 0 skipped"), r.out());
    }

    @Test
    void polyglotScenariosAreSkippedNeverPassed() throws IOException {
        write("a.dma", Scenarios.PASSING);
        write("b.js", "throw new Error('x')");
        write("c.py", "raise Exception('x')");
        MainTest.Result r = MainTest.run("test", dir.toString());
        // With the polyglot module on the class path these run (and fail); without it they are skipped.
        boolean polyglot = r.out().lines().anyMatch(l -> l.startsWith("b.js") && !l.contains("skipped"));
        if (!polyglot) {
            assertEquals(0, r.exit(), r.out());
            assertTrue(r.out().lines().anyMatch(l -> l.matches("b\\.js\\s+skipped\\s+-\\s+polyglot not available")),
                    r.out());
            assertTrue(r.out().contains("3 scenarios: 1 passed, 0 failed, 0 with errors, 2 skipped"), r.out());
        } else {
            assertEquals(1, r.exit(), r.out());
        }
    }

    @Test
    void ignoreFileSkipsGlobs() throws IOException {
        write("a.dma", Scenarios.PASSING);
        write("negative/bad.dma", Scenarios.TYPO);
        write("scratch-1.dma", Scenarios.TYPO);
        write(".dmasimignore", "# meant to fail\nnegative/\nscratch-*.dma\n");
        MainTest.Result r = MainTest.run("test", dir.toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("1 scenario: 1 passed"), r.out());
    }

    @Test
    void missingOrEmptyFolderIsAUsageError() throws IOException {
        MainTest.Result missing = MainTest.run("test", dir.resolve("nope").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no such directory"), missing.err());
        MainTest.Result empty = MainTest.run("test", dir.toString());
        assertEquals(2, empty.exit());
        assertTrue(empty.err().contains("no scenarios"), empty.err());
    }

    @Test
    void junitXmlIsValidAndCountsEveryOutcome() throws Exception {
        write("ok.dma", Scenarios.PASSING);
        write("stale.dma", Scenarios.STALE);
        write("typo.dma", Scenarios.TYPO);
        write("skip.py", "print('x')");
        Path xml = dir.resolve("reports/TEST-dmasim.xml");
        // A generous timeout: the Python scenario's context start alone can take 30 s on a loaded
        // 2-core machine, and a timeout would count as a second error.
        MainTest.Result r = MainTest.run("test", dir.toString(), "--junit", xml.toString(), "--timeout", "10m");
        assertTrue(r.out().contains("JUnit XML written to " + xml), r.out());

        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Document doc = f.newDocumentBuilder().parse(xml.toFile());
        Element suite = doc.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("4", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("1", suite.getAttribute("errors"));
        boolean polyglot = !r.out().contains("polyglot not available");
        assertEquals(polyglot ? "0" : "1", suite.getAttribute("skipped"));
        assertTrue(Double.parseDouble(suite.getAttribute("time")) >= 0);

        NodeList cases = suite.getElementsByTagName("testcase");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            names.add(c.getAttribute("name"));
            Double.parseDouble(c.getAttribute("time"));
        }
        // the platform's XML listener does not keep the run's order
        assertEquals(List.of("ok.dma", "skip.py", "stale.dma", "typo.dma"), names.stream().sorted().toList());
        Element failure = (Element) suite.getElementsByTagName("failure").item(0);
        assertTrue(failure.getTextContent().contains("error[STALE_READ]"), failure.getTextContent());
        Element error = (Element) suite.getElementsByTagName("error").item(0);
        assertTrue(error.getTextContent().contains("dma_map_singel"), error.getTextContent());
    }

    private static final java.util.regex.Pattern ROW = java.util.regex.Pattern.compile("(\\S+)\\s+(pass|FAIL|ERROR|skipped)\\s.*");

    /** The scenario names of the table rows, in the order printed. */
    private static List<String> rows(String out) {
        return out.lines().map(ROW::matcher).filter(java.util.regex.Matcher::matches).map(m -> m.group(1)).toList();
    }

    @Test
    void rowsStreamAsScenariosFinish() throws IOException {
        write("a.dma", Scenarios.PASSING);
        write("b.dma", Scenarios.STALE);
        write("c.dma", Scenarios.PASSING);
        StringWriter out = new StringWriter();
        List<String> seenAtStart = new java.util.ArrayList<>();
        org.junit.platform.launcher.TestExecutionListener watcher = new org.junit.platform.launcher.TestExecutionListener() {
            @Override
            public void executionStarted(org.junit.platform.launcher.TestIdentifier id) {
                if (id.isTest()) {
                    seenAtStart.add(id.getDisplayName() + " after " + rows(out.toString()));
                }
            }
        };
        int exit = new CommandLine(new TestCommand(List.of(watcher), false)).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(new StringWriter())).execute(dir.toString(), "-j", "1");
        assertEquals(1, exit, out.toString());
        // one at a time: when a scenario starts, the row of every one before it is already out
        assertEquals(List.of("a.dma after []", "b.dma after [a.dma]", "c.dma after [a.dma, b.dma]"), seenAtStart);
    }

    @Test
    void onATerminalRowsCountUp() throws IOException {
        write("a.dma", Scenarios.PASSING);
        write("b.dma", Scenarios.PASSING);
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new TestCommand(List.of(), true)).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(new StringWriter())).execute(dir.toString(), "-j", "1");
        assertEquals(0, exit, out.toString());
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(0).matches(" {6}scenario\\s+result\\s+time\\s+reports"), lines.get(0));
        assertTrue(lines.get(1).matches("\\[1/2\\] a\\.dma\\s+pass\\s+\\d+ ms\\s+none"), lines.get(1));
        assertTrue(lines.get(2).matches("\\[2/2\\] b\\.dma\\s+pass\\s+\\d+ ms\\s+none"), lines.get(2));
    }

    @Test
    void filterKeepsMatchingScenariosByNameOrPath() throws IOException {
        write("rx-a.dma", Scenarios.PASSING);
        write("tx-b.dma", Scenarios.TYPO);
        write("net/rx-c.dma", Scenarios.PASSING);
        MainTest.Result byName = MainTest.run("test", dir.toString(), "--filter", "rx-*");
        assertEquals(0, byName.exit(), byName.out());
        assertEquals(List.of("net/rx-c.dma", "rx-a.dma"), rows(byName.out()).stream().sorted().toList());
        MainTest.Result byPath = MainTest.run("test", dir.toString(), "--filter", "net/*");
        assertEquals(List.of("net/rx-c.dma"), rows(byPath.out()));
        MainTest.Result none = MainTest.run("test", dir.toString(), "--filter", "nothing*");
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("match --filter nothing*"), none.err());
    }

    @Test
    void listPrintsWhatWouldRunAndRunsNothing() throws IOException {
        write("a.dma", Scenarios.TYPO);
        write("net/b.dma", Scenarios.TYPO);
        write("c.js", "throw new Error('x')");
        MainTest.Result r = MainTest.run("test", dir.toString(), "--list");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals("a.dma\nc.js\nnet/b.dma\n", r.out());
        assertEquals("net/b.dma\n", MainTest.run("test", dir.toString(), "--list", "--filter", "net/**").out());
    }

    @Test
    void shardsTogetherRunEveryScenarioExactlyOnce() throws IOException {
        for (String name : List.of("a", "b", "c", "d", "e")) {
            write(name + ".dma", Scenarios.PASSING);
        }
        MainTest.Result first = MainTest.run("test", dir.toString(), "--shard", "1/2");
        MainTest.Result second = MainTest.run("test", dir.toString(), "--shard", "2/2");
        assertEquals(0, first.exit(), first.out());
        assertEquals(0, second.exit(), second.out());
        List<String> all = new java.util.ArrayList<>(rows(first.out()));
        all.addAll(rows(second.out()));
        assertEquals(List.of("a.dma", "b.dma", "c.dma", "d.dma", "e.dma"), all.stream().sorted().toList());
        assertEquals(3, rows(first.out()).size());
        MainTest.Result empty = MainTest.run("test", dir.toString(), "--shard", "7/9");
        assertEquals(0, empty.exit(), "an empty shard is no error: " + empty.err());
        assertTrue(empty.out().contains("0 scenarios: 0 passed"), empty.out());
        MainTest.Result bad = MainTest.run("test", dir.toString(), "--shard", "3/2");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("1 <= I <= N"), bad.err());
    }

    @Test
    void failFastSkipsWhatHadNotStarted() throws IOException {
        write("a.dma", Scenarios.STALE);
        write("b.dma", Scenarios.PASSING);
        write("c.dma", Scenarios.PASSING);
        MainTest.Result r = MainTest.run("test", dir.toString(), "--fail-fast", "-j", "1");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("b\\.dma\\s+skipped\\s+-\\s+not run: an earlier scenario failed.*")),
                r.out());
        assertTrue(r.out().contains("3 scenarios: 0 passed, 1 failed, 0 with errors, 2 skipped"), r.out());
        MainTest.Result all = MainTest.run("test", dir.toString(), "-j", "1");
        assertTrue(all.out().contains("3 scenarios: 2 passed, 1 failed"), all.out());
    }
}
