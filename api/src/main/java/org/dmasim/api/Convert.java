package org.dmasim.api;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.interpreter.Problem;
import org.dmasim.interpreter.eval.OutcomeText;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Summary;

/** The interpreter's and the engine's values as the API's records: the one border crossing. */
final class Convert {
    private Convert() {
    }

    static Position position(SourceSite site) {
        return new Position(site.file().name(), site.line(), site.column());
    }

    static List<Outcome> outcomes(List<OutcomeText.Line> lines) {
        List<Outcome> out = new ArrayList<>(lines.size());
        for (OutcomeText.Line l : lines) {
            out.add(new Outcome(l.range(), l.value(), l.stale(), l.witness(), 1));
        }
        return out;
    }

    static List<Segment> segments(ReadResult result) {
        List<Segment> out = new ArrayList<>(result.segments().size());
        for (org.dmasim.engine.cache.Segment s : result.segments()) {
            List<Alternative> alternatives = new ArrayList<>(s.alternatives().size());
            for (org.dmasim.engine.cache.Alternative a : s.alternatives()) {
                alternatives.add(new Alternative(a.data(), a.stale(), a.witness().text()));
            }
            out.add(new Segment(s.offset(), s.length(), alternatives));
        }
        return out;
    }

    static Report report(org.dmasim.engine.check.Report r, SourceSite expectedBy, String text) {
        return report(r, expectedBy, text, 1);
    }

    /** A report raised in {@code executions} of a run's executions. */
    static Report report(org.dmasim.engine.check.Report r, SourceSite expectedBy, String text, long executions) {
        Severity severity = switch (r.severity()) {
            case ERROR -> Severity.ERROR;
            case WARNING -> Severity.WARNING;
        };
        Position at = r.site() instanceof SourceSite s ? position(s) : null;
        return new Report(r.code().name(), severity, r.message(), at, r.help(), r.witnesses(),
                expectedBy == null ? null : position(expectedBy), executions, text);
    }

    static ScriptError error(Problem p) {
        Position at = p.file() == null || p.span() == null ? null : new Position(p.file().name(), p.line(), p.column());
        return new ScriptError(p.message(), at, p.help(), p.rendered());
    }

    static List<ScriptError> errors(List<Problem> problems) {
        return problems.stream().map(Convert::error).toList();
    }

    static Tally tally(Summary s) {
        return s == null ? null : new Tally(s.expectations(), s.passed(), s.failed(), s.errors(), s.warnings());
    }
}
