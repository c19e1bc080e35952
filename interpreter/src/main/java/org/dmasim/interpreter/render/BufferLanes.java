package org.dmasim.interpreter.render;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dmasim.interpreter.eval.OutcomeText;
import org.dmasim.interpreter.timeline.BufferState;
import org.dmasim.interpreter.timeline.LineRun;
import org.dmasim.interpreter.timeline.LineState;
import org.dmasim.interpreter.timeline.ReadEvent;
import org.dmasim.interpreter.timeline.Step;
import org.dmasim.interpreter.timeline.Timeline;

/**
 * One buffer's swimlanes in inline SVG, a column per step: a lane per owner (the CPU and each
 * device that owns it at some point) filled where that one owns it, the cache lines coloured by
 * their worst state, the bounce slot when it is bounced, report markers, and witness arrows from
 * where a stale value came from to the read that may return it. Every cell's tooltip says what it
 * stands for; a cell's {@code data-step} links it to its statement.
 */
final class BufferLanes {
    /** Runs of lines listed per buffer and step; the rest are counted, so big buffers stay small. */
    static final int MAX_RUNS = 16;
    static final int COLUMN = 22;
    static final int LANE = 18;
    static final int LEFT = 90;
    private static final Pattern AT = Pattern.compile("at (\\d+):(\\d+)");
    private static final String[] PALETTE = {"#e67e22", "#8e44ad", "#16a085", "#c0392b", "#2c3e50", "#d35400"};

    private final Timeline timeline;
    private final StringBuilder b;

    BufferLanes(Timeline timeline, StringBuilder out) {
        this.timeline = timeline;
        this.b = out;
    }

    void draw(Timeline.Buffer buffer) {
        List<Step> steps = timeline.steps();
        List<String> owners = owners(buffer);
        boolean bounced = steps.stream().map(s -> s.buffers().get(buffer.name()))
                .anyMatch(st -> st != null && st.bounced());
        List<String> names = new ArrayList<>(owners);
        int cache = names.size();
        names.add("cache");
        int bounce = bounced ? names.size() : -1;
        if (bounced) {
            names.add("bounce slot");
        }
        int reports = names.size();
        names.add("reports");
        int width = LEFT + steps.size() * COLUMN + 10;
        b.append("<section class=\"buffer\"><h2>").append(HtmlPage.esc(buffer.name())).append(" <small>")
                .append(buffer.size()).append(" bytes, ").append(buffer.lineSize()).append("-byte lines</small></h2>\n")
                .append("<svg class=\"lanes\" width=\"").append(width).append("\" height=\"")
                .append(names.size() * LANE + 8).append("\" xmlns=\"http://www.w3.org/2000/svg\">")
                .append("<defs><marker id=\"arrow").append(timeline.buffers().indexOf(buffer))
                .append("\" markerWidth=\"6\" markerHeight=\"6\" refX=\"5\" refY=\"3\"")
                .append(" orient=\"auto\"><path d=\"M0,0 L6,3 L0,6 z\" fill=\"#c0392b\"/></marker></defs>");
        for (int l = 0; l < names.size(); l++) {
            b.append("<text x=\"4\" y=\"").append(l * LANE + 13).append("\">").append(HtmlPage.esc(names.get(l)))
                    .append("</text>");
        }
        for (Step s : steps) {
            BufferState st = s.buffers().get(buffer.name());
            int x = LEFT + s.index() * COLUMN;
            if (st != null) {
                for (String o : st.owner().split("\\+")) {
                    int lane = owners.indexOf(o);
                    if (lane >= 0) {
                        rect(x, lane * LANE, ownerColor(o), "owner after " + s.position() + ": " + st.owner(), s.index());
                    }
                }
                rect(x, cache * LANE, cacheColor(st), summary(st), s.index());
                if (bounced) {
                    String slot = st.lines().stream().flatMap(r -> r.bounce().stream()).distinct().toList().toString();
                    rect(x, bounce * LANE, st.bounced() ? "#f1c40f" : "#ecf0f1", "bounce slot: " + slot, s.index());
                }
            }
            if (!s.reports().isEmpty() && s.touched().contains(buffer.name())) {
                int y = reports * LANE;
                b.append("<path class=\"report\" data-step=\"").append(s.index()).append("\" d=\"M").append(x + 3)
                        .append(',').append(y + 15).append(" L").append(x + 11).append(',').append(y + 2).append(" L")
                        .append(x + 19).append(',').append(y + 15).append(" z\"><title>").append(HtmlPage.esc(reports(s)))
                        .append("</title></path>");
            }
            arrows(buffer, s, cache * LANE, "arrow" + timeline.buffers().indexOf(buffer));
        }
        b.append("</svg></section>\n");
    }

    /** The CPU, then every device that owns the buffer at some step, in the order they first do. */
    private List<String> owners(Timeline.Buffer buffer) {
        Set<String> owners = new LinkedHashSet<>();
        owners.add("cpu");
        for (Step s : timeline.steps()) {
            BufferState st = s.buffers().get(buffer.name());
            if (st != null && !st.owner().equals("none")) {
                owners.addAll(List.of(st.owner().split("\\+")));
            }
        }
        return List.copyOf(owners);
    }

    /**
     * Witness arrows: from the statement a stale value's witness names ({@code CPU write at 34:1},
     * {@code zeroed by alloc_pages at 7:10}) to the read that may return it, on the lanes of the
     * buffers either statement touched.
     */
    private void arrows(Timeline.Buffer buffer, Step s, int y, String marker) {
        for (ReadEvent r : s.reads()) {
            for (OutcomeText.Line l : r.outcomes()) {
                if (!l.stale()) {
                    continue;
                }
                Matcher m = AT.matcher(l.witness());
                while (m.find()) {
                    Step from = statementAt(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), s.index());
                    if (from == null || !(s.touched().contains(buffer.name())
                            || from.touched().contains(buffer.name()))) {
                        continue;
                    }
                    int x1 = LEFT + from.index() * COLUMN + COLUMN / 2;
                    int x2 = LEFT + s.index() * COLUMN + COLUMN / 2;
                    b.append("<path class=\"witness\" marker-end=\"url(#").append(marker).append(")\" d=\"M")
                            .append(x1).append(',').append(y + 4).append(" Q").append((x1 + x2) / 2).append(',')
                            .append(y - 24).append(' ').append(x2).append(',').append(y + 4).append("\"><title>")
                            .append(HtmlPage.esc(l.value() + " (stale): " + l.witness())).append("</title></path>");
                }
            }
        }
    }

    /** The last statement of the scenario before step {@code before} that holds line:column (null if none). */
    private Step statementAt(int line, int column, int before) {
        Step found = null;
        for (Step from : timeline.steps()) {
            if (from.index() >= before) {
                break;
            }
            if (from.file() == null && from.line() == line && (from.column() <= column || found == null)) {
                found = from;
            }
        }
        return found;
    }

    private void rect(int x, int y, String fill, String title, int step) {
        b.append("<rect class=\"cell\" data-step=\"").append(step).append("\" x=\"").append(x).append("\" y=\"")
                .append(y + 1).append("\" width=\"").append(COLUMN - 2).append("\" height=\"").append(LANE - 2)
                .append("\" fill=\"").append(fill).append("\"><title>").append(HtmlPage.esc(title)).append("</title></rect>");
    }

    private String ownerColor(String owner) {
        return owner.equals("cpu") ? "#4a90d9"
                : PALETTE[Math.floorMod(timeline.devices().indexOf(owner), PALETTE.length)];
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

    /** The tooltip of a cache cell: the owner and every run of equal lines (at most {@link #MAX_RUNS}). */
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
}
