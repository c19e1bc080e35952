package org.dmasim.interpreter.render;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dmasim.interpreter.eval.OutcomeText;
import org.dmasim.interpreter.timeline.BufferState;
import org.dmasim.interpreter.timeline.LineRun;
import org.dmasim.interpreter.timeline.LineState;
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
    /** Runs of lines listed per buffer and step; the rest are counted, so big buffers stay small. */
    static final int MAX_RUNS = 16;
    private static final int COLUMN = 22;
    private static final int LANE = 18;
    private static final int LEFT = 90;
    private static final Pattern AT = Pattern.compile("at (\\d+):(\\d+)");
    private static final String[] PALETTE = {"#e67e22", "#8e44ad", "#16a085", "#c0392b", "#2c3e50", "#d35400"};

    private final Timeline timeline;
    private final StringBuilder b = new StringBuilder();

    public HtmlPage(Timeline timeline) {
        this.timeline = timeline;
    }

    public void write(Writer out) throws IOException {
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>dmasim: ")
                .append(esc(timeline.name())).append("</title>\n<style>").append(CSS).append("</style></head>\n<body>\n");
        b.append("<h1>").append(esc(timeline.name())).append("</h1>\n<div id=\"layout\">\n");
        source();
        b.append("<div id=\"right\">\n");
        for (Timeline.Buffer buffer : timeline.buffers()) {
            lanes(buffer);
        }
        steps();
        b.append("</div></div>\n<script>").append(JS).append("</script>\n</body></html>\n");
        out.write(b.toString());
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

    private void lanes(Timeline.Buffer buffer) {
        List<Step> steps = timeline.steps();
        int width = LEFT + steps.size() * COLUMN + 10;
        boolean bounced = steps.stream().map(s -> s.buffers().get(buffer.name())).anyMatch(st -> st != null && st.bounced());
        int lanes = bounced ? 4 : 3;
        b.append("<section class=\"buffer\"><h2>").append(esc(buffer.name())).append(" <small>").append(buffer.size())
                .append(" bytes</small></h2>\n<svg class=\"lanes\" width=\"").append(width).append("\" height=\"")
                .append(lanes * LANE + 8).append("\" xmlns=\"http://www.w3.org/2000/svg\">")
                .append("<defs><marker id=\"arrow\" markerWidth=\"6\" markerHeight=\"6\" refX=\"5\" refY=\"3\" orient=\"auto\">")
                .append("<path d=\"M0,0 L6,3 L0,6 z\" fill=\"#c0392b\"/></marker></defs>");
        String[] names = bounced ? new String[] {"owner", "cache", "bounce", "reports"} : new String[] {"owner", "cache", "reports"};
        for (int l = 0; l < names.length; l++) {
            b.append("<text x=\"4\" y=\"").append(l * LANE + 13).append("\">").append(names[l]).append("</text>");
        }
        for (Step s : steps) {
            BufferState st = s.buffers().get(buffer.name());
            int x = LEFT + s.index() * COLUMN;
            if (st != null) {
                rect(x, 0, ownerColor(st.owner()), "owner after " + s.position() + ": " + st.owner(), s.index());
                rect(x, LANE, cacheColor(st), summary(st), s.index());
                if (bounced) {
                    String slot = st.lines().stream().flatMap(r -> r.bounce().stream()).distinct().toList().toString();
                    rect(x, 2 * LANE, st.bounced() ? "#f1c40f" : "#ecf0f1", "bounce slot: " + slot, s.index());
                }
            }
            if (!s.reports().isEmpty() && s.touched().contains(buffer.name())) {
                int y = (lanes - 1) * LANE;
                b.append("<path class=\"report\" d=\"M").append(x + 3).append(',').append(y + 15).append(" L")
                        .append(x + 11).append(',').append(y + 2).append(" L").append(x + 19).append(',').append(y + 15)
                        .append(" z\"><title>").append(esc(reports(s))).append("</title></path>");
            }
            arrows(buffer, s);
        }
        b.append("</svg></section>\n");
    }

    /** Witness arrows: from the step a stale value's witness names to the read that may return it. */
    private void arrows(Timeline.Buffer buffer, Step s) {
        if (!s.touched().contains(buffer.name())) {
            return;
        }
        for (ReadEvent r : s.reads()) {
            for (OutcomeText.Line l : r.outcomes()) {
                if (!l.stale()) {
                    continue;
                }
                Matcher m = AT.matcher(l.witness());
                while (m.find()) {
                    String at = m.group(1) + ":" + m.group(2);
                    for (Step from : timeline.steps()) {
                        if (from.position().equals(at) && from.index() < s.index()) {
                            int x1 = LEFT + from.index() * COLUMN + COLUMN / 2;
                            int x2 = LEFT + s.index() * COLUMN + COLUMN / 2;
                            b.append("<path class=\"witness\" marker-end=\"url(#arrow)\" d=\"M").append(x1).append(',')
                                    .append(LANE + 4).append(" Q").append((x1 + x2) / 2).append(",-10 ").append(x2)
                                    .append(',').append(LANE + 4).append("\"><title>").append(esc(l.value() + " (stale): "
                                    + l.witness())).append("</title></path>");
                        }
                    }
                }
            }
        }
    }

    private void rect(int x, int y, String fill, String title, int step) {
        b.append("<rect class=\"cell\" data-step=\"").append(step).append("\" x=\"").append(x).append("\" y=\"")
                .append(y + 1).append("\" width=\"").append(COLUMN - 2).append("\" height=\"").append(LANE - 2)
                .append("\" fill=\"").append(fill).append("\"><title>").append(esc(title)).append("</title></rect>");
    }

    private String ownerColor(String owner) {
        return switch (owner) {
            case "cpu" -> "#4a90d9";
            case "none" -> "#bdc3c7";
            default -> PALETTE[Math.floorMod(timeline.devices().indexOf(owner.split("\\+")[0]), PALETTE.length)];
        };
    }

    /** Red when a CPU read may return stale data, amber when a line may be dirty, green when clean, grey else. */
    private static String cacheColor(BufferState st) {
        List<LineState> all = st.lines().stream().flatMap(r -> r.states().stream()).toList();
        if (all.stream().anyMatch(LineState::stale)) {
            return "#e74c3c";
        }
        if (all.stream().anyMatch(s -> s.state().equals("Dirty"))) {
            return "#f39c12";
        }
        return all.stream().anyMatch(s -> s.state().equals("Clean")) ? "#2ecc71" : "#95a5a6";
    }

    private static String summary(BufferState st) {
        StringBuilder t = new StringBuilder("owner " + st.owner());
        int n = 0;
        for (LineRun r : st.lines()) {
            if (n++ == MAX_RUNS) {
                t.append("\n... ").append(st.lines().size() - MAX_RUNS).append(" more runs");
                break;
            }
            t.append("\n").append(r.from()).append("..").append(r.to()).append(": ");
            t.append(String.join(" | ", r.states().stream().map(s -> s.text() + " / DRAM " + s.dram()).toList()));
        }
        return t.toString();
    }

    private static String reports(Step s) {
        return String.join("\n", s.reports().stream().map(r -> r.severity() + " " + r.code() + ": " + r.message()).toList());
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

    private static final String CSS = """
            body{font:14px system-ui,sans-serif;margin:12px;color:#222}h1{font-size:18px}
            #layout{display:flex;gap:16px;align-items:flex-start}#source{flex:0 0 40%;overflow:auto;max-height:90vh;
            background:#fafafa;border:1px solid #ddd;padding:6px;font:12px monospace}
            .line{display:block;white-space:pre}.line i{display:inline-block;width:3em;color:#999;font-style:normal}
            .stmt{cursor:pointer}.stmt:hover,.hl{background:#fff3c4}#right{flex:1;overflow:auto;max-height:90vh}
            .lanes text{font:11px sans-serif}.cell{cursor:pointer}.cell.hl{stroke:#000;stroke-width:2}
            .report{fill:#c0392b}.witness{fill:none;stroke:#c0392b;stroke-width:1.5}
            .step{border-top:1px solid #eee;padding:4px}.step.hl{background:#fff3c4}.stale{color:#c0392b}
            span.witness{color:#777}.rep.error{color:#c0392b}.rep.warning{color:#b7950b}
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
            document.body.dataset.ready='yes';
            """;
}
