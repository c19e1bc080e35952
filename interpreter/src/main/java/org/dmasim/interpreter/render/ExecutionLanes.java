package org.dmasim.interpreter.render;

import java.util.ArrayList;
import java.util.List;
import org.dmasim.interpreter.timeline.Timeline;

/**
 * The executions of a run with device jobs: a selector, and for the execution selected its
 * interleaving as lanes in inline SVG, one per agent (the CPU, each device job), a cell per step
 * in the order the explorer took them; a cell's tooltip says who took the step and where, and
 * clicking it marks that line of the source. Only so many steps are drawn in all, so the page of
 * a run with many long executions stays small; the rest are counted.
 */
final class ExecutionLanes {
    /** Steps drawn over all executions. */
    static final int MAX_STEPS = 20_000;
    private static final int COLUMN = 14;
    private static final int LANE = 18;
    private static final int LEFT = 90;
    private static final String[] PALETTE = {"#e67e22", "#8e44ad", "#16a085", "#c0392b", "#2c3e50", "#d35400"};

    private ExecutionLanes() {
    }

    static void draw(Timeline timeline, StringBuilder b) {
        List<Timeline.Execution> executions = timeline.executions();
        if (executions.isEmpty()) {
            return;
        }
        List<Timeline.Execution> drawn = new ArrayList<>();
        int steps = 0;
        for (Timeline.Execution e : executions) {
            if (!drawn.isEmpty() && steps + e.schedule().size() > MAX_STEPS) {
                break;
            }
            drawn.add(e);
            steps += e.schedule().size();
        }
        b.append("<section id=\"executions\"><h2>Executions <small>").append(timeline.executionCount())
                .append(" explored").append(drawn.size() < timeline.executionCount()
                        ? ", the first " + drawn.size() + " drawn" : "")
                .append("</small></h2>\n<p class=\"legend\">The statements above follow execution 1. Each execution's"
                        + " interleaving from the first job's start: a lane per agent, a cell per step in the order"
                        + " taken; click a cell for its line.</p>\n<label>execution <select id=\"execution\">");
        for (Timeline.Execution e : drawn) {
            b.append("<option value=\"").append(e.number()).append("\">").append(e.number()).append(" of ")
                    .append(timeline.executionCount()).append(" (").append(e.schedule().size()).append(" steps)</option>");
        }
        b.append("</select></label>\n");
        for (int i = 0; i < drawn.size(); i++) {
            lanes(drawn.get(i), i == 0, b);
        }
        b.append("</section>\n");
    }

    /** One execution's lanes: the agents in the order they first step, the CPU first. */
    private static void lanes(Timeline.Execution e, boolean shown, StringBuilder b) {
        List<String> agents = new ArrayList<>(List.of("cpu"));
        for (String step : e.schedule()) {
            String agent = agent(step);
            if (!agents.contains(agent)) {
                agents.add(agent);
            }
        }
        int width = LEFT + e.schedule().size() * COLUMN + 10;
        b.append("<svg class=\"jobs\" data-execution=\"").append(e.number()).append("\" width=\"").append(width)
                .append("\" height=\"").append(agents.size() * LANE + 4).append("\"")
                .append(shown ? "" : " style=\"display:none\"").append(" xmlns=\"http://www.w3.org/2000/svg\">");
        for (int a = 0; a < agents.size(); a++) {
            b.append("<text x=\"4\" y=\"").append(a * LANE + 13).append("\">").append(HtmlPage.esc(agents.get(a)))
                    .append("</text>");
        }
        List<String> schedule = e.schedule();
        for (int i = 0; i < schedule.size(); i++) {
            String step = schedule.get(i);
            int a = agents.indexOf(agent(step));
            String where = step.substring(Math.min(step.length(), agent(step).length() + 1));
            int colon = where.indexOf(':');
            String line = colon > 0 && where.substring(0, colon).chars().allMatch(Character::isDigit)
                    ? where.substring(0, colon) : "";
            b.append("<rect class=\"jobstep\" data-line=\"").append(line).append("\" x=\"")
                    .append(LEFT + i * COLUMN).append("\" y=\"").append(a * LANE + 1).append("\" width=\"")
                    .append(COLUMN - 2).append("\" height=\"").append(LANE - 2).append("\" fill=\"")
                    .append(a == 0 ? "#4a90d9" : PALETTE[(a - 1) % PALETTE.length]).append("\"><title>step ")
                    .append(i + 1).append(": ").append(HtmlPage.esc(step)).append("</title></rect>");
        }
        b.append("</svg>\n");
    }

    /** Who took a step: its first word ({@code cpu}, a device, a job's label). */
    private static String agent(String step) {
        int space = step.indexOf(' ');
        return space < 0 ? step : step.substring(0, space);
    }
}
