package org.dmasim.examples;

import java.util.List;

/** A unified-diff hunk around the first difference between two texts (one hunk, not a minimal diff). */
final class FirstDifference {
    private static final int CONTEXT = 3;
    private static final int MAX_CHANGED = 40;

    private FirstDifference() {
    }

    static String of(String expected, String actual, String expectedName) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        if (prefix == a.size() && prefix == b.size()) {
            return "(the texts differ only in line endings or the final newline)\n";
        }
        int from = Math.max(0, prefix - CONTEXT);
        int aChangedEnd = a.size() - suffix;
        int bChangedEnd = b.size() - suffix;
        int trailing = Math.min(CONTEXT, suffix);
        StringBuilder hunk = new StringBuilder()
                .append("--- ").append(expectedName).append(" (expected)\n")
                .append("+++ actual\n")
                .append("@@ -").append(from + 1).append(',').append(aChangedEnd + trailing - from)
                .append(" +").append(from + 1).append(',').append(bChangedEnd + trailing - from)
                .append(" @@\n");
        lines(hunk, ' ', a, from, prefix);
        lines(hunk, '-', a, prefix, aChangedEnd);
        lines(hunk, '+', b, prefix, bChangedEnd);
        lines(hunk, ' ', a, aChangedEnd, aChangedEnd + trailing);
        return hunk.toString();
    }

    private static void lines(StringBuilder out, char mark, List<String> lines, int from, int to) {
        int shown = Math.min(to, from + MAX_CHANGED);
        for (int i = from; i < shown; i++) {
            out.append(mark).append(lines.get(i)).append('\n');
        }
        if (shown < to) {
            out.append(mark).append("... ").append(to - shown).append(" more lines\n");
        }
    }
}
