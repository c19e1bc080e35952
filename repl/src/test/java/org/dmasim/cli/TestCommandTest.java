package org.dmasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
        assertTrue(lines.get(1).matches("a\\.dma\\s+pass\\s+\\d+ ms\\s+none"), lines.get(1));
        assertTrue(lines.get(2).matches("nested/b\\.dma\\s+pass\\s+\\d+ ms\\s+none"), lines.get(2));
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
        MainTest.Result r = MainTest.run("test", dir.toString(), "--junit", xml.toString());
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
        assertEquals(List.of("ok.dma", "skip.py", "stale.dma", "typo.dma"), names);
        Element failure = (Element) suite.getElementsByTagName("failure").item(0);
        assertTrue(failure.getTextContent().contains("error[STALE_READ]"), failure.getTextContent());
        Element error = (Element) suite.getElementsByTagName("error").item(0);
        assertTrue(error.getTextContent().contains("dma_map_singel"), error.getTextContent());
    }
}
