package org.dmasim.interpreter;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a time limit is written on the command line and in the JUnit engine's configuration:
 * {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT30S}).
 */
public final class DurationText {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

    private DurationText() {
    }

    /** The positive duration {@code text} names; {@link IllegalArgumentException} with a user-facing message otherwise. */
    public static Duration parse(String text) {
        Duration d = parseAny(text.trim());
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is not a positive duration");
        }
        return d;
    }

    private static Duration parseAny(String text) {
        Matcher m = SHORT.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (use e.g. 500ms, 30s, 2m)");
        }
    }
}
