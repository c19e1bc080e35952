package org.dmasim.interpreter.output;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.check.Report;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.DiagnosticRenderer;
import org.dmasim.interpreter.diag.Severity;
import org.dmasim.interpreter.diag.Style;
import org.dmasim.interpreter.eval.OutcomeText;
import org.dmasim.interpreter.eval.ReadOverExecutions;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Summary;

/**
 * The human-readable run output (docs/semantics.md, "What a run prints"): every read with all its outcomes, every
 * report with a caret and a help line, failed expectations, and one summary line.
 */
public final class TextOutput implements RunListener {
    private static final int VALUE_COLUMN = 29;

    private final PrintStream out;
    private final Style style;

    public TextOutput(PrintStream out) {
        this(out, Style.PLAIN);
    }

    public TextOutput(PrintStream out, Style style) {
        this.out = out;
        this.style = style;
    }

    @Override
    public void read(SourceSite site, String source, ReadResult result) {
        StringBuilder b = new StringBuilder();
        b.append(style.paint(Style.Role.LOCATION, location(site))).append("  ").append(source).append('\n');
        for (OutcomeText.Line l : OutcomeText.lines(result)) {
            String value = (l.range() == null ? "" : "[" + l.range() + "] ") + l.value();
            int width = value.length() + (l.stale() ? "  (stale)".length() : 0);
            b.append("    ").append(value).append(l.stale() ? "  " + style.paint(Style.Role.STALE, "(stale)") : "");
            b.append(" ".repeat(Math.max(2, VALUE_COLUMN - width))).append(l.witness()).append('\n');
        }
        String note = OutcomeText.mixingNote(result);
        if (note != null) {
            b.append("    (").append(note).append(")\n");
        }
        out.print(b);
    }

    @Override
    public void read(SourceSite site, String source, ReadOverExecutions read) {
        StringBuilder b = new StringBuilder();
        b.append(location(site)).append("  ").append(source).append('\n');
        for (ReadOverExecutions.Outcome l : read.outcomes()) {
            String value = (l.range() == null ? "" : "[" + l.range() + "] ") + l.value() + (l.stale() ? "  (stale)" : "");
            b.append("    ").append(value);
            b.append(" ".repeat(Math.max(2, VALUE_COLUMN - value.length()))).append(l.witness()).append('\n');
        }
        if (read.note() != null) {
            b.append("    (").append(read.note()).append(")\n");
        }
        out.print(b);
    }

    @Override
    public void report(Report report, SourceSite expectedBy, int executions, int total, String interleaving) {
        if (executions >= total) {
            report(report, expectedBy);
            return;
        }
        Report shown = new Report(report.code(), report.severity(), report.message() + " (in " + executions + " of "
                + total + " executions)", report.site(), report.help(), report.witnesses(), report.notes());
        List<String> extra = interleaving == null || interleaving.isEmpty() ? List.of()
                : List.of("interleaving: " + interleaving);
        report(shown, expectedBy, extra);
    }

    @Override
    public void report(Report report, SourceSite expectedBy) {
        report(report, expectedBy, List.of());
    }

    private void report(Report report, SourceSite expectedBy, List<String> extra) {
        List<String> notes = new ArrayList<>();
        if (report.site() instanceof SourceSite s && !s.iteration().isEmpty()) {
            notes.add(iterationNote(s));
        }
        for (String w : report.witnesses()) {
            notes.add("witness: " + w);
        }
        notes.addAll(report.notes());
        notes.addAll(extra);
        if (expectedBy != null) {
            notes.add("expected by the expect report at " + expectedBy.line() + ":" + expectedBy.column());
        }
        Severity severity = report.severity() == org.dmasim.engine.check.Severity.ERROR ? Severity.ERROR : Severity.WARNING;
        if (report.site() instanceof SourceSite s) {
            Diagnostic d = new Diagnostic(severity, report.code().name(), report.message(), s.span(), report.help(), notes);
            out.print(DiagnosticRenderer.render(d, s.file(), style));
        } else {
            StringBuilder b = new StringBuilder();
            b.append(DiagnosticRenderer.label(severity, report.code().name(), style)).append(' ')
                    .append(report.message()).append('\n');
            DiagnosticRenderer.notes(b, report.help(), notes, style);
            out.print(b);
        }
    }

    @Override
    public boolean showsPassedExpectations() {
        return false; // the summary counts them
    }

    @Override
    public void expectation(SourceSite site, String source, boolean passed, String detail) {
        if (passed) {
            return;
        }
        List<String> notes = new ArrayList<>();
        if (!site.iteration().isEmpty()) {
            notes.add(iterationNote(site));
        }
        if (detail != null) {
            notes.add(detail);
        }
        Diagnostic d = new Diagnostic(Severity.ERROR, "EXPECT", "expectation failed: " + source, site.span(), null,
                notes);
        out.print(DiagnosticRenderer.render(d, site.file(), style));
    }

    /** {@code file:20:9}, and {@code #5} after it in the fifth iteration of a loop. */
    private static String location(SourceSite site) {
        String at = site.file().name() + ":" + site.line() + ":" + site.column();
        return site.iteration().isEmpty() ? at : at + " " + site.iterationText();
    }

    /** The loop iteration of a diagnostic's position, whose header keeps the file:line:col: form editors read. */
    private static String iterationNote(SourceSite site) {
        return "in loop iteration " + site.iterationText() + (site.iteration().size() > 1 ? " (outermost loop first)" : "");
    }

    @Override
    public void print(String line) {
        out.println(line);
    }

    @Override
    public void summary(Summary summary) {
        out.println(summary.line());
        out.println(summary.pass() ? style.paint(Style.Role.PASS, "PASS") : style.paint(Style.Role.FAIL, "FAIL"));
    }

    @Override
    public boolean followsStatements() {
        return false;
    }
}
