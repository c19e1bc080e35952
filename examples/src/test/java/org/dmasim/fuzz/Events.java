package org.dmasim.fuzz;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.check.Report;
import org.dmasim.interpreter.eval.OutcomeText;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Summary;

/**
 * Shows a run as text (to the wrapped listener) and, when asked, keeps its events front-end
 * neutral: each read's outcomes and witnesses with line numbers but no columns or file names,
 * each report's code and message, what was printed. A {@code .dma} program and its JavaScript
 * translation (same lines) must record the same events.
 */
final class Events implements RunListener {
    private final RunListener text;
    private final boolean record;
    final List<String> events = new ArrayList<>();
    Summary summary;
    /** Set by {@link #keepInterpreter}: the interpreter of the last statement, kept so its machine outlives the run. */
    org.dmasim.interpreter.eval.Interpreter interpreter;
    private boolean keep;

    /** {@code record}: keep the neutral events (to compare front ends), else only show the run. */
    Events(RunListener text, boolean record) {
        this.text = text;
        this.record = record;
    }

    /**
     * Positions as {@code line} only: columns and file names differ between the front ends, and a
     * {@code .dma} position inside a loop names the loop's round ({@code 7:5 #2}, {@code 3:1 #2.5}),
     * which a JavaScript or Python loop, the host language's own, cannot.
     */
    static String neutral(String s) {
        return s.replaceAll("(\\d+):\\d+(?: #\\d+(?:\\.\\d+)*)?", "$1");
    }

    private static final java.util.regex.Pattern PART = java.util.regex.Pattern.compile("\\[(\\w+)\\.\\.(\\w+)\\] (.*)");

    /**
     * A neutral witness with its ranges' equal neighbours joined: "[0..4096] zeroed by alloc_pages at
     * 7; [4096..8192] zeroed by alloc_pages at 7" is one range. A .dma site names its loop round, so
     * the pages two rounds allocated are two ranges; a guest's sites have no round, and the same
     * pages are one (fuzz finding "js-events", campaign seed 2026120802). One range left is the whole.
     */
    static String joinedWitness(String witness) {
        String[] parts = witness.split("; ");
        if (parts.length < 2) {
            return witness;
        }
        List<String[]> joined = new ArrayList<>();
        for (String part : parts) {
            java.util.regex.Matcher m = PART.matcher(part);
            if (!m.matches()) {
                return witness;
            }
            String[] last = joined.isEmpty() ? null : joined.get(joined.size() - 1);
            if (last != null && last[1].equals(m.group(1)) && last[2].equals(m.group(3))) {
                last[1] = m.group(2);
            } else {
                joined.add(new String[] {m.group(1), m.group(2), m.group(3)});
            }
        }
        if (joined.size() == 1) {
            return joined.get(0)[2];
        }
        return String.join("; ", joined.stream().map(j -> "[" + j[0] + ".." + j[1] + "] " + j[2]).toList());
    }

    /** Keep the run's interpreter (and so its machine) after the run, for {@link HeapCheck}. */
    Events keepInterpreter() {
        keep = true;
        return this;
    }

    @Override
    public void statementDone(org.dmasim.interpreter.ast.Statement statement, SourceSite site,
            org.dmasim.interpreter.eval.Interpreter interpreter) {
        text.statementDone(statement, site, interpreter);
        if (keep) {
            this.interpreter = interpreter;
        }
    }

    private void add(String event) {
        if (record) {
            events.add(event);
        }
    }

    @Override
    public void read(SourceSite site, String source, ReadResult result) {
        text.read(site, source, result);
        if (record) {
            add("read@" + site.line() + " " + OutcomeText.lines(result).stream()
                    .map(l -> (l.range() == null ? "" : "[" + l.range() + "] ") + l.value() + (l.stale() ? " (stale)" : "")
                            + " <- " + joinedWitness(neutral(l.witness())))
                    .toList());
        }
    }

    @Override
    public void report(Report report, SourceSite expectedBy) {
        text.report(report, expectedBy);
        add("report " + report.code() + " " + report.severity().label() + ": " + neutral(report.message()));
    }

    @Override
    public void expectation(SourceSite site, String source, boolean passed, String detail) {
        text.expectation(site, source, passed, detail);
        add("expect@" + site.line() + " " + passed);
    }

    @Override
    public void print(String line) {
        text.print(line);
        add("print " + neutral(line));
    }

    @Override
    public void summary(Summary summary) {
        text.summary(summary);
        this.summary = summary;
    }
}
