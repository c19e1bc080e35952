package org.dmasim.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dmasim.interpreter.diag.Style;

/**
 * Colours the text of an error the API hands back already rendered ({@code file:line:col: error: ...},
 * the source line, the carets, {@code = help:}): the parts {@link org.dmasim.interpreter.diag.DiagnosticRenderer}
 * paints itself when it renders with a style.
 */
final class StyledText {
    private static final Pattern HEADER = Pattern.compile("^(\\S.*?:\\d+:\\d+:)? ?((?:error|warning)(?:\\[\\w+\\])?:)(.*)$");
    private static final Pattern CARETS = Pattern.compile("^(\\s+\\|\\s*)(\\^+)$");
    private static final Pattern NOTE = Pattern.compile("^(\\s+)(= (?:help|note):)(.*)$");

    private StyledText() {
    }

    static String error(String text, Style style) {
        if (style == Style.PLAIN) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        Style.Role role = Style.Role.ERROR;
        for (String line : text.split("\n", -1)) {
            Matcher m;
            if ((m = HEADER.matcher(line)).matches()) {
                role = m.group(2).startsWith("warning") ? Style.Role.WARNING : Style.Role.ERROR;
                out.append(m.group(1) == null ? "" : style.paint(Style.Role.LOCATION, m.group(1)) + " ")
                        .append(style.paint(role, m.group(2))).append(m.group(3));
            } else if ((m = CARETS.matcher(line)).matches()) {
                out.append(m.group(1)).append(style.paint(role, m.group(2)));
            } else if ((m = NOTE.matcher(line)).matches()) {
                out.append(m.group(1)).append(style.paint(Style.Role.NOTE, m.group(2))).append(m.group(3));
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }
}
