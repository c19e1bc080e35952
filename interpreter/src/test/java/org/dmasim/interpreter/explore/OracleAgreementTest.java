package org.dmasim.interpreter.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.check.Report;
import org.dmasim.interpreter.ScenarioRunner;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.OutcomeText;
import org.dmasim.interpreter.eval.ReadOverExecutions;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Summary;

/**
 * The explorer against brute force: on random small programs (the CPU and one or two device jobs,
 * up to six steps on two cache lines, with conditions on reads), the outcomes of every read, the
 * set of reports and the verdict of every expectation equal what an explicit enumeration of every
 * interleaving and every cache schedule ({@link BruteForce}) gives, with partial-order reduction
 * and without. The build passes {@code oracle.tries} (2,000; 50,000 with {@code -Poracle}).
 */
class OracleAgreementTest {
    private static final int TRIES = Integer.getInteger("oracle.tries", 2000);

    /** What a run showed, keyed by source line. */
    static final class Seen implements RunListener {
        final Map<Integer, Set<String>> reads = new TreeMap<>();
        final Set<String> reports = new TreeSet<>();
        final Map<Integer, Boolean> verdicts = new TreeMap<>();
        Summary summary;

        @Override
        public void read(SourceSite site, String source, ReadResult result) {
            for (OutcomeText.Line l : OutcomeText.lines(result)) {
                reads.computeIfAbsent(site.line(), k -> new TreeSet<>()).add(l.value() + (l.stale() ? " (stale)" : ""));
            }
        }

        @Override
        public void read(SourceSite site, String source, ReadOverExecutions read) {
            for (ReadOverExecutions.Outcome l : read.outcomes()) {
                reads.computeIfAbsent(site.line(), k -> new TreeSet<>()).add(l.value() + (l.stale() ? " (stale)" : ""));
            }
        }

        @Override
        public void report(Report report, SourceSite expectedBy) {
            reports.add(report.code().name() + "@" + (report.site() instanceof SourceSite s ? s.line() : 0));
        }

        @Override
        public void expectation(SourceSite site, String source, boolean passed, String detail) {
            verdicts.merge(site.line(), passed, Boolean::logicalAnd);
        }

        @Override
        public void print(String line) {
        }

        @Override
        public void summary(Summary s) {
            summary = s;
        }
    }

    static Seen run(String source, boolean reduce) {
        Seen seen = new Seen();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        var options = new ScenarioRunner.Options(null, Duration.ofMinutes(5), 10_000_000L, true)
                .withExploration(1_000_000, reduce);
        int exit = ScenarioRunner.run(new SourceFile("oracle.dma", source), null, options, seen, out, out);
        if (exit > 1) {
            throw new AssertionError("exit " + exit + " for\n" + source + "\n" + bytes.toString(StandardCharsets.UTF_8));
        }
        return seen;
    }

    @Property(tries = 1, seed = "1")
    void theExplorerAgreesWithBruteForce(@ForAll long ignored) {
        Random rnd = new Random(20261204L);
        for (int i = 0; i < TRIES; i++) {
            OracleProgram p = OracleProgram.random(rnd);
            BruteForce.Result expected = BruteForce.explore(p);
            for (boolean reduce : new boolean[] {true, false}) {
                Seen actual = run(p.source, reduce);
                String where = "program " + i + (reduce ? " (DPOR)" : " (every interleaving)") + ":\n" + p.source;
                assertEquals(expected.reads, actual.reads, () -> "reads of " + where);
                assertEquals(expected.reports, actual.reports, () -> "reports of " + where);
                assertEquals(expected.judged(), actual.verdicts, () -> "verdicts of " + where);
            }
        }
    }
}
