package org.dmasim.interpreter.timeline;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The timeline of one range as a text table for an 80-column terminal: one row per statement that
 * touched the range, with who owns it, each run of cache lines in equal state (one line per
 * possible state), what DRAM and the bounce slot hold, and the reports raised there.
 */
public final class TimelineText {
    /** The terminal width the table fits. */
    public static final int WIDTH = 80;
    /** Runs of lines shown per row; the rest are counted. */
    static final int MAX_RUNS = 8;
    private static final int MIN_STATEMENT = 10;
    private static final String GAP = "  ";
    private static final String[] HEADS = {"at", "statement", "owner", "bytes", "cache", "DRAM", "bounce"};

    private TimelineText() {
    }

    /** Prints the table of {@code key}'s range (the buffer name or range text the timeline recorded). */
    public static void print(Timeline timeline, String key, PrintStream out) {
        Timeline.Buffer buffer = timeline.buffers().stream().filter(b -> b.name().equals(key)).findFirst().orElse(null);
        if (buffer == null) {
            out.println("timeline of " + key + ": no statement made it exist");
            return;
        }
        List<Step> shown = timeline.steps().stream()
                .filter(s -> s.touched().contains(key) || (s.line() == 0 && !s.reports().isEmpty()))
                .toList();
        // the bounce column only where some state of the range is bounced
        int columns = shown.stream().map(s -> s.buffers().get(key)).anyMatch(b -> b != null && b.bounced())
                ? HEADS.length : HEADS.length - 1;
        List<List<String[]>> rows = new ArrayList<>();
        BufferState before = null;
        for (Step s : shown) {
            BufferState state = s.buffers().get(key);
            rows.add(cells(s, state, state != null && state.equals(before)).stream()
                    .map(r -> Arrays.copyOf(r, columns)).toList());
            before = state;
        }
        List<String[]> cells = rows.stream().flatMap(List::stream).toList();
        int[] width = widths(cells, columns);
        out.println(fit("timeline of " + key + ": " + buffer.size() + " bytes, " + buffer.lineSize() + "-byte lines, "
                + "touched by " + shown.size() + " of " + timeline.steps().size() + " statements", WIDTH));
        out.println(row(Arrays.copyOf(HEADS, columns), width));
        for (int i = 0; i < shown.size(); i++) {
            Step s = shown.get(i);
            for (String[] r : rows.get(i)) {
                out.println(row(r, width));
            }
            if (!s.reports().isEmpty()) {
                List<String> codes = s.reports().stream().map(r -> r.severity() + " " + r.code()).toList();
                out.println(fit(" ".repeat(width[0]) + GAP + "reports: " + String.join(", ", codes), WIDTH));
            }
        }
        out.println("(stale): a CPU read in that state returns older data than the last write");
        out.println("DRAM: what a non-snooping device reads");
        if (columns == HEADS.length) {
            out.println("bounce: what the device finds in the swiotlb bounce slot");
        }
    }

    /**
     * The physical lines of one row: the first names the statement, the others continue its states;
     * a state equal to the row above is one line, {@code unchanged}.
     */
    private static List<String[]> cells(Step s, BufferState state, boolean unchanged) {
        List<String[]> out = new ArrayList<>();
        String[] first = {s.position(), s.statement(), state == null ? "" : state.owner(), "", "", "", ""};
        out.add(first);
        if (state == null) {
            return out;
        }
        if (unchanged) {
            first[4] = "unchanged";
            return out;
        }
        int line = 0;
        List<LineRun> runs = state.lines();
        for (int r = 0; r < runs.size() && r < MAX_RUNS; r++) {
            LineRun run = runs.get(r);
            int height = Math.max(run.states().size(), run.bounce().size());
            for (int k = 0; k < height; k++) {
                String[] cells = line < out.size() ? out.get(line) : blank(out);
                if (k == 0) {
                    cells[3] = run.from() + ".." + run.to();
                    cells[6] = state.bounced() ? "" : "-";
                }
                cells[4] = k < run.states().size() ? run.states().get(k).text() : "";
                cells[5] = k < run.states().size() ? run.states().get(k).dram() : "";
                if (k < run.bounce().size()) {
                    cells[6] = run.bounce().get(k);
                }
                line++;
            }
        }
        if (runs.size() > MAX_RUNS) {
            String[] more = blank(out);
            more[3] = "(" + (runs.size() - MAX_RUNS) + " more runs)";
        }
        return out;
    }

    private static String[] blank(List<String[]> rows) {
        String[] cells = {"", "", "", "", "", "", ""};
        rows.add(cells);
        return cells;
    }

    /** Natural widths; the statement column gives way first, then the value columns, so rows fit {@link #WIDTH}. */
    private static int[] widths(List<String[]> rows, int columns) {
        int[] w = new int[columns];
        for (int i = 0; i < columns; i++) {
            w[i] = HEADS[i].length();
        }
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        int total = total(w);
        if (total > WIDTH) {
            w[1] = Math.max(MIN_STATEMENT, w[1] - (total - WIDTH));
        }
        // then the widest of the value columns shrinks until the row fits
        while (total(w) > WIDTH) {
            int widest = 4;
            for (int i = 5; i < columns; i++) {
                if (w[i] > w[widest]) {
                    widest = i;
                }
            }
            if (w[widest] <= 8) {
                break;
            }
            w[widest]--;
        }
        return w;
    }

    private static int total(int[] w) {
        int sum = GAP.length() * (w.length - 1);
        for (int x : w) {
            sum += x;
        }
        return sum;
    }

    private static String row(String[] cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                b.append(GAP);
            }
            String c = fit(cells[i], width[i]);
            b.append(c);
            if (i < cells.length - 1) {
                b.append(" ".repeat(width[i] - c.length()));
            }
        }
        return b.toString().stripTrailing();
    }

    /** {@code text}, cut to {@code width} with {@code ...} at the end when longer. */
    static String fit(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        return text.substring(0, Math.max(0, width - 3)) + "...";
    }
}
