package org.dmasim.interpreter.explore;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The race analysis of source-DPOR (Abdulla, Aronis, Jonsson, Sagonas, POPL 2014, Algorithm 1),
 * done on a finished execution: for every pair of steps of different agents that touch a common
 * line or object (one writing it) with no step ordered between them, the scheduling point before
 * the first step must also try an agent that can start the reversed order. Happens-before is
 * computed with vector clocks: a step is ordered after the earlier steps of its agent, after the
 * steps it depends on, and after the signals it waited for.
 */
final class Dpor {
    private Dpor() {
    }

    /** Pairs of steps compared between two looks at the clock. */
    private static final long CLOCK_EVERY = 1 << 20;

    /**
     * Adds to the backtrack sets of {@code events}' scheduling points what their races need.
     * {@code onTime} throws when the run's time is up: it is asked first, and then every
     * {@link #CLOCK_EVERY} pairs (the analysis compares each step with those before it: the
     * 100,000 steps of a loop that ran within its limit took 20 s more, fuzz finding "overrun").
     */
    static void analyze(List<Event> events, int agents, Runnable onTime) {
        int m = events.size();
        int[][] clock = new int[m][];
        List<Integer> races = new ArrayList<>();
        onTime.run();
        long pairs = 0;
        for (int i = 0; i < m; i++) {
            pairs += i;
            if (pairs >= CLOCK_EVERY) {
                onTime.run();
                pairs = 0;
            }
            Event ei = events.get(i);
            int[] vc = new int[agents];
            races.clear();
            for (int j = i - 1; j >= 0; j--) {
                Event ej = events.get(j);
                if (vc[ej.agent] > ej.local || !ej.ordered(ei)) {
                    continue;
                }
                if (ej.agent != ei.agent && ej.races(ei) && !repeatsFailedPoll(events, j, i)) {
                    races.add(j);
                }
                join(vc, clock[j]);
            }
            vc[ei.agent] = Math.max(vc[ei.agent], ei.local + 1);
            clock[i] = vc;
            for (int j : races) {
                reverse(events, clock, j, i);
                pairs += i - j; // reverse walks the steps between the two
            }
        }
    }

    /**
     * The race of steps {@code j} and {@code i}: at the point before {@code j}, some agent that
     * can begin {@code v} (the steps after {@code j} not ordered after it, then {@code i}) must be
     * tried, unless one already is.
     */
    private static void reverse(List<Event> events, int[][] clock, int j, int i) {
        Event ej = events.get(j);
        Event ei = events.get(i);
        List<Integer> v = new ArrayList<>();
        for (int k = j + 1; k < i; k++) {
            if (clock[k][ej.agent] <= ej.local) {
                v.add(k);
            }
        }
        v.add(i);
        Set<Integer> initials = new LinkedHashSet<>();
        Set<Integer> seen = new LinkedHashSet<>();
        for (int a = 0; a < v.size(); a++) {
            Event ek = events.get(v.get(a));
            if (!seen.add(ek.agent)) {
                continue;
            }
            boolean first = true;
            for (int b = 0; b < a && first; b++) {
                Event el = events.get(v.get(b));
                if (clock[v.get(a)][el.agent] > el.local) {
                    first = false;
                }
            }
            if (first) {
                initials.add(ek.agent);
            }
        }
        Choice.Sched at = ej.choice;
        for (int q : initials) {
            if (at.backtrack.contains(q)) {
                return;
            }
        }
        at.backtrack.add(initials.contains(ei.agent) ? ei.agent : initials.iterator().next());
    }

    /**
     * Whether moving poll {@code i} before step {@code j} would only repeat its previous, failed
     * evaluation: that one came before {@code j}, and nothing wrote what the poll reads in between.
     */
    private static boolean repeatsFailedPoll(List<Event> events, int j, int i) {
        Event ei = events.get(i);
        if (!ei.pollEval) {
            return false;
        }
        int p = i - 1;
        while (p >= 0 && events.get(p).agent != ei.agent) {
            p--;
        }
        if (p < 0 || p >= j || !events.get(p).poll) {
            return false;
        }
        for (int k = p + 1; k < j; k++) {
            if (events.get(k).touches.writesInto(ei.touches)) {
                return false;
            }
        }
        return true;
    }

    private static void join(int[] into, int[] other) {
        for (int k = 0; k < other.length && k < into.length; k++) {
            into[k] = Math.max(into[k], other[k]);
        }
    }
}
