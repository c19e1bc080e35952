package org.dmasim.repl;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.dmasim.interpreter.Executions;

/**
 * {@code :executions}: the executions the session's entries denote, each as the interleaving of the
 * CPU's statements with the jobs' steps, what the jobs not known complete have done, and which value
 * each branch on an uncertain read followed (docs/concurrency.md).
 */
final class ExecutionsView {
    /** CPU steps in a row beyond this many are shortened to the first and the last. */
    private static final int RUN = 4;

    private final PrintStream out;

    ExecutionsView(PrintStream out) {
        this.out = out;
    }

    /** Describes the first {@code limit} executions. */
    void print(Executions executions, int limit) {
        if (executions == null) {
            out.println("1 execution: no entry started a device job or branched on a read with several values");
            return;
        }
        int n = executions.count();
        List<Executions.One> described = executions.described();
        int shown = Math.min(limit, described.size());
        out.println(n + " execution" + (n == 1 ? "" : "s") + (executions.bounded() ? " (bounded by --max-executions)"
                : "") + " after the last entry" + (shown < n ? "; the first " + shown + ":" : ":"));
        for (int i = 0; i < shown; i++) {
            Executions.One one = described.get(i);
            String number = String.format("%4s ", (i + 1) + ".");
            List<String> lines = new ArrayList<>();
            if (!one.schedule().isEmpty()) {
                lines.add("interleaving: " + interleaving(one.schedule()));
            }
            if (!one.jobs().isEmpty()) {
                lines.add("jobs: " + one.jobs());
            } else if (!one.schedule().isEmpty()) {
                lines.add("jobs: every job is known complete");
            }
            for (String b : one.branches()) {
                lines.add("branch: " + b);
            }
            if (lines.isEmpty()) {
                lines.add("no job ran and no branch was restricted");
            }
            for (int k = 0; k < lines.size(); k++) {
                out.println((k == 0 ? number : "     ") + lines.get(k));
            }
        }
        if (shown < n) {
            out.println("     ... and " + (n - shown) + " more" + (shown < described.size() ? " (:executions "
                    + described.size() + " shows " + (described.size() == n ? "them all" : "the first "
                            + described.size()) + ")" : ""));
        }
    }

    /** {@code cpu [2]:1:9, then nic [2]:2:5 [2]:3:5, then cpu [3]:1:1 ... [5]:1:1 (6 steps)}. */
    static String interleaving(List<String> schedule) {
        List<String> groups = new ArrayList<>();
        String agent = null;
        List<String> sites = new ArrayList<>();
        for (String step : schedule) {
            int space = step.indexOf(' ');
            String who = space < 0 ? step : step.substring(0, space);
            String where = space < 0 ? "" : step.substring(space + 1);
            if (!who.equals(agent) && agent != null) {
                groups.add(group(agent, sites));
                sites.clear();
            }
            agent = who;
            sites.add(where);
        }
        if (agent != null) {
            groups.add(group(agent, sites));
        }
        return String.join(", then ", groups);
    }

    private static String group(String agent, List<String> sites) {
        if (sites.size() <= RUN) {
            return agent + " " + String.join(" ", sites);
        }
        return agent + " " + sites.get(0) + " ... " + sites.get(sites.size() - 1) + " (" + sites.size() + " steps)";
    }
}
