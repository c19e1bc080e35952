package org.dmasim.interpreter.timeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.engine.Kernel;
import org.dmasim.engine.cache.ReadResult;
import org.dmasim.engine.check.Report;
import org.dmasim.engine.check.Severity;
import org.dmasim.interpreter.ast.Expr;
import org.dmasim.interpreter.ast.Statement;
import org.dmasim.interpreter.diag.SourceFile;
import org.dmasim.interpreter.eval.Interpreter;
import org.dmasim.interpreter.eval.OutcomeText;
import org.dmasim.interpreter.eval.ReadOverExecutions;
import org.dmasim.interpreter.eval.RunListener;
import org.dmasim.interpreter.eval.ScriptError;
import org.dmasim.interpreter.eval.SourceSite;
import org.dmasim.interpreter.eval.Summary;
import org.dmasim.interpreter.eval.Value;

/**
 * Records a run as a {@link Timeline}: after each statement, the state of the buffers looked at
 * (one range the user named, or every buffer the script names), with the reads and reports of
 * that statement. Every event also goes on to {@code next}, so the run prints as usual.
 */
public final class TimelineRecorder implements RunListener {
    private final RunListener next;
    private final String name;
    private final String source;
    /** The range looked at ({@code rx[0..256]}) and its text, or null for every named buffer. */
    private final Expr focus;
    private final SourceFile focusSource;
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, Timeline.Buffer> buffers = new LinkedHashMap<>();
    private final Map<String, BufferState> last = new LinkedHashMap<>();
    private final List<String> devices = new ArrayList<>();
    private List<ReadEvent> reads = new ArrayList<>();
    private List<ReportEvent> reports = new ArrayList<>();
    private Kernel kernel;
    /** Executions began to differ: what arrives through read/report now is merged output, not this execution's. */
    private boolean differ;
    /** The reports the execution shown raised after executions began to differ (code and site). */
    private final java.util.Set<String> firstExecutionReports = new java.util.HashSet<>();
    private final List<Timeline.Execution> executions = new ArrayList<>();
    private int executionCount;
    /** Why the focus did not name memory at the last statement (null when it did). */
    private String focusProblem;

    private TimelineRecorder(RunListener next, SourceFile scenario, Expr focus, SourceFile focusSource) {
        this.next = next;
        this.name = scenario.name();
        this.source = scenario.text();
        this.focus = focus;
        this.focusSource = focusSource;
    }

    /** Records every buffer the script names. */
    public static TimelineRecorder everyBuffer(RunListener next, SourceFile scenario) {
        return new TimelineRecorder(next, scenario, null, null);
    }

    /** Records the range {@code focus} (a pure expression such as {@code rx[0..256]}) named in {@code focusSource}. */
    public static TimelineRecorder range(RunListener next, SourceFile scenario, Expr focus, SourceFile focusSource) {
        return new TimelineRecorder(next, scenario, focus, focusSource);
    }

    /** What was recorded so far. */
    public Timeline timeline() {
        return new Timeline(name, source, devices, List.copyOf(buffers.values()), steps, executions,
                Math.max(1, executionCount));
    }

    /**
     * Why the range looked at names no memory after the last statement ({@code unknown name 'rxx'}),
     * rendered as a script error, or null when it does.
     */
    public String focusProblem() {
        return focusProblem;
    }

    // ---- events

    @Override
    public void read(SourceSite site, String text, ReadResult result) {
        if (!differ) {
            recordRead(site, text, result);
        }
        next.read(site, text, result);
    }

    @Override
    public void report(Report report, SourceSite expectedBy) {
        if (!differ) {
            recordReport(report, expectedBy);
        }
        next.report(report, expectedBy);
    }

    // With several executions the timeline follows the first one, statement by statement; the merged
    // reads and reports come after the run and only go on to the printer.

    @Override
    public void firstExecutionRead(SourceSite site, String text, ReadResult result) {
        differ = true;
        recordRead(site, text, result);
        next.firstExecutionRead(site, text, result);
    }

