package org.dmasim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.render.HtmlIndex;
import org.dmasim.interpreter.render.HtmlPage;
import org.dmasim.interpreter.suite.RunWatcher;
import org.dmasim.interpreter.suite.ScenarioResult;
import org.dmasim.interpreter.timeline.TimelineRecorder;

/**
 * {@code dmasim test DIR --html OUT/}: every run is recorded as it goes; as each scenario
 * finishes its page is written ({@code OUT/net/rx.dma.html} for {@code net/rx.dma}), and at the
 * end {@code OUT/index.html} links them all with their results. Scenarios run on several threads.
 */
final class HtmlSuite implements RunWatcher {
    private final Path dir;
    private final Map<Path, TimelineRecorder> running = new ConcurrentHashMap<>();
    private final Map<String, String> pages = new ConcurrentHashMap<>();
    private final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());

    private HtmlSuite(Path dir) {
        this.dir = dir;
    }

    /** Pages under {@code dir}, created if missing; null (and a message) when it cannot be. */
    static HtmlSuite in(Path dir, PrintWriter err) {
        try {
            Files.createDirectories(dir);
            return new HtmlSuite(dir);
        } catch (IOException e) {
            err.println("error: cannot write pages to " + dir + ": " + e);
            return null;
        }
    }

    @Override
    public RunListener around(Path file, RunListener next) {
        try {
            TimelineRecorder recorder = TimelineRecorder.everyBuffer(next, SourceFile.read(file));
            running.put(file, recorder);
            return recorder;
        } catch (IOException e) {
            return next; // the run itself says the file cannot be read
        }
    }

    /** A scenario finished: its page. */
    void finished(ScenarioResult result) {
        TimelineRecorder recorder = running.remove(result.file());
        if (recorder == null) {
            return;
        }
        String href = result.name() + ".html";
        Path page = dir.resolve(href);
        String index = "../".repeat((int) result.name().chars().filter(c -> c == '/').count()) + "index.html";
        HtmlPage.Heading heading = new HtmlPage.Heading(result.status().label(), result.passed(), result.note(),
                result.output(), index);
        if (write(page, w -> new HtmlPage(recorder.timeline(), heading).write(w))) {
            pages.put(result.name(), href);
        }
    }

    /** After the run: the index; returns whether every page and the index were written (else says why). */
    boolean index(String suite, List<ScenarioResult> results, Duration wall, PrintWriter err) {
        List<HtmlIndex.Row> rows = new ArrayList<>();
        for (ScenarioResult r : results.stream().sorted(java.util.Comparator.comparing(ScenarioResult::name)).toList()) {
            rows.add(new HtmlIndex.Row(r.name(), pages.get(r.name()), r.status().label(), r.failed(), r.reportsText(),
                    r.time(), r.note()));
        }
        write(dir.resolve("index.html"), w -> HtmlIndex.write(suite, rows, wall, w));
        problems.forEach(err::println);
        return problems.isEmpty();
    }

    private boolean write(Path file, PictureRun.Drawing drawing) {
        try {
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                drawing.draw(w);
            }
            return true;
        } catch (IOException | UncheckedIOException e) {
            problems.add("error: cannot write " + file + ": " + e.getMessage());
            return false;
        }
    }
}
