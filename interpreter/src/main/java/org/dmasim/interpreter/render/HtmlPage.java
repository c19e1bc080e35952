package org.dmasim.interpreter.render;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dmasim.interpreter.eval.OutcomeText;
import org.dmasim.interpreter.timeline.ReadEvent;
import org.dmasim.interpreter.timeline.ReportEvent;
import org.dmasim.interpreter.timeline.Step;
import org.dmasim.interpreter.timeline.Timeline;

/**
 * A recorded run as one self-contained HTML page (no network: inline CSS, SVG and a little
 * vanilla JS): the source with each statement linked to its step; per buffer a swimlane of owner,
 * cache state and bounce slot per step, report markers and witness arrows from where a stale
 * value came from to the read that may return it; then each step's reads, reports and states.
 */
public final class HtmlPage {
    private final Timeline timeline;
    private final Heading heading;
    private final StringBuilder b = new StringBuilder();

    /**
     * What a page of a suite ({@code dmasim test --html}) shows above the scenario: its result
     * ({@code pass}, {@code FAIL}), why, what the run printed, and the way back to the index.
     */
    public record Heading(String status, boolean passed, String note, String output, String index) {
    }

    public HtmlPage(Timeline timeline) {
        this(timeline, null);
    }

    /** A page with a {@link Heading} (null: none). */
    public HtmlPage(Timeline timeline, Heading heading) {
        this.timeline = timeline;
        this.heading = heading;
    }

    public void write(Writer out) throws IOException {
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>dmasim: ")
                .append(esc(timeline.name())).append("</title>\n<style>").append(CSS).append("</style></head>\n<body>\n");
        b.append("<h1>").append(esc(timeline.name())).append("</h1>\n");
        if (heading != null) {
            heading();
        }
        b.append("<div id=\"layout\">\n");
        source();
        b.append("<div id=\"right\">\n");
        if (!timeline.buffers().isEmpty()) {
            b.append(LEGEND);
        }
        BufferLanes lanes = new BufferLanes(timeline, b);
        for (Timeline.Buffer buffer : timeline.buffers()) {
            lanes.draw(buffer);
        }
        ExecutionLanes.draw(timeline, b);
        steps();
        b.append("</div></div>\n<script>").append(JS).append("</script>\n</body></html>\n");
        out.write(b.toString());
    }

    private void heading() {
        b.append("<p id=\"verdict\" class=\"").append(heading.passed() ? "pass" : "fail").append("\"><a href=\"")
                .append(esc(heading.index())).append("\">all scenarios</a> <b>").append(esc(heading.status()))
                .append("</b> ").append(heading.note() == null ? "" : esc(heading.note())).append("</p>\n");
        if (!heading.output().isEmpty()) {
            b.append("<details id=\"output\"").append(heading.passed() ? "" : " open")
                    .append("><summary>what the run printed</summary><pre>").append(esc(heading.output()))
                    .append("</pre></details>\n");
        }
    }