    @Override
    public void firstExecutionReport(Report report, SourceSite expectedBy) {
        differ = true;
        firstExecutionReports.add(key(report));
        recordReport(report, expectedBy);
        next.firstExecutionReport(report, expectedBy);
    }

    @Override
    public void read(SourceSite site, String text, ReadOverExecutions read) {
        if (!differ) {
            recordRead(site, text, read.first());
        }
        next.read(site, text, read);
    }

    @Override
    public void report(Report report, SourceSite expectedBy, int executions, int total, String interleaving) {
        if (!differ) {
            recordReport(report, expectedBy);
        } else if (!firstExecutionReports.contains(key(report))) {
            // raised only in executions other than the one shown: still on the picture, at its statement, saying so
            List<String> witnesses = new ArrayList<>(report.witnesses());
            if (interleaving != null && !interleaving.isEmpty()) {
                witnesses.add("interleaving: " + interleaving);
            }
            attachAtItsStatement(report.site(), new ReportEvent(report.code().name(), severity(report),
                    report.message() + " (in " + executions + " of " + total + " executions, not the one shown)",
                    witnesses, expectedBy != null));
        }
        next.report(report, expectedBy, executions, total, interleaving);
    }

    private static String key(Report report) {
        return report.code().name() + "|" + report.site();
    }

    /** Adds {@code event} to the last step recorded at the line of {@code site}, or to the end of the run. */
    private void attachAtItsStatement(org.dmasim.engine.Site site, ReportEvent event) {
        if (site instanceof SourceSite at) {
            for (int i = steps.size() - 1; i >= 0; i--) {
                Step s = steps.get(i);
                String file = at.file().name().equals(name) ? null : at.file().name();
                if (s.line() == at.line() && java.util.Objects.equals(s.file(), file)) {
                    List<ReportEvent> more = new ArrayList<>(s.reports());
                    more.add(event);
                    steps.set(i, new Step(s.index(), s.file(), s.line(), s.column(), s.statement(), s.kind(),
                            s.actor(), s.reads(), more, s.buffers(), s.touched()));
                    return;
                }
            }
        }
        reports.add(event);
    }

    private void recordRead(SourceSite site, String text, ReadResult result) {
        reads.add(new ReadEvent(site.toString(), text, OutcomeText.lines(result)));
    }

    private void recordReport(Report report, SourceSite expectedBy) {
        reports.add(new ReportEvent(report.code().name(), severity(report), report.message(), report.witnesses(),
                expectedBy != null));
    }

    private static String severity(Report report) {
        return report.severity() == Severity.ERROR ? "error" : "warning";
    }

    @Override
    public void expectation(SourceSite site, String text, boolean passed, String detail) {
        next.expectation(site, text, passed, detail);
    }

    @Override
    public boolean showsPassedExpectations() {
        return next.showsPassedExpectations();
    }

    @Override
    public void expectation(SourceSite site, String text, boolean passed, String detail, boolean existential) {
        next.expectation(site, text, passed, detail, existential);
    }

    @Override
    public void print(String line) {
        next.print(line);
    }

    @Override
    public void print(SourceSite site, String line) {
        next.print(site, line);
    }

    @Override
    public void execution(int number, List<String> schedule) {
        executionCount = Math.max(executionCount, number);
        if (executions.size() < Timeline.MAX_EXECUTIONS) {
            executions.add(new Timeline.Execution(number, schedule));
        }
        next.execution(number, schedule);
    }

    @Override
    public void summary(Summary summary) {
        if (!reads.isEmpty() || !reports.isEmpty()) {
            Map<String, BufferState> states = kernel == null ? Map.of() : new LinkedHashMap<>(last);
            steps.add(new Step(steps.size(), null, 0, 0, "end of run", "other", "cpu", reads, reports, states,
                    List.of()));
            reads = new ArrayList<>();
            reports = new ArrayList<>();
        }
        next.summary(summary);
    }

