package org.dmasim.interpreter.explore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dmasim.engine.cache.ReadFilter;
import org.dmasim.engine.footprint.Touches;

/**
 * One choice point of an execution, kept on the explorer's depth-first path so that later
 * executions can replay it or take another alternative there.
 */
sealed interface Choice {
    /**
     * A scheduling point: which enabled agent takes the next step. The sets are the DPOR state
     * of the point: {@code backtrack} (agents still to try), {@code explored} (tried, with what
     * their step touched), {@code sleep} (agents whose step here is known to lead only to
     * executions already explored, with what that step touches).
     */
    final class Sched implements Choice {
        int agent;
        Set<Integer> enabled;
        final Set<Integer> backtrack = new TreeSet<>();
        final Map<Integer, Touches> explored = new LinkedHashMap<>();
        final Map<Integer, Touches> sleep;
        /** What the chosen agent's step touched in the latest execution. */
        Touches touches = Touches.NONE;

        Sched(int agent, Set<Integer> enabled, Map<Integer, Touches> sleep) {
            this.agent = agent;
            this.enabled = enabled;
            this.sleep = sleep;
            backtrack.add(agent);
        }

        @Override
        public String toString() {
            return "sched(" + agent + " of " + enabled + ")";
        }
    }

    /** A fork at a read: which class of its outcomes this execution follows. */
    final class Data implements Choice {
        final int read;
        final List<ReadFilter> classes;
        int chosen;

        Data(int read, List<ReadFilter> classes) {
            this.read = read;
            this.classes = new ArrayList<>(classes);
        }

        ReadFilter filter() {
            return classes.get(chosen);
        }

        @Override
        public String toString() {
            return "data(read " + read + ": " + chosen + " of " + classes.size() + ")";
        }
    }

    /**
     * Which value a CPU load returns under a weak load order (docs/concurrency.md, "Ordering"):
     * the value at its place in the program (first), one its location held earlier in its window,
     * or one it held later, before something ordered the load (found by later executions and added).
     */
    final class Version implements Choice {
        final List<byte[]> values = new ArrayList<>();
        /** How the load got each value, for values found after it (its witness). */
        final List<String> notes = new ArrayList<>();
        int chosen;

        Version(List<byte[]> values) {
            this.values.addAll(values);
            values.forEach(v -> notes.add(null));
        }

        byte[] value() {
            return values.get(chosen);
        }

        /** Adds a value not yet among the alternatives. */
        void offer(byte[] v, String note) {
            for (byte[] w : values) {
                if (java.util.Arrays.equals(v, w)) {
                    return;
                }
            }
            values.add(v);
            notes.add(note);
        }

        @Override
        public String toString() {
            return "version(" + chosen + " of " + values.size() + ")";
        }
    }
}
