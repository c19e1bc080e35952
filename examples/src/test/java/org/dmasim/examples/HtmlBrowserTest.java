package org.dmasim.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dmasim run EXAMPLE --html OUT.html} for every example, loaded in a real headless Chromium
 * (Debian's {@code chromium} package, which {@code .ci/run} installs where it is missing): each
 * page loads with no uncaught exception, no console error and no request beyond its own file, and
 * shows what it should (every source line, a swimlane per buffer with its cells, a block per
 * statement, the reports, the witness arrows of stale reads whose witness names a statement, and
 * with device jobs an execution selector whose choice shows that execution's lanes), and clicking
 * a statement marks it.
 * {@code dmasim test DIR --html OUT/} writes a page per scenario and an index linking them. One
 * browser and one tab serve every page. Without a browser the browser checks are skipped and say why.
 */
class HtmlBrowserTest {
    private static final Path OUT = Path.of("target", "html-pages");

    /** What the checks read from a page, as JSON. */
    private static final String LOOK = """
            (() => {
              const n = s => document.querySelectorAll(s).length;
              const svg = document.querySelector('svg.lanes');
              const first = document.querySelector('#source .stmt');
              if (first) { first.dispatchEvent(new MouseEvent('click', {bubbles: true})); }
              const select = document.getElementById('execution');
              let switched = '';
              if (select) {
                select.value = select.options[select.options.length - 1].value;
                select.dispatchEvent(new Event('change'));
                switched = [...document.querySelectorAll('svg.jobs')].filter(s => s.style.display !== 'none')
                    .map(s => s.dataset.execution).join(',') + '=' + select.value;
              }
              const jobs = document.querySelector('svg.jobs');
              return {ready: document.body.dataset.ready || '', lines: n('#source .line'), stmts: n('#source .stmt'),
                buffers: n('section.buffer'), lanes: n('svg.lanes'), cells: n('svg.lanes rect.cell'),
                steps: n('#steps .step'), reports: n('#steps .rep'), markers: n('svg.lanes .report'),
                arrows: n('svg.lanes path.witness'), stale: n('#steps li.stale'),
                staleFromStatements: [...document.querySelectorAll('#steps li.stale .witness')].filter(w => {
                  const m = /at (\\d+):\\d+/.exec(w.textContent);
                  return m && document.querySelector('#L' + m[1] + '.stmt');
                }).length,
                width: svg ? svg.getBoundingClientRect().width : 0,
                executions: n('#execution option'), jobLanes: jobs ? jobs.querySelectorAll('text').length : 0,
                jobSteps: n('svg.jobs rect.jobstep'), switched: switched,
                marked: n('#steps .step.hl') + '/' + n('#source .line.hl')};
            })()""";

    /** The browser all tests share, or null; why there is none. */
    private static Chromium chromium;
    private static String noBrowser;

    @BeforeAll
    static void startChromium() throws InterruptedException {
        Optional<Path> browser = Chromium.find();
        if (browser.isEmpty()) {
            noBrowser = "no Chromium on this machine (Debian: apt-get install chromium, as .ci/run does; or set"
                    + " CHROMIUM=/path/to/chrome): the HTML pages are not checked in a browser";
            return;
        }
        try {
            chromium = Chromium.start(browser.get(), OUT.resolve("chromium-profile"), 1280, 900);
        } catch (IOException e) {
            noBrowser = "Chromium at " + browser.get() + " cannot run here, the HTML pages are not checked in a"
                    + " browser: " + e.getMessage();
        }
    }

    @AfterAll
    static void stopChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void everyExamplePageLoadsInChromiumAndShowsItsParts() throws IOException, InterruptedException {
        Assumptions.assumeTrue(chromium != null, () -> noBrowser);
        List<Path> examples;
        try (Stream<Path> files = Files.list(Path.of(""))) {
            examples = files.filter(p -> p.toString().endsWith(".dma")).sorted().toList();
        }
        assertTrue(examples.size() >= 5, "examples not found: " + examples);
        Files.createDirectories(OUT);
        List<String> failures = new ArrayList<>();
        for (Path example : examples) {
            Path page = OUT.resolve(example.getFileName() + ".html");
            ScenarioCli.Result r = ScenarioCli.run("run", example.toString(), "--html", page.toString(), "--timeout", "10m");
            assertEquals(0, r.exit(), example + " --html:\n" + r.transcript());
            check(chromium, example, page, r.out(), failures);
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " pages failed in Chromium:\n" + String.join("\n", failures));
        }
    }

    /**
     * {@code dmasim test DIR --html OUT/}: a page per scenario, below folders as the scenarios are,
     * with its result and output, and an index linking each with its result; in the browser too.
     */
    @Test
    void suitePagesAndTheirIndex(@TempDir Path scratch) throws IOException, InterruptedException {
        Path dir = scratch.resolve("suite");
        Files.createDirectories(dir.resolve("net"));
        Files.copy(Path.of("rx-missing-sync-arm64.dma"), dir.resolve("net/rx-missing-sync-arm64.dma"));
        Files.writeString(dir.resolve("fails.dma"), """
                arch arm64
                let b = alloc_pages(4KiB)
                cpu writes b = 0x11
                expect cpu reads b[0..64] == 0x22
                """);
        Path out = scratch.resolve("pages");
        ScenarioCli.Result r = ScenarioCli.run("test", dir.toString(), "--html", out.toString(), "-j", "1", "--timeout", "10m");
        assertEquals(1, r.exit(), r.transcript());
        assertTrue(r.out().contains("HTML pages written to " + out.resolve("index.html")), r.transcript());
        String index = Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(index.contains("1 passed, 1 failed, 0 skipped"), index);
        assertTrue(index.contains("<a href=\"fails.dma.html\">fails.dma</a></td><td class=\"status\">FAIL"), index);
        assertTrue(index.contains("<a href=\"net/rx-missing-sync-arm64.dma.html\">net/rx-missing-sync-arm64.dma</a>"
                + "</td><td class=\"status\">pass"), index);
        String failed = Files.readString(out.resolve("fails.dma.html"), StandardCharsets.UTF_8);
        assertTrue(failed.contains("<p id=\"verdict\" class=\"fail\"><a href=\"index.html\">"), failed);
        assertTrue(failed.contains("expectation failed"), "the failed run's output is not on its page");
        String nested = Files.readString(out.resolve("net/rx-missing-sync-arm64.dma.html"), StandardCharsets.UTF_8);
        assertTrue(nested.contains("<a href=\"../index.html\">"), "no way back to the index from a folder");
        if (chromium == null) {
            return; // the files are checked; the browser part is skipped with the other test's message
        }
        List<String> failures = new ArrayList<>();
        for (Path page : List.of(out.resolve("index.html"), out.resolve("fails.dma.html"),
                out.resolve("net/rx-missing-sync-arm64.dma.html"))) {
            chromium.load(page).problems().forEach(p -> failures.add(page + ": " + p));
        }
        chromium.load(out.resolve("index.html"));
        JsonNode links = chromium.evaluate("[...document.querySelectorAll('#scenarios a')].map(a => a.href)");
        assertEquals(2, links.size(), links.toString());
        for (JsonNode link : links) {
            assertTrue(Files.exists(Path.of(java.net.URI.create(link.asText()))), "the index links to " + link);
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static void check(Chromium chromium, Path example, Path page, String output, List<String> failures)
            throws IOException, InterruptedException {
        String where = example + " (" + page + "): ";
        Chromium.Load load = chromium.load(page);
        load.problems().forEach(p -> failures.add(where + p));
        JsonNode seen = chromium.evaluate(LOOK);
        String source = Files.readString(example, StandardCharsets.UTF_8);
        List<String> wrong = new ArrayList<>();
        expect(wrong, seen.path("ready").asText().equals("yes"), "its script did not run to the end");
        expect(wrong, seen.path("lines").asInt() == source.split("\n", -1).length, "not every source line is shown");
        expect(wrong, seen.path("stmts").asInt() > 0, "no statement is linked");
        expect(wrong, seen.path("steps").asInt() >= seen.path("stmts").asInt(), "fewer statement blocks than statements");
        expect(wrong, seen.path("buffers").asInt() > 0 && seen.path("lanes").asInt() == seen.path("buffers").asInt(),
                "not one swimlane per buffer");
        expect(wrong, seen.path("cells").asInt() >= seen.path("buffers").asInt(), "swimlanes without cells");
        expect(wrong, seen.path("width").asDouble() > 0, "the swimlanes take no room");
        boolean reported = output.contains("error[") || output.contains("warning[");
        expect(wrong, !reported || seen.path("reports").asInt() > 0, "the run's reports are missing");
        expect(wrong, seen.path("staleFromStatements").asInt() == 0 || seen.path("arrows").asInt() > 0,
                "stale outcomes whose witness names a statement, but no witness arrow");
        expect(wrong, seen.path("marked").asText().matches("[1-9]\\d*/[1-9]\\d*"),
                "clicking a statement marks nothing (" + seen.path("marked").asText() + ")");
        if (source.contains("async ")) {
            expect(wrong, seen.path("executions").asInt() > 0 && seen.path("jobLanes").asInt() > 1
                    && seen.path("jobSteps").asInt() > 0, "a run with device jobs, but no execution lanes");
            String[] shown = seen.path("switched").asText().split("=");
            expect(wrong, shown.length == 2 && shown[0].equals(shown[1]),
                    "choosing an execution does not show its lanes alone (" + seen.path("switched").asText() + ")");
        }
        if (!wrong.isEmpty()) {
            failures.add(where + String.join("; ", wrong) + " " + seen);
        }
    }

    private static void expect(List<String> wrong, boolean ok, String what) {
        if (!ok) {
            wrong.add(what);
        }
    }
}