    @Override
    public void statementDone(Statement statement, SourceSite site, Interpreter interpreter) {
        next.statementDone(statement, site, interpreter);
        kernel = interpreter.kernel();
        for (var d : kernel.devices()) {
            if (!devices.contains(d.name())) {
                devices.add(d.name());
            }
        }
        Mentions mentions = Mentions.of(statement);
        Map<String, BufferState> states = new LinkedHashMap<>();
        List<String> touched = new ArrayList<>();
        for (Map.Entry<String, Target> e : targets(interpreter).entrySet()) {
            String key = e.getKey();
            Target t = e.getValue();
            buffers.computeIfAbsent(key, k -> new Timeline.Buffer(k, t.length(), kernel.profile().cacheLine()));
            boolean named = mentions(interpreter, mentions, t);
            BufferState before = last.get(key);
            // looking at a big buffer costs: only after statements that may have changed it
            BufferState now = before != null && !named && !mentions.mayChangeMemory(statement) ? before
                    : BufferProbe.probe(kernel, t);
            last.put(key, now);
            if (!now.equals(before) || named) {
                touched.add(key);
            }
            states.put(key, now);
        }
        String file = site.file().name().equals(name) ? null : site.file().name();
        steps.add(new Step(steps.size(), file, site.line(), site.column(), text(site), mentions.kind(statement),
                mentions.actor(), reads, reports, states, touched));
        reads = new ArrayList<>();
        reports = new ArrayList<>();
    }

    private static String text(SourceSite site) {
        String t = site.file().text();
        String s = t.substring(site.span().start(), Math.min(site.span().end(), t.length()));
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl) + " ...").strip();
    }

    /** The ranges looked at now, by name: the focus once its names exist, or every buffer bound to a name. */
    private Map<String, Target> targets(Interpreter interpreter) {
        Map<String, Target> out = new LinkedHashMap<>();
        if (focus != null) {
            Target t = evaluate(interpreter, focus);
            if (t != null) {
                out.put(focusSource.text().strip(), t);
            }
            return out;
        }
        // names seen before keep their order; new ones come after
        for (String known : buffers.keySet()) {
            Target t = Target.of(interpreter.globals().lookup(known));
            if (t != null) {
                out.put(known, t);
            }
        }
        for (String n : interpreter.globals().visibleNames()) {
            Value v = interpreter.globals().lookup(n);
            if (!out.containsKey(n) && (v instanceof Value.View || v instanceof Value.Coherent
                    || v instanceof Value.Opaque o && o.object() instanceof org.dmasim.engine.dmabuf.DmaBuf)) {
                Target t = Target.of(v);
                if (t != null && out.values().stream().noneMatch(o -> o.view() == t.view())) {
                    out.put(n, t);
                }
            }
        }
        return out;
    }

    private Target evaluate(Interpreter interpreter, Expr expression) {
        try {
            Value v = interpreter.evaluate(expression, focusSource, Path.of(""));
            Target t = Target.of(v);
            focusProblem = t != null ? null
                    : "error: " + focusSource.text().strip() + " is " + v.typeName() + ", not CPU memory (a buffer, a"
                            + " slice of one, a mapping or a coherent allocation)\n";
            return t;
        } catch (ScriptError e) {
            focusProblem = org.dmasim.interpreter.ScriptErrors.render(e); // its names may not be bound yet
            return null;
        }
    }

    /** Whether the statement names the range: a name bound to it, a slice of it or a mapping of it. */
    private static boolean mentions(Interpreter interpreter, Mentions m, Target t) {
        for (String n : m.names()) {
            Value v = interpreter.globals().lookup(n);
            Target other = v == null ? null : Target.of(v);
            if (other != null && other.view() == t.view() && other.offset() < t.offset() + t.length()
                    && t.offset() < other.offset() + other.length()) {
                return true;
            }
        }
        return false;
    }
}
