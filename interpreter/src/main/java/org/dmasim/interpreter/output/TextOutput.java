package org.dmasim.interpreter.output;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.check.Report;
import org.dmasim.interpreter.diag.Diagnostic;
import org.dmasim.interpreter.diag.DiagnosticRenderer;
import org.dmasim.interpreter.diag.Severity;
import org.dmasim.interpreter.eval.OutcomeText;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Summary;

/**
 * The human-readable run output of SEMANTICS.md §8: every read with all its outcomes, every
 * report with a caret and a help line, failed expectations, and one summary line.
 */
public final class TextOutput implements RunListener {
    private static final int VALUE_COLUMN = 29;

    private final PrintStream out;

    public TextOutput(PrintStream out) {
        this.out = out;
    }

    @Override
    public void read(SourceSite site, String source, ReadResult result) {
        StringBuilder b = new StringBuilder();
        b.append(site.file().name()).append(':').append(site.line()).append(':').append(site.column())
                .append("  ").append(source).append('\n');
        for (OutcomeText.Line l : OutcomeText.lines(result)) {
            String value = (l.range() == null ? "" : "[" + l.range() + "] ") + l.value() + (l.stale() ? "  (stale)" : "");
            b.append("    ").append(value);
            b.append(" ".repeat(Math.max(2, VALUE_COLUMN - value.length()))).append(l.witness()).append('\n');
        }
        String note = OutcomeText.mixingNote(result);
        if (note != null) {
            b.append("    (").append(note).append(")\n");
        }
        out.print(b);
    }

    @Override
    public void report(Report report, SourceSite expectedBy) {
        List<String> notes = new ArrayList<>();
        for (String w : report.witnesses()) {
            notes.add("witness: " + w);
        }
        notes.addAll(report.notes());
        if (expectedBy != null) {
            notes.add("expected by the expect report at " + expectedBy.line() + ":" + expectedBy.column());
        }
        Severity severity = report.severity() == org.dmasim.engine.check.Severity.ERROR ? Severity.ERROR : Severity.WARNING;
        if (report.site() instanceof SourceSite s) {
            Diagnostic d = new Diagnostic(severity, report.code().name(), report.message(), s.span(), report.help(), notes);
            out.print(DiagnosticRenderer.render(d, s.file()));
        } else {
            out.println(severity.label() + "[" + report.code().name() + "]: " + report.message());
            if (report.help() != null) {
                out.println("   = help: " + report.help());
            }
            for (String n : notes) {
                out.println("   = note: " + n);
            }
        }
    }

    @Override
    public void expectation(SourceSite site, String source, boolean passed, String detail) {
        if (passed) {
            return;
        }
        Diagnostic d = new Diagnostic(Severity.ERROR, "EXPECT", "expectation failed: " + source, site.span(), null,
                detail == null ? List.of() : List.of(detail));
        out.print(DiagnosticRenderer.render(d, site.file()));
    }

    @Override
    public void print(String line) {
        out.println(line);
    }

    @Override
    public void summary(Summary summary) {
        out.println(summary.line());
        out.println(summary.pass() ? "PASS" : "FAIL");
    }
}
