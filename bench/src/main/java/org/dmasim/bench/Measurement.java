package org.dmasim.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * One row of the benchmark table: the median of the timed rounds with their spread, the target
 * and whether the median meets it. {@code target} is NaN for a reference row (no target).
 *
 * @param atMost true when lower is better (the target is a maximum)
 */
public record Measurement(String name, String description, String unit, double median, double min, double max,
        int rounds, double target, boolean atMost) {

    /** The median, min and max of {@code samples}. */
    public static Measurement of(String name, String description, String unit, double[] samples, double target,
            boolean atMost) {
        double[] s = samples.clone();
        Arrays.sort(s);
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return new Measurement(name, description, unit, median, s[0], s[s.length - 1], s.length, target, atMost);
    }

    public boolean hasTarget() {
        return !Double.isNaN(target);
    }

    /** True for a reference row, else whether the median meets the target. */
    public boolean pass() {
        return !hasTarget() || (atMost ? median <= target : median >= target);
    }

    String targetText() {
        return hasTarget() ? (atMost ? "<= " : ">= ") + format(target) + " " + unit : "-";
    }

    String measuredText() {
        return format(median) + " " + unit;
    }

    String spreadText() {
        return rounds > 1 ? format(min) + " .. " + format(max) : "-";
    }

    static String format(double v) {
        double a = Math.abs(v);
        String f = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, f, v);
    }
}