    private void source() {
        Map<Integer, List<Integer>> stepsOfLine = new HashMap<>();
        for (Step s : timeline.steps()) {
            if (s.file() == null && s.line() > 0) {
                stepsOfLine.computeIfAbsent(s.line(), l -> new ArrayList<>()).add(s.index());
            }
        }
        b.append("<pre id=\"source\">");
        String[] lines = timeline.source().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            List<Integer> steps = stepsOfLine.getOrDefault(i + 1, List.of());
            b.append("<span class=\"line").append(steps.isEmpty() ? "" : " stmt").append("\" id=\"L").append(i + 1)
                    .append("\" data-steps=\"").append(join(steps)).append("\"><i>").append(i + 1).append("</i>")
                    .append(esc(lines[i])).append("</span>");
        }
        b.append("</pre>\n");
    }

    private void steps() {
        b.append("<section id=\"steps\"><h2>Statements</h2>\n");
        for (Step s : timeline.steps()) {
            b.append("<div class=\"step\" id=\"S").append(s.index()).append("\" data-line=\"")
                    .append(s.file() == null ? s.line() : 0).append("\"><b>").append(esc(s.position())).append("</b> <code>")
                    .append(esc(s.statement())).append("</code>");
            for (ReadEvent r : s.reads()) {
                b.append("<div class=\"read\">").append(esc(r.source())).append("<ul>");
                for (OutcomeText.Line l : r.outcomes()) {
                    b.append("<li").append(l.stale() ? " class=\"stale\"" : "").append(">")
                            .append(esc((l.range() == null ? "" : "[" + l.range() + "] ") + l.value()))
                            .append(l.stale() ? " (stale)" : "").append(" <span class=\"witness\">")
                            .append(esc(l.witness())).append("</span></li>");
                }
                b.append("</ul></div>");
            }
            for (ReportEvent r : s.reports()) {
                b.append("<div class=\"rep ").append(r.severity()).append("\">").append(r.severity()).append('[')
                        .append(r.code()).append("] ").append(esc(r.message()))
                        .append(r.expected() ? " <i>(expected)</i>" : "").append("</div>");
            }
            b.append("</div>\n");
        }
        b.append("</section>\n");
    }

    private static String join(List<Integer> steps) {
        return String.join(" ", steps.stream().map(String::valueOf).toList());
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String LEGEND = "<p class=\"legend\">A column per statement; hover a cell for its state,"
            + " click it for its statement. Owner lanes: filled where the CPU or that device owns the buffer. Cache: "
            + "<i style=\"background:#e74c3c\"></i>a CPU read may be stale <i style=\"background:#f39c12\"></i>may be"
            + " dirty <i style=\"background:#2ecc71\"></i>clean <i style=\"background:#95a5a6\"></i>invalid."
            + " <b class=\"tri\">&#9650;</b> report; red arrow: where a stale value comes from.</p>\n";

    private static final String CSS = """
            body{font:14px system-ui,sans-serif;margin:12px;color:#222}h1{font-size:18px}
            #layout{display:flex;gap:16px;align-items:flex-start}#source{flex:0 0 40%;overflow:auto;max-height:90vh;
            background:#fafafa;border:1px solid #ddd;padding:6px;font:12px monospace}
            .line{display:block;white-space:pre}.line i{display:inline-block;width:3em;color:#999;font-style:normal}
            .stmt{cursor:pointer}.stmt:hover,.hl{background:#fff3c4}#right{flex:1;overflow:auto;max-height:90vh}
            svg.jobs{display:block}.lanes text,.jobs text{font:11px sans-serif}.jobstep{cursor:pointer}.cell{cursor:pointer}.cell.hl{stroke:#000;stroke-width:2}
            .report{fill:#c0392b}.witness{fill:none;stroke:#c0392b;stroke-width:1.5}
            .step{border-top:1px solid #eee;padding:4px}.step.hl{background:#fff3c4}.stale{color:#c0392b}
            span.witness{color:#777}.rep.error{color:#c0392b}.rep.warning{color:#b7950b}
            #verdict b{padding:1px 6px;border-radius:3px;color:#fff}.pass b{background:#27ae60}.fail b{background:#c0392b}
            .legend{font-size:12px;color:#555}.legend i{display:inline-block;width:10px;height:10px;margin:0 3px 0 8px}
            .legend .tri{color:#c0392b;font-weight:normal}
            #output pre{max-height:30vh;overflow:auto;background:#fafafa;border:1px solid #ddd;padding:6px}
            """;

    private static final String JS = """
            function mark(steps, line){document.querySelectorAll('.hl').forEach(function(e){e.classList.remove('hl');});
            steps.forEach(function(i){var s=document.getElementById('S'+i);if(s){s.classList.add('hl');}
            document.querySelectorAll('.cell[data-step="'+i+'"]').forEach(function(c){c.classList.add('hl');});});
            var l=document.getElementById('L'+line);if(l){l.classList.add('hl');}}
            document.querySelectorAll('.stmt').forEach(function(l){l.addEventListener('click',function(){
            var steps=l.dataset.steps.split(' ').filter(Boolean);mark(steps,l.id.substring(1));
            if(steps.length){document.getElementById('S'+steps[0]).scrollIntoView({block:'nearest'});}});});
            document.querySelectorAll('.cell').forEach(function(c){c.addEventListener('click',function(){
            var s=document.getElementById('S'+c.dataset.step);mark([c.dataset.step],s.dataset.line);
            s.scrollIntoView({block:'nearest'});var l=document.getElementById('L'+s.dataset.line);
            if(l){l.scrollIntoView({block:'nearest'});}});});
            var ex=document.getElementById('execution');if(ex){ex.addEventListener('change',function(){
            document.querySelectorAll('svg.jobs').forEach(function(s){
            s.style.display=s.dataset.execution===ex.value?'':'none';});});}
            document.querySelectorAll('.jobstep').forEach(function(c){c.addEventListener('click',function(){
            var l=document.getElementById('L'+c.dataset.line);if(l){mark([],c.dataset.line);
            l.scrollIntoView({block:'nearest'});}});});
            document.body.dataset.ready='yes';
            """;
}
